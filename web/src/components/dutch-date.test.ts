import { describe, expect, it } from 'vitest';
import { dutchDateInput, parseDutchDate } from './dutch-date.js';

describe('dates as Dutch people type them', () => {
  it.each([
    ['14-03-2026', '2026-03-14'],
    ['14-3-2026', '2026-03-14'],
    ['1/2/2026', '2026-02-01'],
    ['14.03.2026', '2026-03-14'],
    [' 14 - 03 - 2026 ', '2026-03-14'],
    ['14 maart 2026', '2026-03-14'],
    ['14 Maart 2026', '2026-03-14'],
    ['14 mrt 2026', '2026-03-14'],
    ['14 mrt. 2026', '2026-03-14'],
    ['3 okt 1979', '1979-10-03'],
    ['29-02-2024', '2024-02-29'],
    ['2026-03-14', '2026-03-14'],
  ])('reads %s as %s', (typed, expected) => {
    expect(parseDutchDate(typed)).toBe(expected);
  });

  it.each(['', '31-02-2026', '29-02-2026', '14-13-2026', '14-03-26', 'morgen', '14 maa rt 2026', '0-1-2026'])(
    'refuses %s',
    (typed) => {
      expect(parseDutchDate(typed)).toBeNull();
    },
  );

  it('shows an ISO date as day-month-year', () => {
    expect(dutchDateInput('2026-03-14')).toBe('14-03-2026');
    expect(dutchDateInput(undefined)).toBe('');
  });
});
