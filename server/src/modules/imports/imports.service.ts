import type { FtmImportReport, SubjectInput } from '@samenspel/contracts';
import type { RequestContext } from '../../shared/context.js';
import { conflict, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import type { CaseInformationService, CasesService } from '../cases/index.js';
import {
  insertRelations,
  linkBatch,
  type ParsedEntity,
  parseFtmLines,
  registerSubject,
  subjectRefs,
} from '../subjects/index.js';
import * as repo from './imports.repository.js';

const activity = 'samenspel.subjects';

/** What a case keeps as its own subjects; organisations and networks live in the register only. */
function caseSubjectOf(subject: ParsedEntity['subject']): SubjectInput | null {
  return subject && subject.kind !== 'organisation' && subject.kind !== 'network' ? subject : null;
}

/** FollowTheMoney imports into a case: read for review first, then applied whole or not at all. */
export class ImportsService {
  constructor(
    private readonly deps: ServiceDeps & { cases: CasesService; information: CaseInformationService },
  ) {}

  /** Reads FtM entities for a case and keeps them for review: nothing is written to the case yet. */
  async previewFtm(context: RequestContext, caseId: string, text: string): Promise<FtmImportReport> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'case.ftm-import-preview', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.manage', [caseId]);
      const parsed = parseFtmLines(text);
      const id = await repo.insertFtmImport(trx, {
        caseId,
        entities: parsed.entities,
        report: { accepted: parsed.accepted, refused: parsed.refused },
        createdBy: userOf(actor),
        createdAt: now(),
      });
      return { id, status: 'review', accepted: parsed.accepted, refused: parsed.refused };
    });
  }

  /** Applies a reviewed import: every accepted entity or none, and only without refused rows. */
  async applyFtm(context: RequestContext, caseId: string, importId: string): Promise<FtmImportReport> {
    return this.deps.cases.step(
      context,
      caseId,
      { action: 'case.ftm-import-apply', activity },
      'case.manage',
      async (step) => {
        const { trx, actor, at, record } = step;
        const pending = await repo.findFtmImport(trx, caseId, importId);
        if (!pending) throw notFound();
        if (pending.status !== 'review') throw conflict('ftm.import_done', 'Deze import is al verwerkt.');
        if (pending.report.refused.length)
          throw conflict(
            'ftm.import_refused_rows',
            'Deze import heeft geweigerde regels. Verbeter het bestand en lees het opnieuw in; er is niets geïmporteerd.',
          );
        // Entities this service parsed and stored itself at preview.
        const entities = pending.entities as ParsedEntity[];
        const ids = new Map<string, string>();
        const linkedIds = new Set<string>();
        const persons: string[] = [];
        for (const e of entities) {
          if (!e.subject) continue;
          const own = caseSubjectOf(e.subject);
          let added: { subjectId: string; linked: boolean } | undefined;
          if (own) {
            [added] = await this.deps.information.addSubjects(
              step,
              [{ data: own, role: 'other', label: e.caption }],
              'import',
            );
            record.subjectData(own, 'case.ftm-import');
          } else
            added = await registerSubject(
              trx,
              actor.regionId,
              e.subject,
              {
                collaborationId: step.row.collaborationId,
                caseId,
                organisationId: actor.organisationId,
                role: 'other',
                source: 'import',
                at,
              },
              { suggest: false },
            );
          if (!added) continue;
          ids.set(e.id, added.subjectId);
          if (added.linked) linkedIds.add(added.subjectId);
          if (e.subject.kind === 'person') persons.push(added.subjectId);
        }
        // The imported persons, new ones and those linked by an identifier (their records in this
        // file may add a name, date or address), are matched against the register in one pass.
        await linkBatch(trx, actor.regionId, [...new Set(persons)], at);
        await insertRelations(
          trx,
          entities.flatMap((e) => {
            const fromId = e.relation ? ids.get(e.relation.from) : undefined;
            const toId = e.relation ? ids.get(e.relation.to) : undefined;
            if (!e.relation || !fromId || !toId || fromId === toId) return [];
            return [
              {
                regionId: actor.regionId,
                collaborationId: step.row.collaborationId,
                fromId,
                toId,
                type: e.relation.type,
                caseId,
                signalId: null,
                organisationId: actor.organisationId,
                startDate: e.relation.startDate ?? null,
                endDate: e.relation.endDate ?? null,
                createdBy: userOf(actor),
                createdAt: at,
              },
            ];
          }),
        );
        // Which register subject each line became, kept with the import and answered.
        const refs = new Map((await subjectRefs(trx, [...new Set(ids.values())])).map((r) => [r.id, r]));
        const byLine = new Map<number, string>();
        const unlined = [...pending.report.accepted];
        for (const e of entities) {
          if (!e.subject) continue;
          // Imports read before lines were kept: the first accepted line with the same caption.
          const line = e.line ?? unlined.find((a) => a.caption === e.caption && !byLine.has(a.line))?.line;
          const subjectId = ids.get(e.id);
          if (line !== undefined && subjectId) byLine.set(line, subjectId);
        }
        const accepted = pending.report.accepted.map((a) => {
          const ref = refs.get(byLine.get(a.line) ?? '');
          return {
            ...a,
            registerSubject: ref
              ? { id: ref.id, kind: ref.kind, label: ref.label, linked: linkedIds.has(ref.id) }
              : null,
          };
        });
        await repo.markApplied(trx, importId, { accepted, refused: [] });
        return { id: importId, status: 'applied', accepted, refused: [] };
      },
    );
  }
}
