import { describe, expect, it } from 'vitest';
import { decodeTextFile } from './text-files.js';

describe('text files', () => {
  it("reads Excel's Windows-1252 CSV with the euro sign and curly quotes, not as control codes", () => {
    const bytes = Buffer.from([
      0x80, 0x20, 0x31, 0x2e, 0x30, 0x30, 0x30, 0x3b, 0x93, 0x6a, 0x61, 0x94, 0x3b, 0xeb,
    ]);
    expect(decodeTextFile(bytes)).toEqual({ text: '€ 1.000;“ja”;ë', encoding: 'windows-1252' });
  });

  it('reads UTF-8 with or without a byte-order mark, and UTF-16 with one', () => {
    expect(decodeTextFile(Buffer.from('\uFEFFFinanciën € 5', 'utf8'))).toEqual({
      text: 'Financiën € 5',
      encoding: 'utf-8',
    });
    expect(decodeTextFile(Buffer.from('Financiën', 'utf8')).encoding).toBe('utf-8');
    expect(
      decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb', 'utf16le')])),
    ).toEqual({
      text: 'a\tb',
      encoding: 'utf-16le',
    });
  });
});
