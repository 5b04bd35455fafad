import { parseName } from '@samenspel/contracts';
import { Paragraph } from '@utrecht/component-library-react';
import { t } from '../../i18n/i18n.js';

/**
 * How Samenspel reads a person's name for finding the same person elsewhere, shown under the
 * name fields: tussenvoegsels typed into the surname or first-name field, initials and married
 * names are read the way the matching reads them (the contracts' parseName), so the person
 * entering a signal sees at once whether "v.d. Berg" was understood. Matching ignores case and
 * diacritics, so the reading shows them folded.
 */
export function NameReading({ values }: { values: Record<string, string> }) {
  const surname = values.surname?.trim() ?? '';
  if (!surname) return null;
  const name = parseName({ firstNames: values.firstNames, prefix: values.prefix, surname });
  if (!name.surnames.length) return null;
  const initials = name.initials
    .toUpperCase()
    .split('')
    .map((letter) => `${letter}.`)
    .join('');
  const parts = [
    initials ? t('name.initials', { initials }) : null,
    name.prefix ? t('name.prefix', { prefix: name.prefix }) : null,
    t(name.surnames.length > 1 ? 'name.surnames' : 'name.surname', {
      surname: name.surnames.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(' – '),
    }),
  ].filter(Boolean);
  return (
    <Paragraph appearance="small" aria-live="polite">
      {t('name.readAs')} {parts.join(' · ')}
    </Paragraph>
  );
}
