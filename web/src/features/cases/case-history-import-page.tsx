import { t } from '../../i18n/i18n.js';
import { KindImportPage } from '../imports/kind-import-page.js';

/**
 * A region's earlier cases from its old register: one row per dated step, checked as a whole
 * before anything is written (the import pipeline, kind `case-history`).
 */
export function CaseHistoryImportPage() {
  return (
    <KindImportPage
      kind="case-history"
      title={t('imports.caseHistory.title')}
      lead={t('imports.caseHistory.lead')}
      intro={t('imports.caseHistoryIntro')}
      invalidates="cases"
    />
  );
}
