import type { SharingMatrix } from '@samenspel/contracts';
import type { RequestContext } from '../../shared/context.js';
import type { ServiceDeps } from '../../shared/service.js';
import { sharingCells } from './register.repository.js';

/**
 * The register of processing's picture of sharing: which partner provides what to whom under
 * which basis, from the provisions recorded in cases. Aggregates only: no case, no subject.
 */
export class SharingService {
  constructor(private readonly deps: ServiceDeps) {}

  async matrix(context: RequestContext, year: number | undefined): Promise<SharingMatrix> {
    const { audit, access } = this.deps;
    return audit.run(
      context,
      { action: 'sharing-matrix.read', activity: 'samenspel.audit-review' },
      async (trx) => {
        const actor = await access.requireAccess(trx, context.actor, 'processing-activity.read');
        const rows = await sharingCells(trx, actor.regionId, year);
        const organisations = new Map<string, string>();
        for (const r of rows) {
          organisations.set(r.fromId, r.from);
          organisations.set(r.toId, r.to);
        }
        return {
          year: year ?? null,
          organisations: [...organisations]
            .map(([id, name]) => ({ id, name }))
            .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
          cells: rows.map((r) => ({
            from: r.fromId,
            to: r.toId,
            basis: r.basis,
            provisions: r.provisions,
            cases: r.cases,
          })),
        };
      },
    );
  }
}
