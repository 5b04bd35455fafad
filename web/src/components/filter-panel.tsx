import { type ReactNode, useState } from 'react';
import { t } from '../i18n/i18n.js';

const small = '(max-width: 40rem)';

/**
 * A list's filters, folded away on a small screen (a disclosure: "Filters, 2 actief") so that the
 * list itself is in view, and open on a wide one. The user opens and closes it at will.
 */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const [open, setOpen] = useState(() => typeof window === 'undefined' || !window.matchMedia(small).matches);
  return (
    <details
      className="samenspel-filterpanel"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        {t('list.filters')}
        {active ? ` (${t('list.activeFilters', { count: active })})` : ''}
      </summary>
      {children}
    </details>
  );
}
