import type { ProcessingActivity, SharingMatrix } from '@samenspel/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, dutchDay, newCase, type TestApp, testEngine } from '../../testing/index.js';

/**
 * The register of processing: every activity with every version kept (the recipients and the
 * collaboration arrived in a second version; the log records the version in force), read through
 * a read-only API; and the sharing matrix, counted from the provisions recorded in cases.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const fg = () => cast.member(['privacy_officer']);

describe(`the register of processing on ${testEngine()}`, () => {
  it('keeps every version, names the recipients and the collaboration, and logs under the version in force', async () => {
    const { items } = await cast.ok<{ items: ProcessingActivity[] }>(
      await fg(),
      'GET',
      '/api/v1/processing-activities',
    );
    const ids = [...new Set(items.map((a) => a.id))];
    expect(ids.length).toBeGreaterThanOrEqual(16);
    for (const id of ids) {
      const { versions } = await cast.ok<{ versions: ProcessingActivity[] }>(
        await fg(),
        'GET',
        `/api/v1/processing-activities/${id}`,
      );
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      const current = versions.at(-1);
      expect(current?.recipients.length, id).toBeGreaterThan(0);
      expect(current?.collaboration, id).toBeTruthy();
    }
    // The first version of the cases' activity stays as it was: no recipients recorded then.
    const cases = await cast.ok<{ versions: ProcessingActivity[] }>(
      await fg(),
      'GET',
      '/api/v1/processing-activities/samenspel.cases',
    );
    expect(cases.versions[0]).toMatchObject({ version: 1, recipients: [], collaboration: null });
    // What happens now is logged under the version in force.
    const c = await newCase(cast);
    const { rows } = await sql<{ version: number }>`
      select max(processing_activity_version)::int as version from processing_log
      where processing_activity_id = 'samenspel.cases' and started_at > now() - interval '1 minute'`.execute(
      t.database.db,
    );
    expect(c.id).toBeTruthy();
    expect(rows[0]?.version).toBe(cases.versions.length);

    expect(
      (await cast.call(await fg(), 'GET', '/api/v1/processing-activities/samenspel.unknown')).statusCode,
    ).toBe(404);
    expect(
      (await cast.call(await cast.staff('GM0344'), 'GET', '/api/v1/processing-activities/samenspel.cases'))
        .statusCode,
    ).toBe(403);
  });

  it('draws the sharing matrix from the provisions: who provides to whom under which basis, counts only', async () => {
    const c = await newCase(cast, { participants: ['politie', 'GM0344'] });
    const configuration = await cast.ok<{ legalBases: Array<{ id: string; name: string }> }>(
      await cast.director(),
      'GET',
      '/api/v1/case-configuration',
    );
    const basis = configuration.legalBases[0];
    if (!basis) throw new Error('no legal basis');
    for (const title of ['Proces-verbaal', 'Mutaties'])
      await cast.ok(await cast.staff('politie'), 'POST', `/api/v1/cases/${c.id}/provisions`, {
        providedOn: dutchDay(),
        legalBasisId: basis.id,
        classification: 'intern',
        title,
        body: 'Inhoud',
      });
    const matrix = await cast.ok<SharingMatrix>(await fg(), 'GET', '/api/v1/sharing-matrix');
    const police = await cast.org('politie');
    const utrecht = await cast.org('GM0344');
    expect(matrix.cells).toContainEqual({
      from: police,
      to: utrecht,
      basis: basis.name,
      provisions: 2,
      cases: 1,
    });
    expect(matrix.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([police, utrecht]));
    // Nothing goes from a partner to itself, and nothing names a case or a subject.
    expect(matrix.cells.every((cell) => cell.from !== cell.to)).toBe(true);
    expect(JSON.stringify(matrix)).not.toContain(c.reference);
    const earlier = await cast.ok<SharingMatrix>(await fg(), 'GET', '/api/v1/sharing-matrix?year=2019');
    expect(earlier).toMatchObject({ year: 2019, cells: [] });
    const bad = await cast.call(await fg(), 'GET', '/api/v1/sharing-matrix?year=1800');
    expect(bad.statusCode).toBe(400);
    expect((await cast.call(await cast.staff('politie'), 'GET', '/api/v1/sharing-matrix')).statusCode).toBe(
      403,
    );
  });
});
