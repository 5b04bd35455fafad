import { t } from '../../i18n/i18n.js';
import { KindImportPage } from '../imports/kind-import-page.js';

/**
 * The subjects of cases from a region's register, with their relations: one row per subject (a
 * row per relation), checked as a whole before anything is written (the import pipeline, kind
 * `subjects`), into the cases the user manages.
 */
export function CaseSubjectsImportPage() {
  return (
    <KindImportPage
      kind="subjects"
      title={t('imports.subjects.title')}
      lead={t('imports.subjects.lead')}
      intro={t('imports.subjects.intro')}
      invalidates="cases"
    />
  );
}
