import { describe, expect, it } from 'vitest';
import { catalogKeys, formatDate, formatNumber } from './i18n.js';

describe('translation files', () => {
  it('have the same keys in Dutch and English', () => {
    expect([...catalogKeys.en].sort()).toEqual([...catalogKeys.nl].sort());
  });

  it('format dates and numbers the Dutch way', () => {
    expect(formatDate('2022-03-24')).toBe('24 maart 2022');
    expect(formatNumber(361699)).toBe('361.699');
  });
});
