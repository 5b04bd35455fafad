import { describe, expect, it } from 'vitest';
import { batches } from './batches.js';

describe('batches for multi-row statements', () => {
  it('keeps every row, in order, with at most 30,000 parameters per batch (PGlite fails beyond 32,767)', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ a: i, b: 1, c: 2, d: 3, e: 4, f: 5, g: 6 }));
    const out = batches(rows);
    expect(out.flat()).toEqual(rows);
    for (const batch of out) expect(batch.length * 7).toBeLessThanOrEqual(30_000);
    expect(out).toHaveLength(3);
    expect(batches([])).toEqual([]);
  });
});
