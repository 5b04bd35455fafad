import { t } from '../i18n/i18n.js';

/** Shown while data loads; announced to screen readers through role="status". */
export function Loading({ label = t('loading') }: { label?: string }) {
  return (
    <div className="samenspel-loading" role="status" aria-live="polite">
      <span className="samenspel-loading__spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
