import { Button } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { t } from '../i18n/i18n.js';
import './copy-button.css';

/**
 * "Kopiëren" for something the user must keep (recovery codes, a new token): copies with the
 * Clipboard API and says so in a live region, which screen readers announce. `label` names what
 * is copied, for when a page has more than one ("Herstelcodes kopiëren").
 */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    // Cleared after a while, so that copying again is announced again.
    const timer = setTimeout(() => setStatus('idle'), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }

  return (
    <span className="samenspel-copy">
      <Button appearance="secondary-action-button" aria-label={label} onClick={() => void copy()}>
        {t('copy.button')}
      </Button>
      <span role="status" className="samenspel-copy__status">
        {status === 'copied' ? t('copy.done') : status === 'failed' ? t('copy.failed') : ''}
      </span>
    </span>
  );
}
