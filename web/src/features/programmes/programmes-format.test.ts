import type { Municipality } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { baseTeamsOf } from './goal-form.js';
import { formatFigure, numberOf } from './programmes-format.js';

describe('figures as programme managers type and read them', () => {
  it.each([
    ['', undefined],
    ['20', 20],
    [' 12,5 ', 12.5],
    ['12.5', 12.5],
    ['1.336.000', 1_336_000],
    ['1.336.000,50', 1_336_000.5],
    ['1 336 000', 1_336_000],
  ])('reads %j as %s', (typed, expected) => {
    expect(numberOf(typed)).toBe(expected);
  });

  it('sends what is no number as NaN, which goes as null and is refused next to the field', () => {
    expect(numberOf('twintig')).toBeNaN();
    expect(JSON.stringify({ minimum: numberOf('twintig') })).toBe('{"minimum":null}');
  });

  it('prints counts and amounts as the annual plan does', () => {
    expect(formatFigure(1_336_000, 'euro').replace(/\u00a0/g, ' ')).toBe('€ 1.336.000');
    expect(formatFigure(17, 'count')).toBe('17');
  });
});

describe('base teams for the goal form', () => {
  it('are the named teams of the municipalities, once each, with the id the reference data gives them', () => {
    const m = (baseTeam: string | null) => ({ baseTeam }) as Municipality;
    expect(
      baseTeamsOf([
        m('Basisteam Zeist/Bunnik/Leusden/Woudenberg'),
        m('Basisteam De Copen'),
        m(null),
        m('Basisteam De Copen'),
      ]),
    ).toEqual([
      ['de-copen', 'Basisteam De Copen'],
      ['zeist-bunnik-leusden-woudenberg', 'Basisteam Zeist/Bunnik/Leusden/Woudenberg'],
    ]);
  });
});
