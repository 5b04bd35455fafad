// The benchmark's labelled set of Dutch person records: people with one to four records each,
// the records varied the way registrations differ in practice, and look-alikes (relatives,
// twins, a parent with the same name) that must not be matched. Deterministic from a seed; the
// truth is the entity. Every record after a person's first is its first record with one or two
// changes. The held-out set (heldout.ts) is made differently.

import { bsnFrom, pick } from '../../../server/src/demo/people.ts';
import { seededRandom } from '../../../server/src/shared/seeded-random.ts';
import type { LabelledRecord, LabelledSet } from './labelled.ts';

export type { LabelledRecord } from './labelled.ts';

const male = [
  'Jan',
  'Pieter',
  'Kees',
  'Willem',
  'Hendrik',
  'Johannes',
  'Cornelis',
  'Gerrit',
  'Dirk',
  'Thomas',
  'Daan',
  'Sem',
  'Lucas',
  'Bram',
  'Jeroen',
  'Mark',
  'Dennis',
  'Kevin',
  'Mohamed',
  'Youssef',
  'Ahmed',
  'Mehmet',
  'Mustafa',
  'Ricardo',
  'Marco',
  'Ruud',
  'Erik',
  'Frank',
  'Martijn',
  'Bas',
  'Niels',
  'Rik',
  'Tim',
  'Stefan',
  'Joost',
  'Wouter',
  'Dirk-Jan',
  'Jan-Willem',
  'IJsbrand',
  'Gijs',
  'Sven',
  'Milan',
  'Finn',
  'Levi',
  'Noah',
  'Hamza',
  'Bilal',
  'Emre',
  'Rajesh',
  'Anand',
];
const female = [
  'Maria',
  'Anna',
  'Johanna',
  'Cornelia',
  'Wilhelmina',
  'Sanne',
  'Lotte',
  'Emma',
  'Julia',
  'Sophie',
  'Anouk',
  'Femke',
  'Ilse',
  'Marloes',
  'Esther',
  'Linda',
  'Petra',
  'Monique',
  'Fatima',
  'Khadija',
  'Ayşe',
  'Elif',
  'Zeynep',
  'Noor',
  'Priya',
  'Joëlle',
  'Renée',
  'Chantal',
  'Hanneke',
  'Marieke',
  'Ingrid',
  'Yvonne',
  'Anne-Marie',
  'Mirjam',
  'Eva',
  'Lisa',
  'Fleur',
  'Iris',
  'Saskia',
  'Sarah',
  'Meryem',
  'Ilona',
  'Tessa',
  'Roos',
  'Vera',
  'Nina',
  'Yara',
  'Amira',
  'Sevda',
  'Gül',
];
/** Surnames with their tussenvoegsel, the commonest first: drawn with a Zipf-like skew. */
const surnames: Array<[string, string]> = [
  ['de', 'Jong'],
  ['', 'Jansen'],
  ['de', 'Vries'],
  ['van den', 'Berg'],
  ['van', 'Dijk'],
  ['', 'Bakker'],
  ['', 'Janssen'],
  ['', 'Visser'],
  ['', 'Smit'],
  ['', 'Meijer'],
  ['de', 'Boer'],
  ['', 'Mulder'],
  ['de', 'Groot'],
  ['', 'Bos'],
  ['', 'Vos'],
  ['', 'Peters'],
  ['', 'Hendriks'],
  ['van', 'Leeuwen'],
  ['', 'Dekker'],
  ['', 'Brouwer'],
  ['de', 'Wit'],
  ['', 'Dijkstra'],
  ['', 'Smits'],
  ['de', 'Graaf'],
  ['van der', 'Meer'],
  ['van der', 'Linden'],
  ['', 'Kok'],
  ['', 'Jacobs'],
  ['de', 'Haan'],
  ['', 'Vermeulen'],
  ['van den', 'Heuvel'],
  ['van der', 'Veen'],
  ['van den', 'Broek'],
  ['de', 'Bruijn'],
  ['de', 'Bruin'],
  ['van der', 'Heijden'],
  ['', 'Schouten'],
  ['van', 'Beek'],
  ['', 'Willems'],
  ['van', 'Vliet'],
  ['van de', 'Ven'],
  ['', 'Hoekstra'],
  ['', 'Maas'],
  ['', 'Verhoeven'],
  ['', 'Koster'],
  ['van', 'Dam'],
  ['van der', 'Wal'],
  ['', 'Prins'],
  ['', 'Blom'],
  ['', 'Huisman'],
  ['', 'Peeters'],
  ['de', 'Jonge'],
  ['', 'Kuipers'],
  ['van', 'Veen'],
  ['', 'Post'],
  ['', 'Kuiper'],
  ['', 'Veenstra'],
  ['', 'Kramer'],
  ['van den', 'Brink'],
  ['', 'Scholten'],
  ['van', 'Wijk'],
  ['', 'Postma'],
  ['', 'Martens'],
  ['', 'Vink'],
  ['de', 'Ruiter'],
  ['', 'Timmermans'],
  ['', 'Groen'],
  ['', 'Gerritsen'],
  ['', 'Jonker'],
  ['van', 'Loon'],
  ['', 'Boer'],
  ['van der', 'Velde'],
  ['', 'Willemsen'],
  ['', 'Smeets'],
  ['de', 'Lange'],
  ['de', 'Vos'],
  ['', 'Bosch'],
  ['van', 'Dongen'],
  ['', 'Schipper'],
  ['de', 'Koning'],
  ['van der', 'Laan'],
  ['', 'Koning'],
  ['van der', 'Velden'],
  ['', 'Driessen'],
  ['van', 'Doorn'],
  ['', 'Hermans'],
  ['', 'Evers'],
  ['van den', 'Bosch'],
  ['van der', 'Meulen'],
  ['', 'Hofman'],
  ['', 'Bosman'],
  ['', 'Wolters'],
  ['', 'Sijbesma'],
  ['', 'Yilmaz'],
  ['', 'Kaya'],
  ['el', 'Amrani'],
  ['', 'Öztürk'],
  ['', 'Bouzid'],
  ['', 'Demir'],
  ['', 'Şahin'],
  ['', 'Çelik'],
  ['', 'Nguyen'],
  ['', 'Pinas'],
  ['', 'Ramdin'],
  ['', 'Mohan'],
  ['in ’t', 'Veld'],
  ['ter', 'Horst'],
  ['ten', 'Cate'],
  ['', 'Rijkaart'],
  ['van', 'Rijn'],
  ['', 'Wijnands'],
  ['', 'IJzerman'],
  ['', 'Zijlstra'],
  ['', 'Wouters'],
  ['', 'Claassen'],
  ['', 'Müller'],
  ['', 'Lemaître'],
  ['op de', 'Beek'],
  ['', 'Van Dalen'],
  ['', 'Haddou'],
  ['', 'Boukhari'],
];
const letters = 'abcdefghijklmnopqrstuvwxyz';
/** Other spellings of some of the first names above. */
const spelledOtherwise: Record<string, string[]> = {
  Mohamed: ['Mohammed', 'Muhammad'],
  Youssef: ['Yusuf', 'Youssouf'],
  Ahmed: ['Ahmad'],
  Mustafa: ['Mustapha'],
  Hamza: ['Hamzah'],
  Fatima: ['Fatma'],
  Khadija: ['Khadidja'],
  Meryem: ['Maryam'],
  Sophie: ['Sofie'],
  Erik: ['Eric'],
  Mark: ['Marc'],
};

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The kinds of variation, each as the per-kind table names it. */
const kinds = {
  typoSurname: 'typo in surname',
  prefixMoved: 'tussenvoegsel moved',
  prefixDropped: 'tussenvoegsel dropped',
  initials: 'initials for first names',
  swap: 'day and month swapped',
  year: 'wrong digit in year',
  month: 'wrong digit in month',
  day: 'wrong digit in day',
  moved: 'moved house',
  noAddress: 'no address',
  married: 'married: double name',
  marriedOwnFirst: 'married: own name first',
  partner: "married: partner's surname alone",
  diacritics: 'diacritics dropped',
  ij: 'ij written as y',
  typoFirst: 'typo in first name',
  secondDropped: 'second first name dropped',
  spelling: 'first name spelled otherwise',
  joined: 'surname joined or split',
  bsnCopy: 'copy of a BSN-linked record, without the BSN',
} as const;

export function syntheticPeople(entities: number, seed = 7): LabelledSet {
  const rnd = seededRandom(seed);
  const out: LabelledRecord[] = [];
  const lookalikes: LabelledSet['lookalikes'] = new Map();
  const zipf = () => surnames[Math.floor(surnames.length * rnd() ** 2.2)] ?? surnames[0];
  const address = () => ({
    postcode: `${1000 + Math.floor(rnd() * 8999)} ${pick(rnd, ['AB', 'BC', 'CD', 'EF', 'GH', 'JK', 'LM', 'NP', 'RS', 'TV', 'XZ'])}`,
    houseNumber: 1 + Math.floor(rnd() * 250),
  });
  const dateOf = (year: number, month: number, day: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const typo = (word: string) => {
    if (word.length < 4) return word;
    const i = 1 + Math.floor(rnd() * (word.length - 2));
    switch (Math.floor(rnd() * 4)) {
      case 0:
        return word.slice(0, i) + pick(rnd, [...letters]) + word.slice(i + 1);
      case 1:
        return word.slice(0, i) + word.slice(i + 1);
      case 2:
        return word.slice(0, i) + pick(rnd, [...letters]) + word.slice(i);
      default:
        return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
    }
  };
  /** One digit of the date of birth (in the given part) changed, the date still a real one. */
  const wrongDigit = (dob: [number, number, number], part: 0 | 1 | 2): string | null => {
    const [y, m, d] = dob;
    for (let tries = 0; tries < 8; tries++) {
      const text = dateOf(y, m, d).replace(/-/g, '');
      // Year: its last two digits (a wrong first or second digit makes no believable year).
      const position =
        part === 0
          ? 2 + Math.floor(rnd() * 2)
          : part === 1
            ? 4 + Math.floor(rnd() * 2)
            : 6 + Math.floor(rnd() * 2);
      const digit = String(Math.floor(rnd() * 10));
      if (digit === text[position]) continue;
      const changed = text.slice(0, position) + digit + text.slice(position + 1);
      const year = Number(changed.slice(0, 4));
      const month = Number(changed.slice(4, 6));
      const day = Number(changed.slice(6, 8));
      if (year > 2008 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) continue;
      return dateOf(year, month, day);
    }
    return null;
  };
  const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');
  const usedBsns = new Set<string>();
  const newBsn = () => {
    for (;;) {
      const bsn = bsnFrom(rnd);
      if (!usedBsns.has(bsn)) {
        usedBsns.add(bsn);
        return bsn;
      }
    }
  };

  let entity = 0;
  const person = (
    base: {
      female: boolean;
      firstNames: string;
      prefix: string;
      surname: string;
      dob: [number, number, number];
      home: { postcode: string; houseNumber: number };
    },
    lookalike?: { of: number; kind: string },
  ) => {
    entity += 1;
    const id = entity;
    if (lookalike) lookalikes.set(id, lookalike);
    const bsn = rnd() < 0.6 ? newBsn() : undefined;
    // The partner whose surname a married woman may carry.
    const [partnerPrefix, partnerSurname] = zipf() ?? ['', 'Jansen'];
    const first: LabelledRecord = {
      id: `p${out.length}`,
      entity: id,
      variations: [],
      firstNames: base.firstNames,
      ...(base.prefix ? { prefix: base.prefix } : {}),
      surname: base.surname,
      dateOfBirth: dateOf(...base.dob),
      ...(bsn ? { bsn } : {}),
      ...base.home,
    };
    out.push(first);
    const r = rnd();
    const copies = r < 0.45 ? 0 : r < 0.75 ? 1 : r < 0.93 ? 2 : 3;
    for (let c = 0; c < copies; c++) {
      const v: LabelledRecord = { ...first, id: `p${out.length}`, variations: [] };
      if (!(bsn && rnd() < 0.6)) delete v.bsn;
      const changes = 1 + Number(rnd() < 0.35);
      for (let k = 0; k < changes; k++) {
        const kind = pick(rnd, [
          'typoSurname',
          'typoSurname',
          'prefixMoved',
          'prefixDropped',
          'initials',
          'initials',
          'swap',
          'year',
          'month',
          'day',
          'moved',
          'moved',
          'noAddress',
          'married',
          'marriedOwnFirst',
          'partner',
          'diacritics',
          'ij',
          'typoFirst',
          'secondDropped',
          'spelling',
          'joined',
        ] as const);
        switch (kind) {
          case 'typoSurname':
            v.surname = typo(v.surname);
            break;
          case 'prefixMoved':
            if (!v.prefix) continue;
            v.surname = rnd() < 0.5 ? `${v.prefix} ${v.surname}` : `${v.surname}, ${v.prefix}`;
            delete v.prefix;
            break;
          case 'prefixDropped':
            if (!v.prefix) continue;
            delete v.prefix;
            break;
          case 'initials':
            v.firstNames = (v.firstNames ?? '')
              .split(/[\s-]/)
              .map((n) => `${n[0]?.toUpperCase()}.`)
              .join('');
            break;
          case 'swap': {
            const [y, m, d] = base.dob;
            if (d > 12 || d === m) continue;
            v.dateOfBirth = dateOf(y, d, m);
            break;
          }
          case 'year':
          case 'month':
          case 'day': {
            const wrong = wrongDigit(base.dob, kind === 'year' ? 0 : kind === 'month' ? 1 : 2);
            if (!wrong) continue;
            v.dateOfBirth = wrong;
            break;
          }
          case 'moved':
            Object.assign(v, address());
            break;
          case 'noAddress':
            if (!v.postcode) continue;
            delete v.postcode;
            delete v.houseNumber;
            break;
          case 'married':
          case 'marriedOwnFirst':
          case 'partner': {
            if (!base.female) continue;
            const partner = `${partnerPrefix ? `${partnerPrefix} ` : ''}${partnerSurname}`;
            const own = `${v.prefix ? `${v.prefix} ` : ''}${v.surname}`;
            if (kind === 'partner') {
              v.surname = partnerSurname;
              if (partnerPrefix) v.prefix = partnerPrefix;
              else delete v.prefix;
              break;
            }
            v.surname = kind === 'married' ? `${partner}-${own}` : `${own}-${partner}`;
            delete v.prefix;
            break;
          }
          case 'diacritics':
            v.firstNames = plain(v.firstNames ?? '');
            v.surname = plain(v.surname);
            break;
          case 'ij':
            if (!/ij/i.test(v.surname)) continue;
            v.surname = v.surname.replace(/ij/g, 'y').replace(/IJ/g, 'Y');
            break;
          case 'typoFirst':
            v.firstNames = typo(v.firstNames ?? '');
            break;
          case 'secondDropped':
            v.firstNames = (v.firstNames ?? '').split(' ')[0];
            break;
          case 'spelling': {
            const [given = '', ...others] = (v.firstNames ?? '').split(' ');
            const spellings = spelledOtherwise[given];
            if (!spellings) continue;
            v.firstNames = [pick(rnd, spellings), ...others].join(' ');
            break;
          }
          case 'joined': {
            if (!v.prefix) continue;
            const joined = `${v.prefix.replace(/\s/g, '')}${v.surname.toLowerCase()}`;
            v.surname = joined.charAt(0).toUpperCase() + joined.slice(1);
            delete v.prefix;
            break;
          }
        }
        v.variations.push(kinds[kind]);
      }
      out.push(v);
      // A record that joined the person through its BSN, seen again elsewhere without it.
      if (v.bsn && v.variations.length && rnd() < 0.15) {
        const { bsn: _bsn, ...copy } = v;
        out.push({ ...copy, id: `p${out.length}`, variations: [...v.variations, kinds.bsnCopy] });
      }
    }
    return id;
  };

  while (entity < entities) {
    const isFemale = rnd() < 0.5;
    const [prefix, surname] = zipf() ?? ['', 'Jansen'];
    const names = isFemale ? female : male;
    const firstNames = rnd() < 0.3 ? `${pick(rnd, names)} ${pick(rnd, names)}` : pick(rnd, names);
    const dob: [number, number, number] = [
      1940 + Math.floor(rnd() * 66),
      1 + Math.floor(rnd() * 12),
      1 + Math.floor(rnd() * 28),
    ];
    const home = address();
    const id = person({ female: isFemale, firstNames, prefix, surname, dob, home });
    // Look-alikes that are other people: a sibling at the same address, a parent with the same
    // first name a generation earlier, a twin.
    const look = rnd();
    if (look < 0.06)
      person(
        {
          female: rnd() < 0.5,
          firstNames: pick(rnd, rnd() < 0.5 ? male : female),
          prefix,
          surname,
          dob: [dob[0] + 1 + Math.floor(rnd() * 8), 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)],
          home,
        },
        { of: id, kind: 'sibling at the same address' },
      );
    else if (look < 0.09)
      person(
        {
          female: isFemale,
          firstNames,
          prefix,
          surname,
          dob: [dob[0] - 25 - Math.floor(rnd() * 10), dob[1], 1 + Math.floor(rnd() * 28)],
          home,
        },
        { of: id, kind: 'parent with the same name' },
      );
    else if (look < 0.1) {
      const twinFemale = rnd() < 0.5;
      person(
        {
          female: twinFemale,
          firstNames: pick(rnd, twinFemale ? female : male),
          prefix,
          surname,
          dob,
          home,
        },
        { of: id, kind: 'twin' },
      );
    }
  }
  return { name: 'benchmark set', records: out, lookalikes };
}
