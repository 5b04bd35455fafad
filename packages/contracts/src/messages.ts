import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const formats: Record<string, string> = {
  date: 'Geen geldige datum. Gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2022-03-24.',
  datetime: 'Geen geldig tijdstip. Gebruik ISO 8601, bijvoorbeeld 2022-03-24T09:30:00Z.',
  uuid: 'Geen geldige identificatie (UUID).',
  email: 'Geen geldig e-mailadres.',
};

/** Plain Dutch messages for the issues users meet most; the rest comes from zod's Dutch locale. */
function dutchMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_format':
      return formats[issue.format];
    case 'invalid_value':
      return `Kies een van: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `Onbekende parameter "${issue.keys[0]}".`
        : `Onbekende parameters: ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
    case 'invalid_type':
      return issue.input === undefined ? 'Dit veld is verplicht.' : undefined;
    default:
      return undefined;
  }
}

let configured = false;

/** Makes every zod message Dutch. Call once at start-up of the server, the web app and the CLI. */
export function configureDutchMessages(): void {
  if (configured) return;
  z.config(z.locales.nl());
  z.config({ customError: dutchMessage });
  configured = true;
}
