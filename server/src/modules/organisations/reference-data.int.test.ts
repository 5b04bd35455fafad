import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createEmptyDatabase, testEngine } from '../../testing/database.js';
import { referenceDataDir } from './reference-data.js';
import { loadReferenceData } from './reference-data.loader.js';

describe(`loading reference data on ${testEngine()}`, () => {
  let database: Database;
  let brokenDir: string;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await migrateToLatest(database.db);
    brokenDir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-refdata-'));
    await cp(referenceDataDir, brokenDir, { recursive: true });
    // A second region whose municipality points at a district it does not define.
    const file = JSON.parse(await readFile(path.join(brokenDir, 'regions/midden-nederland.json'), 'utf8'));
    file.region.id = 'zz-kapot';
    file.checksum = 'other';
    file.districts = [];
    await writeFile(path.join(brokenDir, 'regions/zz-kapot.json'), JSON.stringify(file));
  });
  afterAll(async () => {
    await database?.close();
    await rm(brokenDir, { recursive: true, force: true });
  });

  it('refuses a broken file and writes nothing at all', async () => {
    await expect(loadReferenceData(database.db, brokenDir)).rejects.toThrow();
    const regions = await database.db.selectFrom('regions').selectAll().execute();
    const provinces = await database.db.selectFrom('provinces').selectAll().execute();
    expect(regions).toEqual([]);
    expect(provinces).toEqual([]);
  });

  it('loads the region, and loading it again changes nothing', async () => {
    const first = await loadReferenceData(database.db);
    expect(first).toEqual([
      expect.objectContaining({
        id: 'midden-nederland',
        version: '2022.1',
        changed: true,
        municipalities: 39,
      }),
    ]);
    const count = async () => ({
      municipalities: (await database.db.selectFrom('municipalities').select('code').execute()).length,
      partners: (await database.db.selectFrom('partnerOrganisations').select('id').execute()).length,
      themes: (await database.db.selectFrom('themes').select('id').execute()).length,
      ids: (await database.db.selectFrom('partnerOrganisations').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      ),
    });
    const before = await count();
    const second = await loadReferenceData(database.db);
    expect(second[0]?.changed).toBe(false);
    expect(await count()).toEqual(before);
    expect(before).toMatchObject({ municipalities: 39, partners: 53, themes: 6 + 17 });
  });
});
