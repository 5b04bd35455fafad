/**
 * Text files as partners send them: spreadsheets saved as CSV by Excel on Windows (Windows-1252,
 * a semicolon), by other programs (UTF-8, a comma), or as "Unicode text" (UTF-16, a tab). Used by
 * every reader of such files (the import pipeline, the address register, map layers).
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The text of a file and the encoding it was read with. */
export function decodeTextFile(file: Uint8Array): { text: string; encoding: string } {
  if (UTF8_BOM.every((byte, i) => file[i] === byte))
    return { text: new TextDecoder('utf-8').decode(file.subarray(3)), encoding: 'utf-8' };
  if (file[0] === 0xff && file[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(file.subarray(2)), encoding: 'utf-16le' };
  if (file[0] === 0xfe && file[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(file.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: what Excel on Windows writes for "CSV (gescheiden door lijstscheidingsteken)".
    return { text: decodeWindows1252(file), encoding: 'windows-1252' };
  }
}

// Windows-1252's own characters at 0x80–0x9F (€, ‚, ƒ, „, …, curly quotes, dashes, ™, …), where
// ISO-8859-1 has control codes; the five unused bytes stay as they are.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 by hand: Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (nodejs/node
 * #56542), which turns the euro sign and the curly quotes Excel writes into control codes.
 */
export function decodeWindows1252(file: Uint8Array): string {
  let text = '';
  for (let i = 0; i < file.length; i += 8192) {
    const chunk = file.subarray(i, i + 8192);
    text += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return text;
}

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252. */
export function decodeText(file: Uint8Array): string {
  return decodeTextFile(file).text;
}

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && char in counts) counts[char as keyof typeof counts] += 1;
  }
  const [best] = (Object.entries(counts) as Array<[keyof typeof counts, number]>).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ';';
}
