import { randomInt } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { CHAINS, type ChainHeads, loadHeads } from './audit.repository.js';

/**
 * The chains this process appends to. A transaction checks one chain out, so no two
 * transactions of this process append to the same chain at once, and the chain's head is
 * remembered from the last commit instead of read again. Another process appending to the
 * same chain is caught by the database (a ChainConflict) and the head is read afresh.
 */
export class ChainPool {
  private readonly free: number[] = [];
  private readonly waiting: Array<(chain: number) => void> = [];
  private readonly heads = new Map<number, ChainHeads>();

  constructor(chains = CHAINS) {
    for (let chain = 0; chain < chains; chain += 1) this.free.push(chain);
  }

  async acquire(): Promise<number> {
    if (this.free.length > 0) {
      const [chain] = this.free.splice(randomInt(this.free.length), 1);
      return chain ?? 0;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(chain: number): void {
    const next = this.waiting.shift();
    if (next) next(chain);
    else this.free.push(chain);
  }

  /** The remembered heads, or the database's when unknown. */
  async headsOf(db: Db, chain: number): Promise<ChainHeads> {
    return this.heads.get(chain) ?? loadHeads(db, chain);
  }

  /** After a commit: the chain now ends here. */
  committed(chain: number, heads: ChainHeads): void {
    this.heads.set(chain, heads);
  }

  /** After a conflict or a failed commit: read the head from the database next time. */
  forget(chain: number): void {
    this.heads.delete(chain);
  }
}
