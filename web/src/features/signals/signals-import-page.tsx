import { t } from '../../i18n/i18n.js';
import { KindImportPage } from '../imports/kind-import-page.js';

/**
 * A partner's register of signals: one row per subject of a signal, each signal submitted as the
 * intake form submits one (the import pipeline, kind `signals`).
 */
export function SignalsImportPage() {
  return (
    <KindImportPage
      kind="signals"
      title={t('imports.signals.title')}
      lead={t('imports.signals.lead')}
      intro={t('imports.signals.intro')}
      invalidates="signals"
    />
  );
}
