import { readSearchQuery, type SearchRequest, type SearchResults } from '@samenspel/contracts';
import type { RequestContext } from '../../shared/context.js';
import type { ServiceDeps } from '../../shared/service.js';
import { caseNames, searchCases } from '../cases/index.js';
import { searchSignals, signalReferences } from '../signals/index.js';
import type { SubjectSearch } from '../subjects/index.js';
import { presentSubject } from './search.presenter.js';

const activity = 'samenspel.search';
/** Per group: enough to pick from, few enough to read; more means the query should be more precise. */
const LIMIT = 20;

/**
 * One box that finds signals and cases by reference or code name and subjects by name, date of
 * birth, BSN, KvK number, IBAN, address or registration — each among what the searcher may see
 * by that record's own rule. The query is personal data too: it is never stored; a BSN or KvK
 * number searched for goes into the processing log pseudonymised, like every subject found.
 */
export class SearchService {
  constructor(private readonly deps: ServiceDeps & { subjects: SubjectSearch }) {}

  async search(context: RequestContext, request: SearchRequest): Promise<SearchResults> {
    const { audit, access, subjects } = this.deps;
    return audit.run(context, { action: 'search', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'search.use');
      const shape = readSearchQuery(request.q);
      const none = { signals: false, cases: false, subjects: false };
      if (shape.kind === 'invalid')
        return { shape: 'invalid', notice: shape.message, signals: [], cases: [], subjects: [], more: none };
      // Searching for someone is processing their data, found or not.
      if (shape.kind === 'bsn') record.subject({ type: 'person', bsn: shape.value }, 'search.query');
      if (shape.kind === 'kvk') record.subject({ type: 'company', kvkNumber: shape.value }, 'search.query');
      const [signals, cases, found] = await Promise.all([
        access.holds(actor, 'signal.read') ? searchSignals(trx, actor, shape, LIMIT + 1) : [],
        access.holds(actor, 'case.read') ? searchCases(trx, actor, shape, LIMIT + 1) : [],
        subjects.search(trx, actor, shape, LIMIT),
      ]);
      const records = found.subjects.flatMap((s) => s.records);
      const [caseLabels, signalLabels] = await Promise.all([
        caseNames(
          trx,
          records.filter((r) => r.type === 'case').map((r) => r.id),
        ),
        signalReferences(
          trx,
          records.filter((r) => r.type === 'signal').map((r) => r.id),
        ),
      ]);
      const labels = new Map([...caseLabels, ...signalLabels]);
      for (const s of found.subjects)
        if (s.data.kind === 'person' || s.data.kind === 'company')
          record.subjectData(s.data, 'search.result', { type: 'subject', id: s.id });
      return {
        shape: shape.kind,
        notice: null,
        signals: signals.slice(0, LIMIT).map((s) => ({
          id: s.id,
          reference: s.reference,
          stage: s.stage,
          decision: s.decision,
          municipality: s.municipality,
          receivedOn: s.receivedOn,
        })),
        cases: cases.slice(0, LIMIT).map((c) => ({
          id: c.id,
          reference: c.reference,
          codeName: c.codeName,
          phase: c.phase,
          district: c.district,
        })),
        subjects: found.subjects.map((s) => presentSubject(s, labels)),
        more: { signals: signals.length > LIMIT, cases: cases.length > LIMIT, subjects: found.more },
      };
    });
  }
}
