import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.js';

describe('CSV for Dutch Excel', () => {
  it('separates cells with semicolons, starts with a byte-order mark and ends lines with CRLF', () => {
    expect(csvDocument([['a', 'b'], ['c']])).toBe('\uFEFF"a";"b"\r\n"c"\r\n');
  });

  it('writes numbers with a decimal comma and no thousands separator', () => {
    expect(csvCell(1234.5)).toBe('"1234,5"');
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell(0)).toBe('"0"');
    expect(csvCell(Number.NaN)).toBe('""');
  });

  it('writes dates the Dutch way, and moments in Dutch time', () => {
    expect(csvCell('1979-03-14')).toBe('"14-03-1979"');
    // 23:30 UTC on 31 March 2026 is already 1 April in the Netherlands (summer time).
    expect(csvCell('2026-03-31T23:30:05.123Z')).toBe('"01-04-2026 01:30:05"');
    expect(csvCell(new Date('2026-01-15T09:05:00Z'))).toBe('"15-01-2026 10:05:00"');
  });

  it('neutralises text that a spreadsheet would run as a formula, and quotes quotes', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
    expect(csvCell('Gewoon; tekst, met "aanhalingstekens"')).toBe(
      '"Gewoon; tekst, met ""aanhalingstekens"""',
    );
  });

  it('leaves empty what is not there, and says yes and no in Dutch', () => {
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell(true)).toBe('"ja"');
    expect(csvCell(false)).toBe('"nee"');
  });
});
