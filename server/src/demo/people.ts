import type { SubjectInput } from '@samenspel/contracts';

/**
 * Dutch-looking people, companies, addresses and accounts for the demo region: invented names,
 * BSNs that pass the 11-test, IBANs with a valid mod-97 checksum, eight-digit KvK numbers and
 * addresses in the region's municipalities. Deterministic from the generator it is given.
 */
type Random = () => number;

export function pick<T>(rnd: Random, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

const firstNames = [
  'Jan',
  'Mohamed',
  'Fatima',
  'Sanne',
  'Kevin',
  'Ayşe',
  'Pieter',
  'Lotte',
  'Youssef',
  'Daan',
  'Ilse',
  'Ricardo',
  'Anouk',
  'Bilal',
  'Dirk-Jan',
  'Esra',
  'Gert',
  'Hanneke',
  'Joëlle',
  'Marco',
  'Noor',
  'Priya',
  'Ruud',
  'Tim',
];
/** The tussenvoegsels each surname is written with in the Netherlands; the rest have none. */
const prefixesOf: Record<string, readonly string[]> = {
  Berg: ['van den', 'van der', 'van de'],
  Veld: ['van der', 'in ’t', 'van ’t'],
  Hoek: ['van den', 'van der', 'de'],
  Boer: ['de', 'den'],
  Wijk: ['van'],
  Brink: ['van den', 'ten'],
  Haan: ['de'],
  Vries: ['de'],
  Graaf: ['de', 'van de'],
};
const surnames = [
  'Berg',
  'Bakker',
  'El Amrani',
  'Visser',
  'Yilmaz',
  'Smit',
  'Meijer',
  'Bos',
  'Mulder',
  'Kaya',
  'Dekker',
  'Jansen',
  'Veld',
  'Hoek',
  'Boer',
  'Wijk',
  'Dijkstra',
  'Öztürk',
  'Brink',
  'Haan',
  'Vries',
  'Bouzid',
  'Kramer',
  'Graaf',
];
const companyStems = [
  'Kapsalon De Schaar',
  'Autobedrijf Midden',
  'Shishalounge Oase',
  'Vastgoed Heuvelrug',
  'Nagelstudio Glamour',
  'Transport & Logistiek Flevo',
  'Belwinkel Centrum',
  'Bouwbedrijf De Fundering',
  'Cafetaria De Hoek',
  'Car Wash Express',
  'Horeca Exploitatie Vecht',
  'Beveiliging Eemland',
  'Handelsonderneming Polder',
  'Schoonmaakbedrijf Glans',
  'Import Export Oost',
  'Uitzendbureau Werkfit',
];
const companyForms = [' B.V.', ' B.V.', ' V.O.F.', '', ' Holding B.V.'];
const streets = [
  'Dorpsstraat',
  'Kerkstraat',
  'Stationsweg',
  'Industrieweg',
  'Molenweg',
  'Nieuwstraat',
  'Julianalaan',
  'Schoolstraat',
  'Marktplein',
  'Havenweg',
];

/** The first two digits of the postcodes of each district (an approximation that looks right). */
const postcodeAreas: Record<string, readonly string[]> = {
  'west-utrecht': ['34'],
  'oost-utrecht': ['37', '38', '39'],
  'utrecht-stad': ['35'],
  flevoland: ['13', '82', '83'],
  'gooi-en-vechtstreek': ['12', '14'],
};

export function bsnFrom(rnd: Random): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(rnd() * 10));
    if (digits[0] === 0) digits[0] = 1;
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    const last = sum % 11;
    if (last <= 9) return [...digits, last].join('');
  }
}

export function ibanFrom(rnd: Random): string {
  const bank = pick(rnd, ['ABNA', 'INGB', 'RABO', 'TRIO', 'SNSB', 'BUNQ']);
  const account = Array.from({ length: 10 }, () => Math.floor(rnd() * 10)).join('');
  const numeric = `${bank}${account}NL00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
  return `NL${String(98 - remainder).padStart(2, '0')}${bank}${account}`;
}

export function kvkFrom(rnd: Random): string {
  return String(10_000_000 + Math.floor(rnd() * 89_999_999));
}

export function demoPerson(rnd: Random): Extract<SubjectInput, { kind: 'person' }> {
  const year = 1960 + Math.floor(rnd() * 42);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
  // Three draws in this order whatever the name, so that a seed always gives the same demo.
  const draw = Math.floor(rnd() * 12);
  const first = pick(rnd, firstNames);
  const surname = pick(rnd, surnames);
  const allowed = prefixesOf[surname] ?? [];
  return {
    kind: 'person',
    firstNames: first,
    prefix: allowed.length ? allowed[draw % allowed.length] : undefined,
    surname,
    dateOfBirth: `${year}-${month}-${day}`,
    ...(rnd() < 0.6 ? { bsn: bsnFrom(rnd) } : {}),
  };
}

export interface DemoPlace {
  /** The municipality's name, used as the town. */
  town: string;
  /** The municipality's code: the demo's address register puts the address inside it. */
  municipalityCode: string;
  districtId: string | null;
}

/** An invented address the demo used, and the municipality it lies in. */
export interface DemoAddress {
  postcode: string;
  houseNumber: number;
  addition: string | undefined;
  street: string;
  town: string;
  municipalityCode: string;
}

/**
 * The addresses the demo's signals and cases name, collected as they are made: the demo's address
 * register (an invented extract, see places.ts) holds them, so that the region map can place them.
 */
export const demoAddressBook = new Map<string, DemoAddress>();

export function noteAddress(address: DemoAddress): void {
  const key = `${address.postcode.replace(/\s/g, '')}|${address.houseNumber}|${(address.addition ?? '').toUpperCase()}`;
  if (!demoAddressBook.has(key)) demoAddressBook.set(key, address);
}

/** The people, company, address and (sometimes) account a signal about a place is about. */
export function demoSubjects(rnd: Random, place: DemoPlace): SubjectInput[] {
  const out: SubjectInput[] = [];
  const persons = 1 + Math.floor(rnd() * 2);
  for (let i = 0; i < persons; i += 1) out.push(demoPerson(rnd));
  out.push({
    kind: 'company',
    name: `${pick(rnd, companyStems)}${pick(rnd, companyForms)}`,
    kvkNumber: kvkFrom(rnd),
  });
  const area = pick(rnd, postcodeAreas[place.districtId ?? ''] ?? ['35']);
  const address = {
    kind: 'address' as const,
    postcode: `${area}${10 + Math.floor(rnd() * 89)} ${pick(rnd, ['AB', 'CD', 'EK', 'GH', 'LM', 'RT', 'VX'])}`,
    houseNumber: 1 + Math.floor(rnd() * 200),
    houseNumberAddition: rnd() < 0.15 ? pick(rnd, ['A', 'B', 'bis', '2']) : undefined,
    street: pick(rnd, streets),
    town: place.town,
  };
  out.push(address);
  noteAddress({
    ...address,
    addition: address.houseNumberAddition,
    municipalityCode: place.municipalityCode,
  });
  if (rnd() < 0.5) out.push({ kind: 'account', iban: ibanFrom(rnd), holder: undefined });
  return out;
}

/** Where the adviser and his wife live (invented). */
const adviserHome = {
  postcode: '3707 GK',
  houseNumber: 23,
  houseNumberAddition: undefined,
  street: 'Lindenlaan',
  town: 'Zeist',
};

/**
 * The facilitator the annual plan describes ("in several cases the same financial adviser stood
 * out"): one administration office and its adviser, who turn up in several demo cases.
 */
export const demoFacilitator = {
  company: {
    kind: 'company',
    name: 'Administratiekantoor De Balans B.V.',
    kvkNumber: '30276418',
  } satisfies SubjectInput,
  adviser: {
    kind: 'person',
    firstNames: 'Reinier',
    prefix: 'de',
    surname: 'Vries',
    dateOfBirth: '1971-04-12',
    bsn: '123456782',
    address: adviserHome,
  } satisfies SubjectInput,
  /** His wife, under her own name, at their home: co-owner of the office. */
  partner: {
    kind: 'person',
    firstNames: 'Marieke',
    prefix: undefined,
    surname: 'Haverkamp',
    dateOfBirth: '1974-09-03',
    address: adviserHome,
  } satisfies SubjectInput,
  /**
   * His wife as another source wrote her down: under her husband's surname, with her initial and
   * no address. Only the household tells the register she is probably Marieke Haverkamp.
   */
  partnerAsRecorded: {
    kind: 'person',
    firstNames: 'M.',
    prefix: 'de',
    surname: 'Vries',
    dateOfBirth: '1974-09-03',
  } satisfies SubjectInput,
  /** The adviser as other sources recorded him, without his BSN: the register's open suggestions. */
  adviserAsRecorded: [
    { kind: 'person', firstNames: 'Reinier', prefix: 'de', surname: 'Fries', dateOfBirth: '1971-04-13' },
    { kind: 'person', firstNames: 'R.', prefix: 'de', surname: 'Vries', dateOfBirth: '1971-04-12' },
  ] satisfies SubjectInput[],
};
