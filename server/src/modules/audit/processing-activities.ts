import { readFile } from 'node:fs/promises';
import { processingActivity } from '@samenspel/contracts';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { listProcessingActivities, upsertProcessingActivities } from './audit.repository.js';

const registerFile = z.object({ about: z.string(), activities: z.array(processingActivity) });

const REGISTER = new URL('../../../reference-data/processing-activities.json', import.meta.url);

/**
 * Loads the register of processing activities. Versions are immutable: a known id and
 * version whose content differs is refused, so the log keeps meaning what it meant.
 */
export async function loadProcessingActivities(db: Db): Promise<number> {
  const file = registerFile.parse(JSON.parse(await readFile(REGISTER, 'utf8')));
  const existing = await listProcessingActivities(db);
  for (const activity of file.activities) {
    const stored = existing.find((e) => e.id === activity.id && e.version === activity.version);
    if (stored && JSON.stringify({ ...stored }) !== JSON.stringify({ ...stored, ...activity })) {
      throw new Error(
        `Processing activity ${activity.id} version ${activity.version} changed: add a new version instead`,
      );
    }
  }
  await upsertProcessingActivities(db, file.activities);
  return file.activities.length;
}
