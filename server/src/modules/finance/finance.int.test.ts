import type { FinanceYear } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/** The exploitatieoverzicht: lines per year, totals and the balance check, refusals all at once. */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

describe(`finance on ${testEngine()}`, () => {
  it('keeps budget and realisation per line, with the next year beside them and totals that balance', async () => {
    const manager = await cast.manager();
    await cast.ok(manager, 'PUT', '/api/v1/finance/2031', {
      lines: [
        { line: 'justice-contribution', budget: 4_738_000, realisation: 5_067_000 },
        { line: 'reserve-withdrawal', budget: 8_000, realisation: -21_000 },
        { line: 'personnel', budget: 4_746_000, realisation: 5_000_000 },
        { line: 'fte-police', budget: 3.56, realisation: 3.56 },
      ],
    });
    await cast.ok(manager, 'PUT', '/api/v1/finance/2032', {
      lines: [{ line: 'personnel', budget: 5_943_000 }],
    });
    const year = await cast.ok<FinanceYear>(await cast.analyst(), 'GET', '/api/v1/finance/2031');
    const line = (code: string) => year.lines.find((l) => l.line === code);
    expect(line('justice-contribution')).toMatchObject({
      budget: 4_738_000,
      realisation: 5_067_000,
      nextBudget: null,
    });
    expect(line('personnel')).toMatchObject({ nextBudget: 5_943_000, unit: 'euro' });
    expect(line('fte-police')).toMatchObject({ budget: 3.56, unit: 'fte', group: 'fte' });
    expect(line('municipalities')).toMatchObject({ budget: null, realisation: null });
    expect(year.totals.income).toEqual({ budget: 4_746_000, realisation: 5_046_000, nextBudget: null });
    expect(year.totals.costs).toEqual({ budget: 4_746_000, realisation: 5_000_000, nextBudget: 5_943_000 });
    // Balanced budget; the realisation does not balance: a warning, not a refusal.
    expect(year.warnings.map((w) => w.column)).toEqual(['realisation']);
    expect(year.warnings[0]?.reason).toContain('€ 5.046.000');
  });

  it('refuses negative amounts, parts of euros and a line given twice, every one at once, writing nothing', async () => {
    const manager = await cast.manager();
    const bad = await cast.call(manager, 'PUT', '/api/v1/finance/2033', {
      lines: [
        { line: 'personnel', budget: -5 },
        { line: 'municipalities', budget: 1000.5 },
        { line: 'fte-police', budget: 3.561 },
        { line: 'personnel', realisation: 10 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`)
        .sort(),
    ).toEqual([
      'lines.0.budget:negative',
      'lines.1.budget:precision',
      'lines.2.budget:precision',
      'lines.3.line:line_twice',
    ]);
    const after = await cast.ok<FinanceYear>(manager, 'GET', '/api/v1/finance/2033');
    expect(after.updatedAt).toBeNull();
    expect(after.lines.every((l) => l.budget === null)).toBe(true);
  });

  it('lets programme managers record and analysts read; others neither', async () => {
    const analyst = await cast.analyst();
    expect((await cast.call(analyst, 'PUT', '/api/v1/finance/2034', { lines: [] })).statusCode).toBe(403);
    expect((await cast.call(await cast.staff('GM0344'), 'GET', '/api/v1/finance/2034')).statusCode).toBe(403);
    expect((await cast.call(undefined, 'GET', '/api/v1/finance/2034')).statusCode).toBe(401);
  });
});
