import { describe, expect, it } from 'vitest';
import { figuresLabel, formatFigure, goalStatus, targetLabel } from './programmes.presenter.js';

const number = (minimum: number) => ({ kind: 'number' as const, minimum, maximum: null, text: null });
const range = (minimum: number, maximum: number) => ({
  kind: 'range' as const,
  minimum,
  maximum,
  text: null,
});
const aim = { kind: 'qualitative' as const, minimum: null, maximum: null, text: 'Meer signalen' };

describe('a goal against its target', () => {
  it('is reached at or above a number, not below it', () => {
    expect(goalStatus(number(20), 17, false)).toBe('not-reached');
    expect(goalStatus(number(20), 20, false)).toBe('reached');
    expect(goalStatus(number(20), 29, false)).toBe('reached');
  });

  it('is not reached below a range, reached within it and above range over it', () => {
    expect(goalStatus(range(12, 15), 11, false)).toBe('not-reached');
    expect(goalStatus(range(12, 15), 12, false)).toBe('reached');
    expect(goalStatus(range(12, 15), 15, false)).toBe('reached');
    expect(goalStatus(range(12, 15), 23, false)).toBe('above-range');
  });

  it('is qualitative for an aim in words or a result in words, and has no result without one', () => {
    expect(goalStatus(aim, 44, false)).toBe('qualitative');
    expect(goalStatus(number(14), null, true)).toBe('qualitative');
    expect(goalStatus(number(14), null, false)).toBe('no-result');
  });

  it('prints targets and figures as the plan does', () => {
    expect(targetLabel(range(12, 15))).toBe('12–15');
    expect(targetLabel(number(1336000))).toBe('1.336.000');
    expect(targetLabel(aim)).toBe('Meer signalen');
    expect(formatFigure(1336000, 'euro')).toBe('€ 1.336.000');
    const figure = (name: string, value: number) => ({
      indicator: 'cases.handled' as const,
      option: null,
      name,
      value,
      unit: 'count' as const,
    });
    expect(
      figuresLabel([
        figure('Casussen behandeld', 17),
        figure('Nieuwe casussen', 7),
        figure('Afgesloten casussen', 6),
      ]),
    ).toBe('17 (nieuwe casussen: 7, afgesloten casussen: 6)');
    expect(figuresLabel([])).toBe('');
  });
});
