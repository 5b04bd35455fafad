import { describe, expect, it } from 'vitest';
import en from './en.json';
import { formatDate, formatNumber } from './i18n.js';
import nl from './nl.json';

describe('translation files', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('format dates and numbers the Dutch way', () => {
    expect(formatDate('2022-03-24')).toBe('24 maart 2022');
    expect(formatNumber(361699)).toBe('361.699');
  });
});
