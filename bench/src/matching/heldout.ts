// The held-out labelled set: Dutch person records made by a generator of its own, written apart
// from the benchmark's set (synthetic.ts) and not tuned on. It differs on purpose: other name
// pools with a long tail of rare surnames, households (partners, children, twins, a son named
// after his father) instead of look-alikes made one by one, every record derived from the
// person's true data with its own errors (so the first record may be wrong too), errors drawn
// from a keyboard rather than the alphabet, dates on the whole calendar, addresses on some
// records only, and other proportions throughout.

import { seededRandom } from '../../../server/src/shared/seeded-random.ts';
import type { LabelledRecord, LabelledSet } from './labelled.ts';

const maleNames = [
  'Gerard',
  'Theo',
  'Adrianus',
  'Lambertus',
  'Arie',
  'Henk',
  'Sjoerd',
  'Wietse',
  'Jelle',
  'Tjeerd',
  'Harm',
  'Job',
  'Luuk',
  'Jesse',
  'Stijn',
  'Thijs',
  'Ruben',
  'Koen',
  'Rutger',
  'Maarten',
  'Johannes',
  'Petrus',
  'Antonius',
  'Franciscus',
  'Wilhelmus',
  'Hubertus',
  'Bart',
  'Vincent',
  'Jasper',
  'Olaf',
  'Remco',
  'Sander',
  'Pim',
  'Floris',
  'Ids',
  'Hidde',
  'Arjen',
  'Reinout',
  'Gijsbert',
  'Teun',
  'Mohammed',
  'Ahmed',
  'Youssef',
  'Mustafa',
  'Hassan',
  'Ibrahim',
  'Omar',
  'Karim',
  'Khalid',
  'Rachid',
  'Abdelaziz',
  'Soufiane',
  'Bilal',
  'Ayoub',
  'Hamza',
  'Murat',
  'Burak',
  'Kemal',
  'Hüseyin',
  'Serkan',
  'Oğuz',
  'Ravi',
  'Sunil',
  'Dinesh',
  'Kenneth',
  'Rudsel',
  'Jurgen',
  'Piotr',
  'Tomasz',
  'Krzysztof',
];
const femaleNames = [
  'Wilma',
  'Gerda',
  'Hennie',
  'Tineke',
  'Janneke',
  'Marijke',
  'Margriet',
  'Geertruida',
  'Petronella',
  'Wendy',
  'Kimberley',
  'Demi',
  'Jolien',
  'Sanne',
  'Marleen',
  'Annelies',
  'Willemijn',
  'Evelien',
  'Lieke',
  'Maud',
  'Fenna',
  'Sietske',
  'Aaltje',
  'Grietje',
  'Mirthe',
  'Jikke',
  'Daphne',
  'Esmée',
  'Cécile',
  'Hélène',
  'Fatima',
  'Khadija',
  'Aicha',
  'Naima',
  'Samira',
  'Ilham',
  'Souad',
  'Imane',
  'Hatice',
  'Esra',
  'Büşra',
  'Elif',
  'Merve',
  'Shanti',
  'Sharmila',
  'Radjkoemarie',
  'Jennifer',
  'Shirley',
  'Agnieszka',
  'Katarzyna',
  'Magdalena',
  'Maria',
  'Johanna',
  'Anna',
  'Elisabeth',
  'Geertje',
  'Hendrika',
  'Cornelia',
  'Adriana',
  'Jacoba',
];
/** Spellings of one first name, from how sources write them. */
const spellings: string[][] = [
  ['Mohammed', 'Mohamed', 'Muhammad', 'Mohammad'],
  ['Ahmed', 'Ahmad', 'Ahmet'],
  ['Youssef', 'Yusuf', 'Youssouf', 'Yousef'],
  ['Mustafa', 'Mustapha', 'Moustafa'],
  ['Hassan', 'Hasan'],
  ['Khalid', 'Khaled'],
  ['Rachid', 'Rashid'],
  ['Abdelaziz', 'Abdulaziz', 'Abdel Aziz'],
  ['Soufiane', 'Sofiane', 'Soufian'],
  ['Bilal', 'Belal'],
  ['Ayoub', 'Ayub', 'Ayyoub'],
  ['Hamza', 'Hamzah'],
  ['Hüseyin', 'Huseyin', 'Hussein'],
  ['Fatima', 'Fatma', 'Fatimah'],
  ['Khadija', 'Khadidja', 'Khadiga'],
  ['Aicha', 'Aisha', 'Aïcha'],
  ['Imane', 'Iman'],
  ['Naima', 'Naïma'],
  ['Ilham', 'Ilhame'],
  ['Thijs', 'Tijs'],
  ['Esmée', 'Esmee', 'Esmay'],
  ['Kimberley', 'Kimberly'],
  ['Krzysztof', 'Krzystof'],
  ['Jennifer', 'Jenifer'],
];
/** Surnames with their tussenvoegsel, roughly by frequency; rare ones are made up below. */
const familyNames: Array<[string, string]> = [
  ['', 'Bergsma'],
  ['', 'Wiersma'],
  ['', 'Jelsma'],
  ['', 'Terpstra'],
  ['', 'Kingma'],
  ['de', 'Haas'],
  ['', 'Tuinstra'],
  ['van', 'Rossum'],
  ['van', "'t Hof"],
  ['van der', 'Sluis'],
  ['ter', 'Beek'],
  ['van', 'Gils'],
  ['de', 'Bruyn'],
  ['van', 'Oosten'],
  ['van', 'Hattem'],
  ['op den', 'Kamp'],
  ['uit den', 'Bogaard'],
  ['', 'Verbeek'],
  ['', 'Hoogendoorn'],
  ['', 'Kuijpers'],
  ['', 'Schuurman'],
  ['', 'Peerenboom'],
  ['', 'Rietveld'],
  ['', 'Wijffels'],
  ['', 'Huijbregts'],
  ['van', 'Rijswijk'],
  ['', 'Aydın'],
  ['', 'Arslan'],
  ['', 'Doğan'],
  ['', 'Koç'],
  ['', 'Kılıç'],
  ['', 'Yıldız'],
  ['', 'Özdemir'],
  ['', 'Aksoy'],
  ['el', 'Idrissi'],
  ['', 'Bennani'],
  ['', 'Ait Taleb'],
  ['el', 'Khattabi'],
  ['', 'Ouali'],
  ['', 'Azzouzi'],
  ['', 'Benali'],
  ['el', 'Ouardi'],
  ['', 'Ziani'],
  ['el', 'Hamdaoui'],
  ['al', 'Hashimi'],
  ['', 'Sewdien'],
  ['', 'Jagroep'],
  ['', 'Ramdhani'],
  ['', 'Kartosen'],
  ['', 'Bhagwandin'],
  ['', 'Martina'],
  ['', 'Isenia'],
  ['', 'Pietersz'],
  ['', 'Kowalski'],
  ['', 'Nowak'],
  ['', 'Wiśniewski'],
  ['van', 'Leeuwen'],
  ['de', 'Wit'],
  ['van den', 'Heuvel'],
  ['', 'Verhoef'],
  ['', 'Brinkman'],
  ['', 'Koopman'],
  ['ten', 'Brink'],
  ['van', 'Beekum'],
  ['', 'Zuidema'],
  ['', 'Mulders'],
  ['', 'Groenewegen'],
  ['', 'Oudshoorn'],
  ['van', 'Eijk'],
  ['', 'Stoffels'],
  ['', 'Lammers'],
  ['', 'Nijhuis'],
  ['', 'Nijenhuis'],
  ['', 'Reijnders'],
  ['', 'Theunissen'],
  ['', "D'Agostino"],
  ['da', 'Costa'],
  ['dos', 'Santos'],
];
const syllables = [
  [
    'Hoog',
    'Laag',
    'Wester',
    'Ooster',
    'Zuider',
    'Noord',
    'Groen',
    'Wit',
    'Zwart',
    'Klein',
    'Groot',
    'Brand',
    'Molen',
    'Kerk',
    'Dijk',
    'Veen',
    'Berg',
    'Hout',
    'Steen',
    'Water',
    'Sluis',
    'Akker',
    'Haver',
    'Rog',
    'Tarwe',
    'Linde',
    'Eike',
    'Wilge',
    'Bos',
    'Hei',
  ],
  ['', 'en', 'e', 'er', 'ers', 'ink', 'ing', 'el', 'stra', 'sma', 'ema'],
  [
    'dijk',
    'veld',
    'horst',
    'kamp',
    'broek',
    'berg',
    'hof',
    'huis',
    'man',
    'mans',
    'sen',
    'ink',
    'inga',
    'ma',
    'stra',
    'link',
    'boom',
    'bos',
    'land',
    'meer',
  ],
];

/** Neighbouring keys on a QWERTY keyboard, for typing errors. */
const neighbours: Record<string, string> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
  0: '9',
  1: '24',
  2: '13',
  3: '24',
  4: '35',
  5: '46',
  6: '57',
  7: '68',
  8: '79',
  9: '80',
};

interface Truth {
  male: boolean;
  firstNames: string[];
  prefix: string;
  surname: string;
  /** A married woman's partner's surname, which records may use. */
  partner?: [string, string];
  year: number;
  month: number;
  day: number;
  bsn?: string;
  home: { postcode: string; houseNumber: number; houseNumberAddition?: string };
}

/**
 * The seed of the reported held-out set. While the matcher was being developed only another
 * seed (VALIDATION_SEED) was run, and of it only the overall and per-kind figures were looked
 * at, never single records.
 */
export const HELD_OUT_SEED = 31_415;
export const VALIDATION_SEED = 20_261_207;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function heldOutPeople(households: number, seed = HELD_OUT_SEED): LabelledSet {
  const rnd = seededRandom(seed);
  const one = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const chance = (p: number) => rnd() < p;
  // Surnames: three in four from the list (skewed towards the top), the rest made up: a long tail.
  const surname = (): [string, string] => {
    if (chance(0.75)) return familyNames[Math.floor(familyNames.length * rnd() ** 1.6)] ?? ['', 'Bergsma'];
    const made = `${one(syllables[0] ?? [])}${one(syllables[1] ?? [])}${one(syllables[2] ?? [])}`;
    return [chance(0.2) ? one(['van', 'de', 'van de', 'ter']) : '', made];
  };
  const firstNamesOf = (male: boolean): string[] => {
    const pool = male ? maleNames : femaleNames;
    const count = chance(0.55) ? 1 : chance(0.7) ? 2 : 3;
    return Array.from({ length: count }, () => one(pool));
  };
  const usedBsns = new Set<string>();
  const bsn = (): string => {
    for (;;) {
      const d = Array.from({ length: 8 }, () => Math.floor(rnd() * 10));
      if (d[0] === 0) d[0] = 2;
      const check = d.reduce((s, x, i) => s + x * (9 - i), 0) % 11;
      const value = [...d, check].join('');
      if (check <= 9 && !usedBsns.has(value)) {
        usedBsns.add(value);
        return value;
      }
    }
  };
  const home = () => ({
    postcode: `${1011 + Math.floor(rnd() * 8900)} ${one('ABCDEFGHJKLMNPRTVWXZ'.split(''))}${one('ABCDEGHJKLMNPRSTVWXZ'.split(''))}`,
    houseNumber: 1 + Math.floor(rnd() ** 2 * 400),
    ...(chance(0.15) ? { houseNumberAddition: one(['A', 'B', 'bis', '1', '2', 'hs', 'II']) } : {}),
  });
  const birth = (from: number, to: number) => {
    const year = from + Math.floor(rnd() * (to - from + 1));
    const month = 1 + Math.floor(rnd() * 12);
    return { year, month, day: 1 + Math.floor(rnd() * daysIn(year, month)) };
  };

  // ---- errors a record can carry ----
  const keyTypo = (word: string): string => {
    if (word.length < 3) return word;
    const i = 1 + Math.floor(rnd() * (word.length - 1));
    const c = word[i]?.toLowerCase() ?? '';
    const near = neighbours[c] ?? c;
    switch (Math.floor(rnd() * 5)) {
      case 0:
        return word.slice(0, i) + one(near.split('')) + word.slice(i + 1);
      case 1:
        return word.slice(0, i) + word.slice(i + 1);
      case 2:
        return word.slice(0, i) + c + word.slice(i);
      case 3:
        return word.slice(0, i) + one(near.split('')) + word.slice(i);
      default:
        return i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
    }
  };
  const wrongDigit = (value: number, width: number, position: number): number => {
    const text = String(value).padStart(width, '0');
    const c = text[position] ?? '0';
    const replacement = chance(0.6) ? one((neighbours[c] ?? '0').split('')) : String(Math.floor(rnd() * 10));
    return Number(text.slice(0, position) + replacement + text.slice(position + 1));
  };
  const validDate = (y: number, m: number, d: number) =>
    y >= 1900 && y <= 2008 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
  const strip = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ı/g, 'i');

  interface Draft {
    firstNames: string[];
    initialsOnly: boolean;
    prefix: string;
    surname: string;
    surnameText: string | null;
    date: [number, number, number];
    bsn?: string;
    address?: Truth['home'];
    caps: boolean;
  }
  type ErrorKind = { kind: string; weight: number; apply: (d: Draft, t: Truth) => boolean };
  const errors: ErrorKind[] = [
    {
      kind: 'typo in surname',
      weight: 10,
      apply: (d) => {
        d.surname = keyTypo(d.surname);
        return true;
      },
    },
    {
      kind: 'typo in first name',
      weight: 6,
      apply: (d) => {
        d.firstNames = [keyTypo(d.firstNames[0] ?? ''), ...d.firstNames.slice(1)];
        return true;
      },
    },
    {
      kind: 'first name spelled otherwise',
      weight: 5,
      apply: (d) => {
        const group = spellings.find((g) => g.includes(d.firstNames[0] ?? ''));
        if (!group) return false;
        d.firstNames = [one(group.filter((n) => n !== d.firstNames[0])), ...d.firstNames.slice(1)];
        return true;
      },
    },
    {
      kind: 'initials for first names',
      weight: 8,
      apply: (d) => {
        d.initialsOnly = true;
        return true;
      },
    },
    {
      kind: 'second first name dropped',
      weight: 6,
      apply: (d) => {
        if (d.firstNames.length < 2) return false;
        d.firstNames = d.firstNames.slice(0, 1);
        return true;
      },
    },
    {
      kind: 'tussenvoegsel moved',
      weight: 8,
      apply: (d) => {
        if (!d.prefix) return false;
        const p = d.prefix;
        d.surnameText = one([
          `${p} ${d.surname}`,
          `${d.surname}, ${p}`,
          `${p.replace(/^van de[nr]?$/, 'v.d.')} ${d.surname}`,
          `${p.charAt(0).toUpperCase()}${p.slice(1)} ${d.surname}`,
        ]);
        d.prefix = '';
        return true;
      },
    },
    {
      kind: 'tussenvoegsel dropped',
      weight: 3,
      apply: (d) => {
        if (!d.prefix) return false;
        d.prefix = '';
        return true;
      },
    },
    {
      kind: 'surname joined or split',
      weight: 3,
      apply: (d) => {
        if (d.prefix) {
          const joined = `${d.prefix.replace(/ /g, '')}${d.surname.toLowerCase()}`;
          d.surname = joined.charAt(0).toUpperCase() + joined.slice(1);
          d.prefix = '';
          return true;
        }
        if (!d.surname.includes(' ')) return false;
        d.surname = d.surname.replace(/ /g, '');
        return true;
      },
    },
    {
      kind: 'day and month swapped',
      weight: 4,
      apply: (d) => {
        const [y, m, day] = d.date;
        if (day > 12 || day === m) return false;
        d.date = [y, day, m];
        return true;
      },
    },
    {
      kind: 'wrong digit in year',
      weight: 7,
      apply: (d) => {
        const [y, m, day] = d.date;
        for (let tries = 0; tries < 6; tries++) {
          const year = wrongDigit(y, 4, chance(0.65) ? 3 : 2);
          if (year !== y && validDate(year, m, day)) {
            d.date = [year, m, day];
            return true;
          }
        }
        return false;
      },
    },
    {
      kind: 'wrong digit in month',
      weight: 5,
      apply: (d) => {
        const [y, m, day] = d.date;
        for (let tries = 0; tries < 6; tries++) {
          const month = wrongDigit(m, 2, chance(0.8) ? 1 : 0);
          if (month !== m && validDate(y, month, day)) {
            d.date = [y, month, day];
            return true;
          }
        }
        return false;
      },
    },
    {
      kind: 'wrong digit in day',
      weight: 6,
      apply: (d) => {
        const [y, m, day] = d.date;
        for (let tries = 0; tries < 6; tries++) {
          const wrong = wrongDigit(day, 2, chance(0.7) ? 1 : 0);
          if (wrong !== day && validDate(y, m, wrong)) {
            d.date = [y, m, wrong];
            return true;
          }
        }
        return false;
      },
    },
    {
      kind: 'moved house',
      weight: 12,
      apply: (d) => {
        d.address = home();
        return true;
      },
    },
    {
      kind: 'no address',
      weight: 5,
      apply: (d) => {
        if (!d.address) return false;
        delete d.address;
        return true;
      },
    },
    {
      kind: 'married: double name',
      weight: 5,
      apply: (d, t) => {
        if (!t.partner) return false;
        const [pp, ps] = t.partner;
        d.surnameText = `${pp ? `${pp} ` : ''}${ps}-${d.prefix ? `${d.prefix} ` : ''}${d.surname}`;
        d.prefix = '';
        return true;
      },
    },
    {
      kind: 'married: own name first',
      weight: 3,
      apply: (d, t) => {
        if (!t.partner) return false;
        const [pp, ps] = t.partner;
        d.surnameText = `${d.prefix ? `${d.prefix} ` : ''}${d.surname}-${pp ? `${pp} ` : ''}${ps}`;
        d.prefix = '';
        return true;
      },
    },
    {
      kind: "married: partner's surname alone",
      weight: 4,
      apply: (d, t) => {
        if (!t.partner) return false;
        [d.prefix, d.surname] = t.partner;
        d.surnameText = null;
        return true;
      },
    },
    {
      kind: 'diacritics dropped',
      weight: 3,
      apply: (d) => {
        const before = `${d.firstNames.join(' ')}${d.surname}`;
        d.firstNames = d.firstNames.map(strip);
        d.surname = strip(d.surname);
        return before !== `${d.firstNames.join(' ')}${d.surname}`;
      },
    },
    {
      kind: 'ij written as y',
      weight: 3,
      apply: (d) => {
        if (!/ij/i.test(d.surname)) return false;
        d.surname = d.surname.replace(/ij/g, 'y').replace(/IJ|Ij/g, 'Y');
        return true;
      },
    },
    {
      kind: 'all capitals',
      weight: 3,
      apply: (d) => {
        d.caps = true;
        return true;
      },
    },
  ];
  const totalWeight = errors.reduce((s, e) => s + e.weight, 0);
  const drawError = (): ErrorKind => {
    let x = rnd() * totalWeight;
    for (const e of errors) {
      x -= e.weight;
      if (x < 0) return e;
    }
    return errors[0] as ErrorKind;
  };

  const records: LabelledRecord[] = [];
  const lookalikes: LabelledSet['lookalikes'] = new Map();
  let entity = 0;

  const recordOf = (t: Truth, id: number, errorCount: number, withBsn: boolean): LabelledRecord => {
    const d: Draft = {
      firstNames: [...t.firstNames],
      initialsOnly: false,
      prefix: t.prefix,
      surname: t.surname,
      surnameText: null,
      date: [t.year, t.month, t.day],
      ...(withBsn && t.bsn ? { bsn: t.bsn } : {}),
      ...(chance(0.8) ? { address: { ...t.home } } : {}),
      caps: false,
    };
    const variations: string[] = [];
    for (let k = 0, tries = 0; k < errorCount && tries < 12; tries++) {
      const e = drawError();
      if (variations.includes(e.kind) || !e.apply(d, t)) continue;
      variations.push(e.kind);
      k++;
    }
    let firstNames = d.initialsOnly
      ? d.firstNames.map((n) => `${strip(n).charAt(0).toUpperCase()}.`).join(chance(0.5) ? '' : ' ')
      : d.firstNames.join(' ');
    let surnameText = d.surnameText ?? d.surname;
    let prefix = d.surnameText ? '' : d.prefix;
    if (d.caps) {
      firstNames = firstNames.toUpperCase();
      surnameText = surnameText.toUpperCase();
      prefix = prefix.toUpperCase();
    }
    const [y, m, day] = d.date;
    return {
      id: `h${records.length}`,
      entity: id,
      variations,
      firstNames,
      ...(prefix ? { prefix } : {}),
      surname: surnameText,
      dateOfBirth: `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      ...(d.bsn ? { bsn: d.bsn } : {}),
      ...(d.address
        ? {
            postcode: d.address.postcode,
            houseNumber: d.address.houseNumber,
            ...(d.address.houseNumberAddition ? { houseNumberAddition: d.address.houseNumberAddition } : {}),
          }
        : {}),
    };
  };

  /** A person with one to five records, each with its own errors; returns the entity. */
  const person = (t: Truth, lookalike?: { of: number; kind: string }): number => {
    entity += 1;
    const id = entity;
    if (lookalike) lookalikes.set(id, lookalike);
    const r = rnd();
    const count = r < 0.42 ? 1 : r < 0.7 ? 2 : r < 0.86 ? 3 : r < 0.95 ? 4 : 5;
    const bsnShare = chance(0.5) ? 0.8 : 0.35;
    for (let c = 0; c < count; c++) {
      const e = rnd();
      const errorCount = c === 0 ? (e < 0.6 ? 0 : 1) : e < 0.22 ? 0 : e < 0.75 ? 1 : 2;
      records.push(recordOf(t, id, errorCount, chance(bsnShare)));
    }
    return id;
  };

  for (let h = 0; h < households; h++) {
    const address = home();
    const male = chance(0.55);
    const [prefix, name] = surname();
    const main: Truth = {
      male,
      firstNames: firstNamesOf(male),
      prefix,
      surname: name,
      ...birth(1950, 2000),
      ...(chance(0.7) ? { bsn: bsn() } : {}),
      home: address,
    };
    // A woman with a partner may be recorded under his name too.
    const [pp, ps] = surname();
    const partnered = chance(0.5);
    if (partnered && !male) main.partner = [pp, ps];
    const head = person(main);
    if (partnered && chance(0.25)) {
      const partner: Truth = {
        male: !male,
        firstNames: firstNamesOf(!male),
        prefix: pp,
        surname: ps,
        ...birth(main.year - 6, Math.min(2004, main.year + 6)),
        ...(chance(0.7) ? { bsn: bsn() } : {}),
        home: address,
      };
      if (!partner.male) partner.partner = [prefix, name];
      person(partner, { of: head, kind: 'partner at the same address' });
    }
    const kids = main.year < 1985 ? Math.floor(rnd() * 4) : 0;
    const childYear = () => Math.min(2007, main.year + 22 + Math.floor(rnd() * 16));
    for (let k = 0; k < kids; k++) {
      if (!chance(0.2)) continue;
      const kidMale = chance(0.5);
      const junior = male && kidMale && chance(0.3);
      const date = birth(childYear(), childYear());
      const child: Truth = {
        male: kidMale,
        firstNames: junior ? [...main.firstNames] : firstNamesOf(kidMale),
        prefix: male ? prefix : pp,
        surname: male ? name : ps,
        ...date,
        ...(chance(0.7) ? { bsn: bsn() } : {}),
        home: chance(0.6) ? address : home(),
      };
      const id = person(child, {
        of: head,
        kind: junior ? 'son with the same name' : male ? 'child' : 'child (father’s surname)',
      });
      if (chance(0.08)) {
        const twinMale = chance(0.5) ? kidMale : !kidMale;
        const { bsn: _childBsn, ...twin } = child;
        person(
          {
            ...twin,
            male: twinMale,
            firstNames: firstNamesOf(twinMale),
            ...(chance(0.7) ? { bsn: bsn() } : {}),
          },
          { of: id, kind: 'twin' },
        );
      }
    }
    // Now and then someone unrelated with the same name, born in the same year.
    if (chance(0.015)) {
      const { bsn: _mainBsn, partner: _partner, ...namesake } = main;
      person(
        {
          ...namesake,
          ...birth(main.year, main.year),
          ...(chance(0.7) ? { bsn: bsn() } : {}),
          home: home(),
        },
        { of: head, kind: 'same name, born the same year' },
      );
    }
  }
  return { name: 'held-out set', records, lookalikes };
}
