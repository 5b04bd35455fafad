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

/** Strips tussenvoegsels from the start and the end of a folded name part. */
function stripParticles(part: string): { core: string; particles: string[] } {
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
  return { core: words.join(' '), particles: found };
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

export interface ParsedName {
  /** Folded first names (a hyphenated first name is one name: "dirk-jan" → "dirkjan"). */
  givenNames: string[];
  /** One letter per first name ("Dirk-Jan Pieter" → "djp"), also from written initials ("J.P."). */
  initials: string;
  /** The tussenvoegsels, folded and written out ("v.d." → "van de"). */
  prefix: string;
  /** The surname's parts without tussenvoegsels: a married name has two ("Jansen-de Vries"). */
  surnames: string[];
  /** The sound keys of those parts. */
  sounds: string[];
}

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
  for (const raw of (name.firstNames ?? '').trim().split(/\s+/).filter(Boolean)) {
    // Initials: "J.P.", "J. P.", "J" or "JP" in capitals.
    if (/^(\p{L}\.)+\p{L}?$/u.test(raw) || /^\p{Lu}{1,3}$/u.test(raw)) {
      initials += foldName(raw).replace(/[\s-]/g, '');
      continue;
    }
    const parts = foldName(raw).split('-').filter(Boolean);
    if (!parts.length) continue;
    givenNames.push(parts.join(''));
    initials += parts.map((p) => p[0]).join('');
  }
  const prefixes: string[] = [];
  const ownPrefix = foldName(name.prefix ?? '').replace(/-/g, ' ');
  if (ownPrefix) prefixes.push(abbreviations[ownPrefix] ?? ownPrefix);
  const surnames: string[] = [];
  // "Berg, van der": what follows a comma is tussenvoegsel.
  const [main = '', afterComma = ''] = (name.surname ?? '').split(',');
  const trailing = foldName(afterComma);
  if (trailing) prefixes.push(abbreviations[trailing] ?? trailing);
  for (const part of foldName(main).split('-')) {
    const { core, particles: found } = stripParticles(part.trim());
    if (core) surnames.push(core.replace(/ /g, ''));
    prefixes.push(...found);
  }
  return {
    givenNames,
    initials,
    prefix: prefixes.join(' '),
    surnames,
    sounds: surnames.map(nameSound),
  };
}
