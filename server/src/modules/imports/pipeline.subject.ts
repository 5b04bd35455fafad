import { type SubjectInput, subjectInput } from '@samenspel/contracts';
import type { FieldProblem, KindField } from './pipeline.kinds.js';
import type { Cell } from './pipeline.read.js';
import { kindField as field, fold, readDate, readText, words } from './pipeline.values.js';

/**
 * A subject told in a row (the signals kind, the subjects kind): a person, a company, an address,
 * an account or a vehicle, named in "Soort betrokkene" or told by the fields filled in, checked
 * with the API's own contract (`subjectInput`). One subject per row.
 */

export const subjectKinds = words<SubjectInput['kind']>({
  person: ['persoon', 'natuurlijk persoon', 'betrokkene'],
  company: ['bedrijf', 'onderneming', 'rechtspersoon', 'organisatie'],
  address: ['adres', 'pand'],
  account: ['rekening', 'bankrekening', 'iban'],
  vehicle: ['voertuig', 'kenteken', 'auto'],
});
export const subjectKindNames = 'persoon, bedrijf, adres, rekening, voertuig';

/** The fields of a subject, by the kind of subject that has them. */
const subjectFields: Record<SubjectInput['kind'], readonly string[]> = {
  person: [
    'firstNames',
    'prefix',
    'surname',
    'dateOfBirth',
    'bsn',
    'postcode',
    'houseNumber',
    'addition',
    'street',
    'town',
  ],
  company: ['companyName', 'kvkNumber'],
  address: ['postcode', 'houseNumber', 'addition', 'street', 'town'],
  account: ['iban', 'holder'],
  vehicle: ['registration'],
};
const anySubjectField = [...new Set(Object.values(subjectFields).flat())];

/** The API's names of a subject's fields, as the import's fields. */
const subjectFieldOf: Record<string, string> = {
  firstNames: 'firstNames',
  prefix: 'prefix',
  surname: 'surname',
  dateOfBirth: 'dateOfBirth',
  bsn: 'bsn',
  name: 'companyName',
  kvkNumber: 'kvkNumber',
  postcode: 'postcode',
  houseNumber: 'houseNumber',
  houseNumberAddition: 'addition',
  street: 'street',
  town: 'town',
  iban: 'iban',
  holder: 'holder',
  registration: 'registration',
};
/** The fields of a row's subject, personal ones masked in the report. */
export const subjectImportFields: readonly KindField[] = [
  field('subjectKind', 'Soort betrokkene', `${subjectKindNames}. Leeg: afgeleid uit wat is ingevuld.`, [
    'soort betrokkene',
    'soort subject',
    'betrokkene',
  ]),
  field('firstNames', 'Voornamen', 'Van een persoon.', ['voornamen', 'voornaam'], { personal: true }),
  field('prefix', 'Tussenvoegsel', 'Van een persoon: van, de, van der …', ['tussenvoegsel', 'voorvoegsel'], {
    personal: true,
  }),
  field('surname', 'Achternaam', 'Van een persoon.', ['achternaam', 'geslachtsnaam'], { personal: true }),
  field('dateOfBirth', 'Geboortedatum', 'Van een persoon, zoals 31-12-1980.', ['geboortedatum', 'geboren'], {
    personal: true,
  }),
  field(
    'bsn',
    'BSN',
    'Van een persoon: negen cijfers die de elfproef doorstaan.',
    ['bsn', 'burgerservicenummer'],
    {
      personal: true,
    },
  ),
  field('companyName', 'Bedrijfsnaam', 'Van een bedrijf.', ['bedrijfsnaam', 'handelsnaam', 'bedrijf'], {
    personal: true,
  }),
  field('kvkNumber', 'KvK-nummer', 'Van een bedrijf: acht cijfers.', ['kvk-nummer', 'kvk', 'kvknummer']),
  field('street', 'Straat', 'Het adres van een persoon, of het adres zelf.', ['straat', 'straatnaam'], {
    personal: true,
  }),
  field('houseNumber', 'Huisnummer', 'Bij het adres.', ['huisnummer', 'nr'], { personal: true }),
  field(
    'addition',
    'Toevoeging',
    'Bij het huisnummer, zoals A of 2-hoog.',
    ['toevoeging', 'huisnummertoevoeging'],
    {
      personal: true,
    },
  ),
  field('postcode', 'Postcode', 'Bij het adres, zoals 3511 ED.', ['postcode'], { personal: true }),
  field('town', 'Plaats', 'Bij het adres.', ['plaats', 'woonplaats'], { personal: true }),
  field('iban', 'IBAN', 'Van een rekening.', ['iban', 'rekeningnummer'], { personal: true }),
  field('holder', 'Rekeninghouder', 'Van een rekening.', ['rekeninghouder', 'tenaamstelling'], {
    personal: true,
  }),
  field('registration', 'Kenteken', 'Van een voertuig.', ['kenteken'], { personal: true }),
];

/** The row's subject, checked with the API's contract; undefined when the row names none. */
export function subjectOf(
  cell: (field: string) => Cell | undefined,
  problems: FieldProblem[],
): SubjectInput | undefined {
  const texts = new Map<string, string>();
  for (const key of anySubjectField) {
    if (key === 'dateOfBirth') continue;
    const raw = cell(key) ?? null;
    // A number kept by Excel loses its leading zeros: a BSN has nine digits, a KvK number eight.
    const width = key === 'bsn' ? 9 : key === 'kvkNumber' ? 8 : 0;
    const read = readText(typeof raw === 'number' && width ? String(raw).padStart(width, '0') : raw, 300);
    if (!read.ok) problems.push({ field: key, code: read.code, reason: read.reason });
    else if (read.value) texts.set(key, read.value);
  }
  const born = readDate(cell('dateOfBirth') ?? null);
  if (!born.ok) problems.push({ field: 'dateOfBirth', code: born.code, reason: born.reason });
  const dateOfBirth = born.ok ? born.value : null;
  const kindText = readText(cell('subjectKind') ?? null, 100);
  const named = kindText.ok && kindText.value ? subjectKinds.get(fold(kindText.value)) : undefined;
  if (kindText.ok && kindText.value && !named) {
    problems.push({
      field: 'subjectKind',
      code: 'unknown_subject_kind',
      reason: `Deze soort betrokkene kent Samenspel niet. Kies uit: ${subjectKindNames}.`,
    });
    return undefined;
  }
  const given = (k: string) => texts.has(k) || (k === 'dateOfBirth' && dateOfBirth !== null);
  const kind =
    named ??
    (['firstNames', 'surname', 'bsn', 'dateOfBirth', 'prefix'].some(given)
      ? 'person'
      : ['companyName', 'kvkNumber'].some(given)
        ? 'company'
        : ['iban', 'holder'].some(given)
          ? 'account'
          : given('registration')
            ? 'vehicle'
            : ['postcode', 'houseNumber', 'addition', 'street', 'town'].some(given)
              ? 'address'
              : undefined);
  if (!kind) return undefined;
  const stray = anySubjectField.filter((k) => given(k) && !subjectFields[kind].includes(k));
  for (const k of stray)
    problems.push({
      field: k,
      code: 'not_of_this_kind',
      reason: `Dit veld hoort niet bij een betrokkene van de soort ${[...subjectKinds.entries()].find(([, v]) => v === kind)?.[0] ?? kind}. Zet elke betrokkene op een eigen regel.`,
    });
  if (stray.length) return undefined;
  const t = (k: string) => texts.get(k);
  const address = {
    postcode: t('postcode'),
    houseNumber: t('houseNumber'),
    houseNumberAddition: t('addition'),
    street: t('street'),
    town: t('town'),
  };
  const hasAddress = Object.values(address).some((v) => v !== undefined);
  const request: Record<string, unknown> =
    kind === 'person'
      ? {
          kind,
          firstNames: t('firstNames'),
          prefix: t('prefix'),
          surname: t('surname'),
          dateOfBirth: dateOfBirth ?? undefined,
          bsn: t('bsn'),
          address: hasAddress ? address : undefined,
        }
      : kind === 'company'
        ? { kind, name: t('companyName'), kvkNumber: t('kvkNumber') }
        : kind === 'address'
          ? { kind, ...address }
          : kind === 'account'
            ? { kind, iban: t('iban'), holder: t('holder') }
            : { kind, registration: t('registration') };
  const parsed = subjectInput.safeParse(JSON.parse(JSON.stringify(request)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path.at(-1) ?? '');
      problems.push({ field: subjectFieldOf[name] ?? 'subjectKind', code: 'invalid', reason: issue.message });
    }
    return undefined;
  }
  return parsed.data;
}
