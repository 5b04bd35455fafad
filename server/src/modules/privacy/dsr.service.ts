import type {
  DsrAnswer,
  DsrDecisionRequest,
  DsrDetail,
  DsrRegistration,
  DsrStatus,
  DsrSummary,
  DsrTaskDetail,
  RefusalGround,
  RegisterData,
  SubjectRole,
} from '@samenspel/contracts';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DataSubjectRequestMatchesTable } from '../../db/schema.js';
import type { RequestContext } from '../../shared/context.js';
import { amsterdamDate, daysBetweenDates, dutchDate, happenedProblems } from '../../shared/dates.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { type AuditRecorder, pseudonymise, type SubjectIdentifier } from '../audit/index.js';
import { personIdentifiers, registerLabel } from '../subjects/index.js';
import { answerPdf } from './dsr.pdf.js';
import * as repo from './dsr.repository.js';
import { privacyRules } from './privacy.access.js';

const activity = 'samenspel.data-subject-requests';

export interface DsrDeps extends ServiceDeps {
  /** The key the processing log pseudonymises data subjects with: the log is searched by it. */
  pseudonymKey: Buffer;
}

/** The grounds as the answer names them to the person. */
export const groundLabels: Record<RefusalGround, string> = {
  'uavg-41-crime': 'artikel 41 lid 1 onder d UAVG: het voorkomen, opsporen en vervolgen van strafbare feiten',
  'uavg-41-supervision': 'artikel 41 lid 1 onder h UAVG: toezicht, inspectie en regelgeving',
  'uavg-41-others': 'artikel 41 lid 1 onder i UAVG: de bescherming van de rechten en vrijheden van anderen',
  'avg-15-4': 'artikel 15 lid 4 AVG: de rechten en vrijheden van anderen',
  wpg: 'de Wet politiegegevens (artikelen 25 tot en met 27)',
  wjsg: 'de Wet justitiële en strafvorderlijke gegevens',
  'awr-67': 'de geheimhoudingsplicht van artikel 67 van de Algemene wet inzake rijksbelastingen',
};

const roleLabels: Partial<Record<SubjectRole, string>> = {
  'main-subject': 'als hoofdsubject',
  facilitator: 'als facilitator',
  'property-owner': 'als eigenaar van een pand',
  employee: 'als werknemer',
  relative: 'als familielid',
  other: 'als ander betrokkene',
};

/** A calendar month (or three) after a date; the last day of the month where the day is missing. */
export function monthsAfter(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The person as a record has them: name, date of birth, whether a BSN is known, the role. */
function foundAs(data: RegisterData, role: SubjectRole | null): string {
  if (data.kind !== 'person') return registerLabel(data);
  const name = [data.firstNames, data.prefix, data.surname].filter(Boolean).join(' ');
  const born = data.dateOfBirth ? `, geboren ${dutchDate(data.dateOfBirth)}` : '';
  const bsn = data.bsn ? ', met BSN' : '';
  const as = role && roleLabels[role] ? `, ${roleLabels[role]}` : '';
  return `${name}${born}${bsn}${as}`;
}

function statusOf(r: repo.RequestSummaryRow): DsrStatus {
  if (r.answeredOn) return 'answered';
  if (r.pendingReview) return 'review';
  return r.tasksDecided === r.tasksTotal ? 'ready' : 'with-partners';
}

function summary(r: repo.RequestSummaryRow): DsrSummary {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    status: statusOf(r),
    person: [r.firstNames, r.surname].filter(Boolean).join(' '),
    receivedOn: r.receivedOn,
    deadline: r.deadline,
    extended: r.extended,
    answeredOn: r.answeredOn,
    tasks: { total: r.tasksTotal, decided: r.tasksDecided },
  };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function presentMatch(m: repo.MatchRow) {
  return {
    id: m.id,
    recordKind: m.recordKind,
    label: m.label,
    organisation: m.organisation,
    organisationId: m.organisationId,
    matchedBy: m.matchedBy,
    found: m.found,
    review: m.review,
    decision: m.decision,
    ground: m.ground,
    explanation: m.explanation,
    decidedBy: m.decidedBy,
    decidedAt: iso(m.decidedAt),
  };
}

/**
 * Data-subject requests at the region's one contact point (the FG): a request is registered
 * with the identity check done, and at once everything about the person is found across the
 * partners' signals, cases, hit/no-hit rounds, the register and the processing log — by BSN
 * (certain) and by name and date of birth (shown for review). A task per partner holding data
 * has an owner there and the statutory clock; each partner decides for its own data with a
 * legal ground for every refusal or restriction, and the answer is one package.
 */
export class DsrService {
  constructor(private readonly deps: DsrDeps) {}

  private today(): string {
    return amsterdamDate(this.deps.now());
  }

  async register(context: RequestContext, request: DsrRegistration): Promise<DsrDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'dsr.register', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'dsr.manage');
      const today = this.today();
      const problems = [
        ...happenedProblems('receivedOn', request.receivedOn, today),
        ...happenedProblems('identityCheckedOn', request.identityCheckedOn, today),
      ];
      if (daysBetweenDates(request.identityCheckedOn, request.receivedOn) > 90)
        problems.push({
          name: 'identityCheckedOn',
          in: 'body',
          code: 'too_early',
          reason:
            'De identiteit moet bij dit verzoek zijn vastgesteld: hoogstens 90 dagen vóór de ontvangst.',
        });
      if (problems.length) throw invalid(problems);
      const { person } = request;
      const id = await repo.insertRequest(trx, {
        regionId: actor.regionId,
        reference: await repo.nextReference(trx, Number(today.slice(0, 4))),
        kind: request.kind,
        receivedOn: request.receivedOn,
        surname: person.surname,
        firstNames: person.firstNames || null,
        dateOfBirth: person.dateOfBirth,
        bsn: person.bsn ?? null,
        contact: request.contact,
        identityCheck: request.identityCheck,
        identityCheckedOn: request.identityCheckedOn,
        details: request.details || null,
        deadline: monthsAfter(request.receivedOn, 1),
        registeredBy: userOf(actor),
        registeredAt: now(),
      });
      await this.compile(
        trx,
        record,
        { id, regionId: actor.regionId, fallbackOrganisation: actor.organisationId },
        person,
      );
      return this.detail(trx, id);
    });
  }

  /**
   * Finds everything about the person and writes it down as matches, with a task per partner
   * that holds any of it. Records found by BSN are certain; by name and date of birth they wait
   * for the contact point's review.
   */
  private async compile(
    trx: Db,
    record: AuditRecorder,
    request: { id: string; regionId: string; fallbackOrganisation: string },
    person: DsrRegistration['person'],
  ) {
    const riec = (await repo.riecOf(trx, request.regionId)) ?? request.fallbackOrganisation;
    const byBsn = new Set(person.bsn ? await repo.rootsByBsn(trx, request.regionId, person.bsn) : []);
    const byName = await personIdentifiers(trx, request.regionId, {
      surname: person.surname,
      firstNames: person.firstNames,
      dateOfBirth: person.dateOfBirth,
    });
    const roots = [...new Set([...byBsn, ...byName.map((p) => p.root)])];
    const how = (root: string): 'bsn' | 'name-and-birth' => (byBsn.has(root) ? 'bsn' : 'name-and-birth');
    const sightings = await repo.sightingsOfRoots(trx, roots);

    type Found = Omit<Insertable<DataSubjectRequestMatchesTable>, 'taskId' | 'requestId' | 'review'> & {
      organisationId: string;
    };
    const found = new Map<string, Found>();
    const add = (key: string, f: Found) => {
      const known = found.get(key);
      // A record seen by BSN and by name is certain.
      if (!known || (known.matchedBy !== 'bsn' && f.matchedBy === 'bsn')) found.set(key, f);
    };
    const firstSeen = new Map<string, (typeof sightings)[number]>();
    for (const g of sightings) {
      if (!firstSeen.has(g.root)) firstSeen.set(g.root, g);
      const as = foundAs(g.data, g.role);
      const holder = g.organisationId ?? g.recordOrganisationId ?? riec;
      if (g.signalId && g.signalReference)
        add(`signal:${g.signalId}`, {
          recordKind: 'signal',
          recordId: g.signalId,
          label: g.signalReference,
          found: as,
          matchedBy: how(g.root),
          organisationId: holder,
        });
      if (g.caseId && g.caseReference)
        add(`case:${g.caseId}`, {
          recordKind: 'case',
          recordId: g.caseId,
          label: g.caseReference,
          found: as,
          matchedBy: how(g.root),
          organisationId: holder,
        });
    }
    for (const root of roots) {
      const g = firstSeen.get(root);
      add(`register:${root}`, {
        recordKind: 'register',
        recordId: root,
        label: 'Subjectenregister',
        found: g ? foundAs(g.data, null) : `${person.surname}, geboren ${dutchDate(person.dateOfBirth)}`,
        matchedBy: how(root),
        organisationId: riec,
      });
    }
    // A round asked about a partner's signal: it goes with that signal, to the same partner, and
    // its label names no number (refused, the signal must not show through its round).
    const signalHolder = new Map<string, string>();
    for (const g of sightings)
      if (g.signalSubjectId)
        signalHolder.set(g.signalSubjectId, g.organisationId ?? g.recordOrganisationId ?? riec);
    for (const match of ['bsn', 'name-and-birth'] as const) {
      const ids = sightings.flatMap((g) =>
        g.signalSubjectId && how(g.root) === match ? [g.signalSubjectId] : [],
      );
      for (const r of await repo.roundsOfSignalSubjects(trx, ids))
        add(`round:${r.id}`, {
          recordKind: 'round',
          recordId: r.id,
          label: `Hit/no-hitronde van ${dutchDate(amsterdamDate(new Date(r.createdAt)))}`,
          found: 'Gevraagd of partners de persoon kennen',
          matchedBy: match,
          organisationId: signalHolder.get(r.signalSubjectId) ?? riec,
        });
    }

    // The processing log: under the BSN, and under every identifier the person's records carry.
    const identifiers = new Map<string, { subject: SubjectIdentifier; match: 'bsn' | 'name-and-birth' }>();
    const pseudonymOf = (s: SubjectIdentifier) => pseudonymise(this.deps.pseudonymKey, s).pseudonym;
    if (person.bsn)
      identifiers.set(pseudonymOf({ type: 'person', bsn: person.bsn }), {
        subject: { type: 'person', bsn: person.bsn },
        match: 'bsn',
      });
    const named: SubjectIdentifier = {
      type: 'person',
      surname: person.surname,
      dateOfBirth: person.dateOfBirth,
    };
    if (!identifiers.has(pseudonymOf(named)))
      identifiers.set(pseudonymOf(named), { subject: named, match: 'name-and-birth' });
    for (const p of byName)
      for (const subject of p.identifiers) {
        const key = pseudonymOf(subject);
        if (!identifiers.has(key)) identifiers.set(key, { subject, match: how(p.root) });
      }
    const perActivity = new Map<
      string,
      { name: string; count: number; first: Date; last: Date; match: 'bsn' | 'name-and-birth' }
    >();
    for (const row of await repo.logActivities(trx, request.regionId, [...identifiers.keys()])) {
      const match = identifiers.get(row.pseudonym)?.match ?? 'name-and-birth';
      const key = `${row.activityId}|${match}`;
      const known = perActivity.get(key);
      perActivity.set(key, {
        name: row.name,
        count: (known?.count ?? 0) + row.count,
        first: known && known.first < row.first ? known.first : row.first,
        last: known && known.last > row.last ? known.last : row.last,
        match,
      });
    }
    for (const [key, a] of perActivity)
      add(`log:${key}`, {
        recordKind: 'log',
        recordId: null,
        label: a.name,
        found: `${a.count} ${a.count === 1 ? 'verwerking' : 'verwerkingen'}, van ${dutchDate(amsterdamDate(new Date(a.first)))} tot ${dutchDate(amsterdamDate(new Date(a.last)))}`,
        matchedBy: a.match,
        organisationId: riec,
      });

    const matches = [...found.values()];
    const tasks = await repo.insertTasks(trx, request.id, [...new Set(matches.map((m) => m.organisationId))]);
    await repo.insertMatches(
      trx,
      matches.map(({ organisationId, ...m }) => ({
        ...m,
        requestId: request.id,
        taskId: tasks.get(organisationId) as string,
        review: m.matchedBy === 'bsn' ? 'confirmed' : 'pending',
      })),
    );
    // The search processed the person: logged under each identifier it looked for, in each record found.
    for (const { subject } of identifiers.values()) record.subject(subject, 'dsr.search');
    for (const m of matches)
      if ((m.recordKind === 'signal' || m.recordKind === 'case') && m.recordId)
        record.subject(person.bsn ? { type: 'person', bsn: person.bsn } : named, 'dsr.search.record', {
          type: m.recordKind,
          id: m.recordId,
        });
  }

  private async detail(trx: Db, id: string): Promise<DsrDetail> {
    const r = await repo.requestRow(trx, id);
    if (!r) throw notFound();
    const [matches, tasks] = await Promise.all([
      repo.matchesOf(trx, { requestId: id }),
      repo.tasksOf(trx, id),
    ]);
    const candidates = await repo.candidatesOf(
      trx,
      tasks.map((k) => k.organisationId),
      privacyRules['dsr.decide']?.roles ?? [],
    );
    return {
      ...summary(r),
      surname: r.surname,
      firstNames: r.firstNames,
      dateOfBirth: r.dateOfBirth,
      bsn: r.bsn,
      contact: r.contact,
      identityCheck: r.identityCheck,
      identityCheckedOn: r.identityCheckedOn,
      details: r.details,
      extension:
        r.extensionNoticeOn && r.extensionReason
          ? { noticeOn: r.extensionNoticeOn, reason: r.extensionReason }
          : null,
      registeredBy: r.registeredBy,
      registeredAt: new Date(r.registeredAt).toISOString(),
      matches: matches.map(presentMatch),
      tasks: tasks
        .filter((k) => k.matches > 0)
        .map((k) => ({
          id: k.id,
          organisation: k.organisation,
          organisationId: k.organisationId,
          owner: k.owner,
          ownerId: k.ownerId,
          dueOn: r.deadline,
          matches: k.matches,
          decided: k.decided,
          candidates: candidates
            .filter((c) => c.organisationId === k.organisationId)
            .map((c) => ({ id: c.id, name: c.name })),
        })),
    };
  }

  /** Logs the request's person as processed by this step. */
  private subjectOf(record: AuditRecorder, r: { bsn: string | null; surname: string; dateOfBirth: string }) {
    record.subject(
      r.bsn
        ? { type: 'person', bsn: r.bsn }
        : { type: 'person', surname: r.surname, dateOfBirth: r.dateOfBirth },
    );
  }

  async requests(context: RequestContext): Promise<{ items: DsrSummary[] }> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.list', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'dsr.manage');
      const rows = await repo.requestsOf(trx, actor.regionId);
      // The list names each requester: each is a data subject of this read.
      for (const r of rows) this.subjectOf(record, r);
      return { items: rows.map(summary) };
    });
  }

  async request(context: RequestContext, id: string): Promise<DsrDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.read', activity }, async (trx, record) => {
      await access.requireAccess(trx, context.actor, 'dsr.manage', [id]);
      const detail = await this.detail(trx, id);
      this.subjectOf(record, detail);
      return detail;
    });
  }

  /** Opens a request for a change: it must still be open. */
  private async open(trx: Db, id: string) {
    const row = await repo.lockRequest(trx, id);
    if (!row) throw notFound();
    if (row.answeredOn) throw conflict('request_answered', 'Dit verzoek is al beantwoord.');
    return row;
  }

  async review(context: RequestContext, id: string, matchId: string, confirmed: boolean): Promise<DsrDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.review', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'dsr.manage', [id]);
      const row = await this.open(trx, id);
      const done = await repo.reviewMatch(trx, id, matchId, { confirmed, by: userOf(actor) });
      if (!done) {
        const known = (await repo.matchesOf(trx, { requestId: id })).some((m) => m.id === matchId);
        if (!known) throw notFound();
        throw conflict('match_reviewed', 'Deze treffer is al beoordeeld.');
      }
      this.subjectOf(record, row);
      return this.detail(trx, id);
    });
  }

  async setOwners(
    context: RequestContext,
    id: string,
    owners: ReadonlyArray<{ taskId: string; ownerId: string }>,
  ): Promise<DsrDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.owners', activity }, async (trx, record) => {
      await access.requireAccess(trx, context.actor, 'dsr.manage', [id]);
      const row = await this.open(trx, id);
      const before = await this.detail(trx, id);
      const problems = owners.flatMap((o, i) => {
        const task = before.tasks.find((k) => k.id === o.taskId);
        if (!task)
          return [
            {
              name: `owners.${i}.taskId`,
              in: 'body' as const,
              code: 'unknown_task',
              reason: 'Deze taak hoort niet bij dit verzoek.',
            },
          ];
        if (!task.candidates.some((c) => c.id === o.ownerId))
          return [
            {
              name: `owners.${i}.ownerId`,
              in: 'body' as const,
              code: 'not_a_candidate',
              reason: `Kies iemand van ${task.organisation} die op verzoeken mag beslissen.`,
            },
          ];
        return [];
      });
      if (problems.length) throw invalid(problems);
      await repo.setOwners(trx, id, owners);
      this.subjectOf(record, row);
      return this.detail(trx, id);
    });
  }

  /** Two more months, once, when the person was told within the first month why. */
  async extend(
    context: RequestContext,
    id: string,
    body: { noticeOn: string; reason: string },
  ): Promise<DsrDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.extend', activity }, async (trx, record) => {
      await access.requireAccess(trx, context.actor, 'dsr.manage', [id]);
      const row = await this.open(trx, id);
      if (row.extensionNoticeOn)
        throw conflict('already_extended', 'De termijn van dit verzoek is al verlengd.');
      const problems = happenedProblems('noticeOn', body.noticeOn, this.today(), [
        { on: row.receivedOn, what: 'de ontvangst van het verzoek' },
      ]);
      if (!problems.length && body.noticeOn > row.deadline)
        problems.push({
          name: 'noticeOn',
          in: 'body',
          code: 'notice_too_late',
          reason: `De betrokkene moet binnen de eerste maand (uiterlijk ${dutchDate(row.deadline)}) horen dat het langer duurt.`,
        });
      if (problems.length) throw invalid(problems);
      await repo.extend(trx, id, {
        deadline: monthsAfter(row.receivedOn, 3),
        noticeOn: body.noticeOn,
        reason: body.reason,
      });
      this.subjectOf(record, row);
      return this.detail(trx, id);
    });
  }

  /** The answer, once every partner has decided: what may be given and the grounds for the rest. */
  async answer(context: RequestContext, id: string): Promise<DsrDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.answer', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'dsr.manage', [id]);
      const row = await this.open(trx, id);
      const detail = await this.detail(trx, id);
      if (detail.status === 'review')
        throw conflict('review_pending', 'Beoordeel eerst alle treffers op naam en geboortedatum.');
      if (detail.status !== 'ready')
        throw conflict('decisions_pending', 'Nog niet elke partner heeft over zijn gegevens besloten.');
      const confirmed = detail.matches.filter((m) => m.review === 'confirmed');
      const refused = new Map<string, DsrAnswer['refused'][number]>();
      for (const m of confirmed)
        if (m.decision === 'refuse' && m.ground) {
          const item = {
            organisation: m.organisation,
            ground: groundLabels[m.ground],
            explanation: m.explanation ?? '',
          };
          refused.set(JSON.stringify(item), item);
        }
      const today = this.today();
      const answer: DsrAnswer = {
        reference: row.reference,
        kind: row.kind,
        person: {
          name: [row.firstNames, row.surname].filter(Boolean).join(' '),
          dateOfBirth: row.dateOfBirth,
        },
        receivedOn: row.receivedOn,
        answeredOn: today,
        controllers: [...new Set(confirmed.map((m) => m.organisation))].sort(),
        provided: confirmed
          .filter((m) => m.decision === 'grant' || m.decision === 'restrict')
          .map((m) => ({
            organisation: m.organisation,
            record: m.recordKind === 'log' ? 'Verwerkingslogboek' : m.label,
            recordKind: m.recordKind,
            data: m.recordKind === 'log' ? `${m.label}: ${m.found}` : m.found,
            restricted: m.decision === 'restrict',
            explanation: m.decision === 'restrict' ? m.explanation : null,
            ground: m.decision === 'restrict' && m.ground ? groundLabels[m.ground] : null,
          })),
        refused: [...refused.values()],
      };
      await repo.answer(trx, id, { answeredOn: today, answeredBy: userOf(actor), answer });
      this.subjectOf(record, row);
      return this.detail(trx, id);
    });
  }

  /** The answer as sent: JSON, or the PDF built from it. */
  async answerPackage(context: RequestContext, id: string): Promise<DsrAnswer> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr.answer-export', activity }, async (trx, record) => {
      await access.requireAccess(trx, context.actor, 'dsr.manage', [id]);
      const row = await repo.requestRow(trx, id);
      if (!row) throw notFound();
      if (!row.answer) throw conflict('not_answered', 'Dit verzoek is nog niet beantwoord.');
      this.subjectOf(record, row);
      return row.answer;
    });
  }

  async answerPdf(context: RequestContext, id: string): Promise<{ pdf: Buffer; reference: string }> {
    const answer = await this.answerPackage(context, id);
    return { pdf: answerPdf(answer), reference: answer.reference };
  }

  // ---- the partners' side ----

  async tasks(context: RequestContext) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr-task.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'dsr.decide');
      return { items: await repo.tasksOwned(trx, userOf(actor) ?? '00000000-0000-0000-0000-000000000000') };
    });
  }

  private async taskDetail(trx: Db, taskId: string, record: AuditRecorder): Promise<DsrTaskDetail> {
    const k = await repo.taskRow(trx, taskId);
    if (!k) throw notFound();
    const matches = (await repo.matchesOf(trx, { taskId })).filter((m) => m.review === 'confirmed');
    this.subjectOf(record, k);
    return {
      id: k.id,
      requestReference: k.reference,
      kind: k.kind,
      person: [k.firstNames, k.surname].filter(Boolean).join(' '),
      dateOfBirth: k.dateOfBirth,
      details: k.details,
      organisation: k.organisation,
      dueOn: k.deadline,
      matches: matches.map(presentMatch),
    };
  }

  async task(context: RequestContext, taskId: string): Promise<DsrTaskDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'dsr-task.read', activity }, async (trx, record) => {
      await access.requireAccess(trx, context.actor, 'dsr.decide', [taskId]);
      return this.taskDetail(trx, taskId, record);
    });
  }

  async decide(
    context: RequestContext,
    taskId: string,
    matchId: string,
    body: DsrDecisionRequest,
  ): Promise<DsrTaskDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'dsr-task.decide', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'dsr.decide', [taskId]);
      const k = await repo.taskRow(trx, taskId);
      if (!k) throw notFound();
      await this.open(trx, k.requestId);
      const done = await repo.decideMatch(trx, userOf(actor), taskId, matchId, {
        decision: body.decision,
        ground: body.decision === 'grant' ? null : (body.ground ?? null),
        explanation: body.explanation || null,
        decidedBy: userOf(actor),
        decidedAt: now(),
      });
      if (!done) throw notFound();
      return this.taskDetail(trx, taskId, record);
    });
  }
}
