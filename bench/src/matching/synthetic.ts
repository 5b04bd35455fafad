// A labelled synthetic set of Dutch person records: people with one to four records each, the
// records varied the way registrations differ in practice, and look-alikes (relatives, twins,
// common names) that must not be matched. Deterministic from a seed; the truth is the entity.

import { bsnFrom, pick } from '../../../server/src/demo/people.ts';
import type { PersonRecord } from '../../../server/src/modules/subjects/index.ts';
import { seededRandom } from '../../../server/src/shared/seeded-random.ts';

export interface LabelledRecord extends PersonRecord {
  entity: number;
  /** What was changed from the entity's first record. */
  variations: string[];
}

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

export function syntheticPeople(entities: number, seed = 7): LabelledRecord[] {
  const rnd = seededRandom(seed);
  const out: LabelledRecord[] = [];
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
  const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');

  let entity = 0;
  const person = (base: {
    female: boolean;
    firstNames: string;
    prefix: string;
    surname: string;
    dob: [number, number, number];
    home: { postcode: string; houseNumber: number };
  }) => {
    entity += 1;
    const id = entity;
    const bsn = rnd() < 0.6 ? bsnFrom(rnd) : undefined;
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
          'typo-surname',
          'typo-surname',
          'prefix-moved',
          'prefix-dropped',
          'initials',
          'initials',
          'swap-dob',
          'moved',
          'moved',
          'married',
          'diacritics',
          'ij',
          'typo-first',
          'second-name-dropped',
          'typo-dob',
        ] as const);
        switch (kind) {
          case 'typo-surname':
            v.surname = typo(v.surname);
            break;
          case 'prefix-moved':
            if (!v.prefix) continue;
            v.surname = rnd() < 0.5 ? `${v.prefix} ${v.surname}` : `${v.surname}, ${v.prefix}`;
            delete v.prefix;
            break;
          case 'prefix-dropped':
            if (!v.prefix) continue;
            delete v.prefix;
            break;
          case 'initials':
            v.firstNames = (v.firstNames ?? '')
              .split(/[\s-]/)
              .map((n) => `${n[0]?.toUpperCase()}.`)
              .join('');
            break;
          case 'swap-dob': {
            const [y, m, d] = base.dob;
            if (d > 12 || d === m) continue;
            v.dateOfBirth = dateOf(y, d, m);
            break;
          }
          case 'typo-dob': {
            const [y, m, d] = base.dob;
            // One digit of the day mistyped.
            v.dateOfBirth = dateOf(y, m, d < 10 ? d + 10 : d === 10 ? 11 : d - 10);
            break;
          }
          case 'moved':
            Object.assign(v, address());
            break;
          case 'married': {
            if (!base.female) continue;
            const [p, s] = zipf() ?? ['', 'Jansen'];
            v.surname = `${p ? `${p} ` : ''}${s}-${v.prefix ? `${v.prefix} ` : ''}${v.surname}`;
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
          case 'typo-first':
            v.firstNames = typo(v.firstNames ?? '');
            break;
          case 'second-name-dropped':
            v.firstNames = (v.firstNames ?? '').split(' ')[0];
            break;
        }
        v.variations.push(kind);
      }
      out.push(v);
    }
    return first;
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
    person({ female: isFemale, firstNames, prefix, surname, dob, home });
    // Look-alikes that are other people: a sibling at the same address, a parent with the same
    // first name a generation earlier, now and then a twin.
    const look = rnd();
    if (look < 0.06)
      person({
        female: rnd() < 0.5,
        firstNames: pick(rnd, rnd() < 0.5 ? male : female),
        prefix,
        surname,
        dob: [dob[0] + 1 + Math.floor(rnd() * 8), 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)],
        home,
      });
    else if (look < 0.09)
      person({
        female: isFemale,
        firstNames,
        prefix,
        surname,
        dob: [dob[0] - 25 - Math.floor(rnd() * 10), dob[1], 1 + Math.floor(rnd() * 28)],
        home,
      });
    else if (look < 0.092)
      person({
        female: rnd() < 0.5,
        firstNames: pick(rnd, rnd() < 0.5 ? male : female),
        prefix,
        surname,
        dob,
        home,
      });
  }
  return out;
}

export interface Accuracy {
  records: number;
  truePairs: number;
  candidatePairs: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
}

/** Pairwise precision and recall of predicted pairs against the entities. */
export function accuracy(
  records: readonly LabelledRecord[],
  candidates: ReadonlyArray<readonly [number, number]>,
  predicted: (pair: readonly [number, number]) => boolean,
): Accuracy {
  const sizes = new Map<number, number>();
  for (const r of records) sizes.set(r.entity, (sizes.get(r.entity) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  let count = 0;
  let tp = 0;
  for (const pair of candidates) {
    if (!predicted(pair)) continue;
    count++;
    if (records[pair[0]]?.entity === records[pair[1]]?.entity) tp++;
  }
  return {
    records: records.length,
    truePairs,
    candidatePairs: candidates.length,
    predicted: count,
    truePositives: tp,
    precision: count ? tp / count : 1,
    recall: truePairs ? tp / truePairs : 1,
  };
}
