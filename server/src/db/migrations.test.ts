import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';

describe('migrations', () => {
  it('registers every migration file, under its own timestamped name', async () => {
    const files = (await readdir(new URL('./migrations/', import.meta.url)))
      .filter((f) => /^\d{8}T\d{6}-[a-z0-9-]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });

  it('names migrations so that their order is their timestamp order', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{8}T\d{6}-[a-z0-9-]+$/);
  });
});
