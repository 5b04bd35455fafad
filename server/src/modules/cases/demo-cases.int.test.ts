import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../../http/app.js';
import { createTestApp, type TestApp, testEngine } from '../../testing/index.js';
import { AuditService } from '../audit/index.js';
import { seedDemoAccounts } from '../users/index.js';
import { seedDemoCases } from './demo-cases.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const access = createAccess();
  const audit = new AuditService(t.database.db, t.keys, access);
  await seedDemoAccounts(t.keys, audit);
  expect(await seedDemoCases(t.database.db, access, audit)).toBe(24);
  expect(await seedDemoCases(t.database.db, access, audit)).toBe(0);
});
afterAll(async () => t?.close());

describe(`the demo region's cases on ${testEngine()}`, () => {
  it('holds cases in every phase, started across 2019–2022', async () => {
    const cases = await t.database.db
      .selectFrom('cases')
      .select(['phase', 'startedOn', 'closedOn', 'origin'])
      .execute();
    for (const phase of ['start', 'information', 'analysis', 'intervention', 'evaluation', 'closed'])
      expect(
        cases.some((c) => c.phase === phase),
        phase,
      ).toBe(true);
    const years = new Set(cases.map((c) => c.startedOn.slice(0, 4)));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022']);
    expect(
      cases
        .filter((c) => c.phase === 'closed')
        .every((c) => c.closedOn !== null && c.closedOn >= c.startedOn),
    ).toBe(true);
    expect(new Set(cases.map((c) => c.origin))).toEqual(new Set(['direct', 'analysis-product']));
  });

  it('can give back every figure the accountability table needs, from the record', async () => {
    const db = t.database.db;
    const origins = await db
      .selectFrom('caseOriginOrganisations as co')
      .innerJoin('partnerOrganisations as o', 'o.id', 'co.organisationId')
      .select('o.kind')
      .execute();
    const kinds = new Set(origins.map((o) => o.kind));
    for (const kind of ['police', 'tax_administration', 'public_prosecution', 'municipality'])
      expect(kinds.has(kind), kind).toBe(true);
    const themes = await db.selectFrom('caseThemes').select('themeId').execute();
    expect(themes.length).toBeGreaterThanOrEqual(24);
    const advices = await db.selectFrom('advices').select(['kind', 'givenOn']).execute();
    expect(new Set(advices.map((a) => a.kind)).size).toBeGreaterThan(2);
    expect(advices.every((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.givenOn))).toBe(true);
    const amounts = await db
      .selectFrom('results')
      .select(['imposedCents', 'imposedOn', 'collectedCents', 'collectedOn'])
      .where('kind', '=', 'confiscation')
      .execute();
    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts.every((a) => a.imposedCents !== null && a.imposedOn !== null)).toBe(true);
    expect(amounts.some((a) => a.collectedCents !== null && a.collectedOn !== null)).toBe(true);
  });
});
