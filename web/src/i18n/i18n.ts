import nl from './nl.json';

// A typed lookup over two flat JSON files is all the app needs (no plurals engine); a
// translation library would add weight without adding a feature we use. Dutch is in every page;
// English is fetched only when it is chosen.
export type MessageKey = keyof typeof nl;
export type Language = 'nl' | 'en';

const catalogs: Partial<Record<Language, Record<MessageKey, string>>> = { nl };
let language: Language = 'nl';

export async function setLanguage(next: Language): Promise<void> {
  if (next === 'en') catalogs.en ??= (await import('./en.json')).default;
  language = next;
  document.documentElement.lang = next;
}

/**
 * The text for `key` in the current language, with `{name}` placeholders filled in. A text with
 * a singular and a plural form, `{count} dossier|{count} dossiers`, is chosen by `count`: one
 * dossier, six cases, never "dossier(s)".
 */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  let text = (catalogs[language] ?? nl)[key];
  if (text.includes('|') && typeof params.count === 'number') {
    const [one, other] = text.split('|');
    text = (params.count === 1 ? one : other) ?? text;
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Whether the catalogue has a text for this key (for keys made from data, such as field names). */
export function hasMessage(key: string): key is MessageKey {
  return key in nl;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const numberFormat = new Intl.NumberFormat('nl-NL');

export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** A moment (ISO 8601 with time) in Dutch time, to the minute: `28 november 2026 om 18:06`. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
