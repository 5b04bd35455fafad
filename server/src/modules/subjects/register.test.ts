import { describe, expect, it } from 'vitest';
import { replaces } from './register.js';

describe('which suggestion between two subjects is kept', () => {
  it('keeps the more probable one, but one that needs no household before one that does', () => {
    const plain = { probability: 0.6, via: null };
    const household = { probability: 0.9, via: 'partner' };
    expect(replaces(undefined, { probability: 0.6 })).toBe(true);
    expect(replaces(plain, { probability: 0.7 })).toBe(true);
    expect(replaces(plain, { probability: 0.5 })).toBe(false);
    expect(replaces(plain, { probability: 0.6 })).toBe(false);
    // A household's suggestion is hidden from whoever may not see that household.
    expect(replaces(plain, { probability: 0.99, via: 'partner' })).toBe(false);
    expect(replaces(household, { probability: 0.55 })).toBe(true);
    expect(replaces(household, { probability: 0.95, via: 'other' })).toBe(true);
    expect(replaces(household, { probability: 0.8, via: 'other' })).toBe(false);
  });
});
