import { readFile } from 'node:fs/promises';
import type {
  CollaborationDetail,
  CollaborationRequest,
  CollaborationSummary,
  DisclosureRequest,
  LegalBasisRequest,
  MemberRequest,
  PurposeRequest,
  RetentionRecordKind,
  RetentionRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { organisationsIn } from '../organisations/index.js';
import { presentCollaboration, presentSummary } from './collaborations.presenter.js';
import * as repo from './collaborations.repository.js';

const activity = 'samenspel.collaborations';
const DEFAULTS = new URL('../../../reference-data/collaboration-defaults.json', import.meta.url);

/** Gives each region its RIEC covenant with the default purposes, legal bases and retention terms. */
export async function loadCovenants(db: Db, now = new Date()): Promise<void> {
  const defaults = JSON.parse(await readFile(DEFAULTS, 'utf8')) as repo.CollaborationDefaults;
  await repo.ensureCovenants(db, defaults, amsterdamDate(now));
}

/**
 * Collaborations (samenwerkingsverbanden): who takes part with which role, for which purposes,
 * on which legal bases, and how long their records are kept. Every change is logged: the
 * user-action record holds who and when, the collaboration's events what changed.
 */
export class CollaborationsService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(context: RequestContext): Promise<CollaborationSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'collaboration.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'collaboration.read');
      return (await repo.listCollaborations(trx, actor.regionId)).map(presentSummary);
    });
  }

  async get(context: RequestContext, id: string): Promise<CollaborationDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'collaboration.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'collaboration.read', [id]);
      return this.detail(trx, actor, id);
    });
  }

  async create(context: RequestContext, request: CollaborationRequest): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.create', null, async (trx, actor) => {
      if (request.kind === 'covenant')
        throw invalid([
          {
            name: 'kind',
            in: 'body',
            code: 'one_covenant',
            reason: 'Een regio heeft één RIEC-convenant; kies een andere soort.',
          },
        ]);
      const id = await repo.insertCollaboration(trx, {
        regionId: actor.regionId,
        kind: request.kind,
        name: request.name,
        createdAt: this.deps.now(),
      });
      return { id, type: 'created', details: { kind: request.kind, name: request.name } };
    });
  }

  async setMember(
    context: RequestContext,
    collaborationId: string,
    organisationId: string,
    request: MemberRequest,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.member.set', collaborationId, async (trx, actor) => {
      const [organisation] = await organisationsIn(trx, actor.regionId, [organisationId]);
      if (!organisation) throw notFound();
      const before = await repo.findMember(trx, collaborationId, organisationId);
      if (before && !before.leftOn && before.role === 'coordinator' && request.role !== 'coordinator')
        await this.keepCoordinator(trx, collaborationId);
      await repo.setMember(trx, { collaborationId, organisationId, role: request.role, today: this.today() });
      return {
        id: collaborationId,
        type: before && !before.leftOn ? 'member-role-changed' : 'member-added',
        details: { organisationId, role: request.role, ...(before ? { previousRole: before.role } : {}) },
      };
    });
  }

  async removeMember(
    context: RequestContext,
    collaborationId: string,
    organisationId: string,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.member.remove', collaborationId, async (trx) => {
      const member = await repo.findMember(trx, collaborationId, organisationId);
      if (!member || member.leftOn) throw notFound();
      if (member.role === 'coordinator') await this.keepCoordinator(trx, collaborationId);
      await repo.endMembership(trx, collaborationId, organisationId, this.today());
      return { id: collaborationId, type: 'member-left', details: { organisationId, role: member.role } };
    });
  }

  async addPurpose(
    context: RequestContext,
    collaborationId: string,
    request: PurposeRequest,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.purpose.add', collaborationId, async (trx) => {
      const id = await repo.insertPurpose(trx, { collaborationId, ...request });
      if (!id) throw taken('code', 'Er is al een doel met deze code.');
      return { id: collaborationId, type: 'purpose-added', details: { code: request.code } };
    });
  }

  async changePurpose(
    context: RequestContext,
    collaborationId: string,
    purposeId: string,
    description: string,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.purpose.change', collaborationId, async (trx) => {
      const row = await repo.updatePurpose(trx, collaborationId, purposeId, description);
      if (!row) throw notFound();
      return { id: collaborationId, type: 'purpose-changed', details: { code: row.code } };
    });
  }

  async addLegalBasis(
    context: RequestContext,
    collaborationId: string,
    request: LegalBasisRequest,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.legal-basis.add', collaborationId, async (trx) => {
      const id = await repo.insertLegalBasis(trx, { collaborationId, ...request });
      if (!id) throw taken('code', 'Er is al een grondslag met deze code.');
      return { id: collaborationId, type: 'legal-basis-added', details: { code: request.code } };
    });
  }

  async changeLegalBasis(
    context: RequestContext,
    collaborationId: string,
    legalBasisId: string,
    name: string,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.legal-basis.change', collaborationId, async (trx) => {
      const row = await repo.updateLegalBasis(trx, collaborationId, legalBasisId, name);
      if (!row) throw notFound();
      return { id: collaborationId, type: 'legal-basis-changed', details: { code: row.code } };
    });
  }

  async setRetentionTerm(
    context: RequestContext,
    collaborationId: string,
    recordKind: RetentionRecordKind,
    request: RetentionRequest,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.retention.set', collaborationId, async (trx) => {
      await repo.setRetentionTerm(trx, { collaborationId, recordKind, ...request });
      return { id: collaborationId, type: 'retention-set', details: { recordKind, ...request } };
    });
  }

  /** Sets the disclosure gate's k for the collaboration's maps and aggregates (5 to 100). */
  async setDisclosureMinimum(
    context: RequestContext,
    collaborationId: string,
    request: DisclosureRequest,
  ): Promise<CollaborationDetail> {
    return this.change(context, 'collaboration.disclosure.set', collaborationId, async (trx) => {
      await repo.setDisclosureMinimum(trx, collaborationId, request.minimum);
      return { id: collaborationId, type: 'disclosure-set', details: { minimum: request.minimum } };
    });
  }

  /** One change by an administrator: checked, done, its event written, in one logged transaction. */
  private change(
    context: RequestContext,
    action: string,
    collaborationId: string | null,
    work: (trx: Db, actor: Actor) => Promise<{ id: string; type: string; details: Record<string, unknown> }>,
  ): Promise<CollaborationDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action, activity }, async (trx) => {
      const actor = await access.requireAccess(
        trx,
        context.actor,
        'collaboration.manage',
        collaborationId ? [collaborationId] : undefined,
      );
      const event = await work(trx, actor);
      await repo.insertEvent(trx, {
        collaborationId: event.id,
        type: event.type,
        details: event.details,
        userId: userOf(actor),
        at: this.deps.now(),
      });
      return this.detail(trx, actor, event.id);
    });
  }

  private async keepCoordinator(trx: Db, collaborationId: string): Promise<void> {
    if ((await repo.coordinatorCount(trx, collaborationId)) <= 1)
      throw conflict(
        'collaboration.last_coordinator',
        'Een samenwerkingsverband houdt een coördinator: wijs eerst een andere coördinator aan.',
      );
  }

  private async detail(trx: Db, actor: Actor, id: string): Promise<CollaborationDetail> {
    const collaboration = await repo.findCollaboration(trx, id);
    if (!collaboration) throw notFound();
    return presentCollaboration(collaboration, await repo.collaborationParts(trx, id, actor.regionId));
  }

  private today(): string {
    return amsterdamDate(this.deps.now());
  }
}

function taken(name: string, reason: string) {
  return invalid([{ name, in: 'body', code: 'taken', reason }]);
}
