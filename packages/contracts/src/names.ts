/**
 * Dutch personal names as people write them: tussenvoegsels in the prefix field, in the surname,
 * abbreviated (v.d.) or after the surname ("Berg, van der"); initials instead of first names;
 * diacritics typed or not; ij written as y; hyphenated and married names ("Jansen-de Vries").
 * Everything here folds those to comparable forms; nothing is thrown away from the record
 * itself. Written by hand: no library knows the Dutch rules (tussenvoegsels, ij/y, ei/ij).
 */

/** Tussenvoegsels in folded form, longest first so that "van der" wins over "van". */
const particles = [
  'van der',
  'van den',
  'van de',
  'van het',
  'van t',
  'in het',
  'in t',
  'in de',
  'in den',
  'op de',
  'op den',
  'op het',
  'op t',
  'op ten',
  'uit de',
  'uit den',
  'uit het',
  'aan de',
  'aan den',
  'aan het',
  'bij de',
  'onder de',
  'over de',
  'voor de',
  'v d',
  'vd',
  'vander',
  'vanden',
  'van',
  'von',
  'der',
  'den',
  'de',
  'het',
  't',
  'ter',
  'ten',
  'te',
  'in',
  'op',
  'uit',
  'aan',
  'bij',
  'la',
  'le',
  'l',
  'du',
  'da',
  'di',
  'del',
  'della',
  'dos',
  'das',
  'do',
  'el',
  'al',
  'd',
] as const;

/** Abbreviated tussenvoegsels written out ("v.d." is van de or van der: the particle is folded). */
const abbreviations: Record<string, string> = {
  'v d': 'van de',
  vd: 'van de',
  vander: 'van der',
  vanden: 'van den',
};

/**
 * Lower case, without diacritics or punctuation, ij as y, apostrophes dropped, one space between
 * words; hyphens are kept as word separators that `parseName` uses for married names.
 */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ij/g, 'y')
    .replace(/[’'`´]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a folded word is a tussenvoegsel on its own ("van", "de", "ter", …), for searching by name. */
export function isTussenvoegsel(word: string): boolean {
  return (particles as readonly string[]).includes(word);
}

/** The tussenvoegsel at the start of `words` (longest first), if more words follow it. */
function particleAt(words: readonly string[], at: number): string | null {
  for (const p of particles) {
    const n = p.split(' ').length;
    if (words.length - at <= n) continue;
    if (words.slice(at, at + n).join(' ') === p) return p;
  }
  return null;
}

/**
 * Strips tussenvoegsels from the start and the end of a folded name part, and splits it where a
 * tussenvoegsel stands between two names: a married name written without its hyphen ("jansen de
 * vries") is two parts, each with its own tussenvoegsels.
 */
function stripParticles(part: string): Array<{ core: string; particles: string[] }> {
  let words = part.split(' ').filter(Boolean);
  const found: string[] = [];
  const take = (fromStart: boolean): boolean => {
    for (const p of particles) {
      const n = p.split(' ').length;
      if (words.length <= n) continue;
      const slice = fromStart ? words.slice(0, n) : words.slice(-n);
      if (slice.join(' ') === p) {
        found.push(abbreviations[p] ?? p);
        words = fromStart ? words.slice(n) : words.slice(0, -n);
        return true;
      }
    }
    return false;
  };
  while (take(true));
  while (take(false));
  for (let i = 1; i < words.length - 1; i++) {
    const inner = particleAt(words, i);
    if (!inner) continue;
    const rest = stripParticles(words.slice(i).join(' '));
    return [{ core: words.slice(0, i).join(' '), particles: found }, ...rest];
  }
  return [{ core: words.join(' '), particles: found }];
}

/**
 * A sound key for Dutch surnames: ei/ij/y alike, ch/g, ph/f, ck/c/k, z/s, v/f, dt/d/t at the end,
 * doubled letters single, vowels after the first letter kept but ae/aa folded. "Meijer", "Meyer"
 * and "Meier" share a key; so do "Janssen" and "Jansen".
 */
export function nameSound(folded: string): string {
  const s = folded
    .replace(/[\s-]/g, '')
    .replace(/y|ei|ey/g, 'y')
    .replace(/ie/g, 'i')
    .replace(/oe/g, 'u')
    .replace(/ou|au/g, 'au')
    .replace(/ae|aa/g, 'a')
    .replace(/uy|ui/g, 'ui')
    .replace(/sch/g, 's')
    .replace(/ch/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/ck|c(?=[aou])|q/g, 'k')
    .replace(/c/g, 's')
    .replace(/z/g, 's')
    .replace(/v/g, 'f')
    .replace(/w/g, 'w')
    .replace(/dt$|d$/g, 't')
    .replace(/h(?![aeiouy])/g, '')
    .replace(/(.)\1+/g, '$1');
  return s;
}

/**
 * Spellings of one first name, as records write them: transliterations of Arabic and Turkish
 * names above all (Mohamed, Mohammed, Muhammad), and Dutch and European spellings that the
 * sound key does not join (Erik and Eric). The first of each group stands for all.
 */
const givenVariants: readonly (readonly string[])[] = [
  [
    'mohammed',
    'mohamed',
    'muhammad',
    'mohammad',
    'mohamad',
    'muhammed',
    'mohamud',
    'muhamed',
    'mouhamed',
    'mohammet',
  ],
  ['ahmed', 'ahmad', 'ahmet', 'achmed', 'ahmat', 'achmad'],
  ['mustafa', 'mustapha', 'moustafa', 'mostafa', 'moestafa', 'mustapa'],
  ['youssef', 'yusuf', 'yousef', 'youssouf', 'yussuf', 'yousif', 'joesoef', 'youcef', 'yousouf', 'yusef'],
  ['hassan', 'hasan', 'hassane'],
  ['hussein', 'husein', 'huseyin', 'hussain', 'houssein', 'husain', 'hossein'],
  ['ibrahim', 'ibraheem', 'ebrahim', 'brahim', 'ibrahiem'],
  ['khalid', 'khaled', 'chalid', 'halid', 'khalit'],
  ['rachid', 'rashid', 'rasheed', 'rachied', 'rashed'],
  ['said', 'saeed', 'sayed', 'saied', 'saeid'],
  ['abdelkader', 'abdulkadir', 'abdelkadir', 'abdulkader', 'abdelkhader'],
  ['abdellah', 'abdallah', 'abdullah', 'abdulla', 'abdela'],
  ['omar', 'umar', 'omer'],
  ['karim', 'kareem', 'kerim'],
  ['mehdi', 'mahdi'],
  ['fatima', 'fatma', 'fatimah', 'fadma', 'fatema'],
  ['khadija', 'khadidja', 'kadija', 'khadiga', 'hadija', 'khadiya'],
  ['aisha', 'aicha', 'aischa', 'aysha', 'ayesha', 'aiysha'],
  ['maryam', 'meryem', 'mariam', 'meriam', 'maryem'],
  ['nour', 'noor', 'nur'],
  ['yasmina', 'yasmine', 'yasmin', 'jasmina'],
  ['naima', 'naeema', 'nayma'],
  ['zeynep', 'zainab', 'zaynab', 'zeinab'],
  ['erik', 'eric'],
  ['marc', 'mark'],
  ['frederik', 'frederick', 'fredrik'],
  ['hendrik', 'henrik'],
  ['johan', 'johann'],
  ['christiaan', 'christian', 'kristiaan', 'christiaen'],
  ['nicolaas', 'nikolaas'],
  ['niels', 'nils'],
  ['rik', 'rick'],
  ['luuk', 'luc', 'luk'],
  ['carla', 'karla'],
  ['karin', 'carin'],
  ['catharina', 'katharina', 'catherina', 'katarina'],
  ['claudia', 'klaudia'],
  ['cornelis', 'cornelius'],
  ['jozef', 'josef', 'joseph', 'jozeph'],
  ['jacobus', 'jakobus'],
  ['nicole', 'nikole'],
];
const givenCanonical = new Map<string, string>(
  givenVariants.flatMap((group) =>
    group.map((name) => [foldName(name), foldName(group[0] ?? name)] as const),
  ),
);

/**
 * One key for the spellings of a first name: the table's name for known variants, otherwise its
 * sound (doubled letters, ph and f, ij and y alike: Matthijs and Mathijs, Sophie and Sofie).
 */
export function givenNameKey(folded: string): string {
  return givenCanonical.get(folded) ?? nameSound(folded);
}

export interface ParsedName {
  /** Folded first names (a hyphenated first name is one name: "dirk-jan" → "dirkjan"). */
  givenNames: string[];
  /** Their spelling keys (`givenNameKey`): Mohamed and Mohammed have the same. */
  givenKeys: string[];
  /** One letter per first name ("Dirk-Jan Pieter" → "djp"), also from written initials ("J.P."). */
  initials: string;
  /** The tussenvoegsels, folded and written out ("v.d." → "van de"). */
  prefix: string;
  /** The surname's parts without tussenvoegsels: a married name has two ("Jansen-de Vries"). */
  surnames: string[];
  /**
   * Each part written together with its own tussenvoegsels ("El Amrani" → "elamrani"), for
   * records that join them ("Elamrani", "Vandenberg"); a part without one is itself.
   */
  joined: string[];
  /** The sound keys of the parts and of their joined forms, each once. */
  sounds: string[];
}

const vowels = /[aeiouy]/;

/**
 * Parses a Dutch name from its three fields, wherever the tussenvoegsels and initials were put.
 */
export function parseName(name: {
  firstNames?: string | undefined;
  prefix?: string | undefined;
  surname: string;
}): ParsedName {
  const givenNames: string[] = [];
  let initials = '';
  const firstNames = (name.firstNames ?? '').trim();
  // A record written all in capitals ("JAN DE VRIES") has names in capitals, not initials: there
  // a capital word is initials only when it has no vowel ("JP") or is a single letter.
  const shouting = /\p{Ll}/u.test(`${firstNames}${name.surname ?? ''}`) === false;
  for (const raw of firstNames.split(/\s+/).filter(Boolean)) {
    // Initials: "J.P.", "J. P.", "J" or "JP" in capitals.
    const capitals = /^\p{Lu}{1,3}$/u.test(raw);
    const folded = foldName(raw);
    if (
      /^(\p{L}\.)+\p{L}?$/u.test(raw) ||
      (capitals && (!shouting || raw.length === 1 || !vowels.test(folded)))
    ) {
      initials += folded.replace(/[\s-]/g, '');
      continue;
    }
    const parts = folded.split('-').filter(Boolean);
    if (!parts.length) continue;
    givenNames.push(parts.join(''));
    initials += parts.map((p) => p[0]).join('');
  }
  const prefixes: string[] = [];
  // The prefix field's and a trailing tussenvoegsel ("Berg, van der") belong to the first part.
  const leading: string[] = [];
  const ownPrefix = foldName(name.prefix ?? '').replace(/-/g, ' ');
  if (ownPrefix) leading.push(abbreviations[ownPrefix] ?? ownPrefix);
  const surnames: string[] = [];
  const joined: string[] = [];
  // "Berg, van der": what follows a comma is tussenvoegsel.
  const [main = '', afterComma = ''] = (name.surname ?? '').split(',');
  const trailing = foldName(afterComma);
  if (trailing) leading.push(abbreviations[trailing] ?? trailing);
  prefixes.push(...leading);
  for (const part of foldName(main).split('-')) {
    for (const { core, particles: found } of stripParticles(part.trim())) {
      prefixes.push(...found);
      if (!core) continue;
      const own = surnames.length === 0 ? [...leading, ...found] : found;
      surnames.push(core.replace(/ /g, ''));
      joined.push(`${own.join('')}${core}`.replace(/ /g, ''));
    }
  }
  const givenKeys = givenNames.map(givenNameKey);
  return {
    givenNames,
    givenKeys,
    initials,
    prefix: prefixes.join(' '),
    surnames,
    joined,
    sounds: [...new Set([...surnames, ...joined].map(nameSound))],
  };
}

/** The tussenvoegsel words at the start of a name's words, as typed, if a name follows them. */
function leadingParticle(words: readonly string[]): number {
  const folded = words.map((w) => foldName(w).replace(/ /g, ''));
  for (const p of particles) {
    const n = p.split(' ').length;
    if (folded.length <= n) continue;
    if (folded.slice(0, n).join(' ') === p) return n;
  }
  // "v.d." folds to "v d": two letters typed as one word.
  if (folded.length > 1 && (folded[0] === 'v d' || folded[0] === 'vd')) return 1;
  return 0;
}

/**
 * A surname as one field ("van der Berg", "Berg, van der", "El Amrani") split into its
 * tussenvoegsel and the name, as typed: for sources that have no field for the tussenvoegsel
 * (FollowTheMoney's lastName). A married name keeps its second part's tussenvoegsel
 * ("Jansen-de Vries" stays one surname).
 */
export function splitSurname(value: string): { prefix?: string; surname: string } {
  const [main = '', afterComma = ''] = value.split(',').map((x) => x.trim());
  if (afterComma && main) return { prefix: afterComma, surname: main };
  const words = main.split(/\s+/).filter(Boolean);
  const n = leadingParticle(words);
  if (n === 0) return { surname: main };
  return { prefix: words.slice(0, n).join(' '), surname: words.slice(n).join(' ') };
}

/**
 * A whole name in one field ("Jan van der Berg", "Anna Jansen-de Vries") split into first names,
 * tussenvoegsel and surname: the surname starts at the first tussenvoegsel or married name after
 * the first word, or else is the last word.
 */
export function splitFullName(value: string): { firstNames: string; prefix?: string; surname: string } {
  const words = value
    .replace(/\s*-\s*/g, '-')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length < 2) return { firstNames: '', surname: words.join(' ') };
  for (let i = 1; i < words.length; i++) {
    const rest = words.slice(i);
    if (leadingParticle(rest) > 0 || (i < words.length - 1 && rest[0]?.includes('-'))) {
      const { prefix, surname } = splitSurname(rest.join(' '));
      return { firstNames: words.slice(0, i).join(' '), ...(prefix ? { prefix } : {}), surname };
    }
  }
  return { firstNames: words.slice(0, -1).join(' '), surname: words.at(-1) ?? '' };
}
