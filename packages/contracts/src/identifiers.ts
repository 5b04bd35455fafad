import { z } from 'zod';

/**
 * Dutch identifiers, checked the way their issuers define them, shared by the forms and the
 * server. Each schema normalises what people type (spaces, lower case) before checking.
 */

const digits = (value: string) => value.replace(/[\s.-]/g, '');

/** The 11-test ("elfproef") of BSN and RSIN: weights 9..2 and -1 for the last digit. */
export function passesElevenTest(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0 && value !== '000000000';
}

/** IBAN check digits: ISO 13616 mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const d of code) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

export const bsn = z
  .string()
  .transform(digits)
  .pipe(
    z
      .string()
      .regex(/^\d{9}$/, 'Een BSN heeft negen cijfers.')
      .refine(passesElevenTest, 'Dit BSN klopt niet (elfproef).'),
  );

export const rsin = z
  .string()
  .transform(digits)
  .pipe(
    z
      .string()
      .regex(/^\d{9}$/, 'Een RSIN heeft negen cijfers.')
      .refine(passesElevenTest, 'Dit RSIN klopt niet (elfproef).'),
  );

export const kvkNumber = z
  .string()
  .transform(digits)
  .pipe(z.string().regex(/^\d{8}$/, 'Een KvK-nummer heeft acht cijfers.'));

export const establishmentNumber = z
  .string()
  .transform(digits)
  .pipe(z.string().regex(/^\d{12}$/, 'Een vestigingsnummer heeft twaalf cijfers.'));

export const iban = z
  .string()
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/,
        'Een IBAN begint met een landcode en twee cijfers, zoals NL91 ABNA 0417 1643 00.',
      )
      .refine(ibanChecksumValid, 'Dit IBAN klopt niet (controlegetal).'),
  );

/** `1234 AB`: four digits not starting with 0, a space, two letters (not SA, SD or SS). */
export const postcode = z
  .string()
  .transform((v) => {
    const compact = v.replace(/\s/g, '').toUpperCase();
    return /^\d{4}[A-Z]{2}$/.test(compact) ? `${compact.slice(0, 4)} ${compact.slice(4)}` : v.trim();
  })
  .pipe(z.string().regex(/^[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}$/, 'Een postcode heeft de vorm 1234 AB.'));

export const houseNumber = z.coerce
  .number({ message: 'Een huisnummer is een getal.' })
  .int('Een huisnummer is een heel getal.')
  .min(1, 'Een huisnummer is minstens 1.')
  .max(99999, 'Dit huisnummer is te groot.');

/** Dutch registration plates: six letters and digits in the sidecodes' groups, with or without dashes. */
export const registrationPlate = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z0-9]{6}$/, 'Een kenteken heeft zes letters en cijfers, zoals 12-ABC-3.')
      .refine((v) => /[A-Z]/.test(v) && /\d/.test(v), 'Een kenteken heeft letters en cijfers.'),
  );

/** What a Dutch address written on one line holds, as far as it can be read. */
export interface AddressParts {
  postcode?: string;
  houseNumber?: number;
  houseNumberAddition?: string;
  street?: string;
  town?: string;
}

/**
 * Reads a Dutch address written on one line, as sources without separate fields give it
 * ("Kerkstraat 12 A, 3511 AB Utrecht", "3511AB Utrecht, Kerkstraat 12-bis", "Kerkstraat 12"):
 * the postcode wherever it is, the first number after a street name as the house number and what
 * follows it as the addition, the words after the postcode (or the last part) as the town.
 */
export function parseDutchAddress(text: string): AddressParts {
  const out: AddressParts = {};
  let rest = text.replace(/\s+/g, ' ').trim();
  const code = /\b([1-9]\d{3}) ?([A-Za-z]{2})\b/.exec(rest);
  if (code && !/^(SA|SD|SS)$/i.test(code[2] ?? '')) {
    out.postcode = `${code[1]} ${(code[2] ?? '').toUpperCase()}`;
    const before = rest.slice(0, code.index);
    const tail = rest.slice(code.index + code[0].length);
    const comma = tail.indexOf(',');
    const after = (comma < 0 ? tail : tail.slice(0, comma)).trim();
    if (after && !/\d/.test(after)) out.town = after;
    rest = [before, out.town ? '' : after, comma < 0 ? '' : tail.slice(comma + 1)].join(',');
  }
  const parts = rest
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const m = /^((?:\d+e )?\p{L}[\p{L}\p{M}.'’ -]*?) (\d{1,5})(?:[ -]*([\p{L}\d]{1,4}))?(?: (\D+))?$/u.exec(
      part,
    );
    if (m && out.houseNumber === undefined) {
      out.street = m[1]?.trim();
      out.houseNumber = Number(m[2]);
      if (m[3]) out.houseNumberAddition = m[3];
      if (m[4] && !out.town) out.town = m[4].trim();
      continue;
    }
    if (!out.town && !/\d/.test(part)) out.town = part;
  }
  return out;
}
