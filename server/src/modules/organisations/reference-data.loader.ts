import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import * as repo from './organisations.repository.js';
import { nationalFile, type RegionFile, referenceDataDir, regionFile } from './reference-data.js';

export interface LoadedRegion {
  id: string;
  version: string;
  /** False when the database already held this exact version. */
  changed: boolean;
  municipalities: number;
  partners: number;
  themes: number;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Reads and validates every region file in the reference-data folder. */
export async function readRegionFiles(dir = referenceDataDir): Promise<RegionFile[]> {
  const names = (await readdir(path.join(dir, 'regions'))).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (n) => regionFile.parse(await readJson(path.join(dir, 'regions', n)))));
}

/**
 * Loads the national reference data and every region file, all in one transaction: a bad file
 * leaves the database as it was. Loading the same files again changes nothing.
 */
export async function loadReferenceData(db: Db, dir = referenceDataDir): Promise<LoadedRegion[]> {
  const national = nationalFile.parse(await readJson(path.join(dir, 'national.json')));
  const regions = await readRegionFiles(dir);
  return db.transaction().execute(async (trx) => {
    await repo.upsertNational(trx, national);
    const loaded: LoadedRegion[] = [];
    for (const file of regions) {
      const current = await repo.findRegionVersion(trx, file.region.id);
      const changed = current?.referenceDataChecksum !== file.checksum;
      if (changed) await repo.upsertRegion(trx, file);
      loaded.push({
        id: file.region.id,
        version: file.version,
        changed,
        municipalities: file.municipalities.length,
        partners: file.partners.length,
        themes: file.themes.length,
      });
    }
    return loaded;
  });
}
