import type {
  CreateScanActionRequest,
  CreateScanRequest,
  CreateScanRunRequest,
  CreateScanVersionRequest,
  InvalidParam,
  ScanActionStepRequest,
  ScanComparison,
  ScanComparisonQuery,
  ScanDefinition,
  ScanDetail,
  ScanRun,
  ScanRunListQuery,
  ScanRunSummary,
  ScanSummary,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { StoredScanAnswers } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate, dutchDate, happenedProblems } from '../../shared/dates.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { covenantOf, disclosureMinimumOf } from '../collaborations/index.js';
import type { LocationsService } from '../locations/index.js';
import { municipalitiesIn } from '../organisations/index.js';
import { comparesInAggregate, municipalitiesReachable, scanRunsReachable } from './scans.access.js';
import {
  presentActions,
  presentRunSummary,
  presentScanSummary,
  presentVersion,
  scoreOfRun,
} from './scans.presenter.js';
import * as repo from './scans.repository.js';
import { changeOf, definitionProblems, readAnswers, scoreObject, statistics } from './scans.scoring.js';

const activity = 'samenspel.programmes';
const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

/**
 * Scans: their versioned definitions; runs per municipality with their scores, recommendations,
 * follow-up actions and the change since the municipality's previous run; object scans whose
 * objects at or above the threshold become risk locations (the locations module flags them in
 * the run's own transaction); and the comparison of municipalities, in aggregate.
 */
export class ScansService {
  constructor(private readonly deps: ServiceDeps & { locations: LocationsService }) {}

  private today(): string {
    return amsterdamDate(this.deps.now());
  }

  private async scan(trx: Db, actor: Actor, scanId: string) {
    const [row] = await repo.findScans(trx, actor.regionId, scanRunsReachable(actor, 'scan.read'), [scanId]);
    const latest = row?.versions.at(-1);
    if (!row || !latest) throw notFound();
    return { row, latest };
  }

  private async detail(trx: Db, actor: Actor, scanId: string): Promise<ScanDetail> {
    const { row } = await this.scan(trx, actor, scanId);
    return {
      ...presentScanSummary(row),
      versions: row.versions.map(presentVersion),
      canManage: this.deps.access.holds(actor, 'scan.manage'),
      canRun: this.deps.access.holds(actor, 'scan.run'),
    };
  }

  async list(context: RequestContext): Promise<ScanSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'scan.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.read');
      const rows = await repo.findScans(trx, actor.regionId, scanRunsReachable(actor, 'scan.read'));
      return rows.filter((r) => r.versions.length).map(presentScanSummary);
    });
  }

  async get(context: RequestContext, scanId: string): Promise<ScanDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'scan.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.read', [scanId]);
      return this.detail(trx, actor, scanId);
    });
  }

  async create(context: RequestContext, request: CreateScanRequest): Promise<ScanDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'scan.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.manage');
      const problems = definitionProblems(request.definition, request.subject);
      if (await repo.scanNameTaken(trx, actor.regionId, request.name))
        problems.unshift(problem('name', 'name_taken', 'Er is al een scan met deze naam.'));
      if (problems.length) throw invalid(problems);
      const scanId = await repo.insertScan(trx, {
        regionId: actor.regionId,
        name: request.name,
        kind: request.kind,
        subject: request.subject,
        description: request.description ?? null,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      await repo.insertScanVersion(trx, {
        scanId,
        number: 1,
        definition: request.definition,
        note: null,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      return this.detail(trx, actor, scanId);
    });
  }

  /** A new version of the questions: new runs use it; earlier runs keep theirs. */
  async addVersion(
    context: RequestContext,
    scanId: string,
    request: CreateScanVersionRequest,
  ): Promise<ScanDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'scan.version', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.manage', [scanId]);
      const { row, latest } = await this.scan(trx, actor, scanId);
      const problems = definitionProblems(request.definition, row.subject);
      if (problems.length) throw invalid(problems);
      await repo.insertScanVersion(trx, {
        scanId,
        number: latest.number + 1,
        definition: request.definition,
        note: request.note ?? null,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      return this.detail(trx, actor, scanId);
    });
  }

  async listRuns(
    context: RequestContext,
    scanId: string,
    query: ScanRunListQuery,
  ): Promise<ScanRunSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'scan-run.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.read', [scanId]);
      await this.scan(trx, actor, scanId);
      const reachable = scanRunsReachable(actor, 'scan.read');
      const runs = await repo.findRuns(trx, reachable, { scanId, ...query });
      // A rerun: not the municipality's first run of the scan (in any year, not only the year's).
      const first = await repo.firstRunIds(trx, reachable, scanId);
      return runs.map((run) => presentRunSummary(run, scoreOfRun(run), !first.has(run.id)));
    });
  }

  /** A run's result for the reader: objects only where the reader may open their location. */
  private async runDetail(trx: Db, actor: Actor, runId: string): Promise<ScanRun> {
    const { access, locations } = this.deps;
    const reachable = scanRunsReachable(actor, 'scan.read');
    const [run] = await repo.findRuns(trx, reachable, { ids: [runId] });
    if (!run) throw notFound();
    const scored = scoreOfRun(run);
    const previousId = await repo.previousRunId(trx, reachable, run);
    const [previous] = previousId ? await repo.findRuns(trx, reachable, { ids: [previousId] }) : [];
    const before = previous ? scoreOfRun(previous) : null;
    const previousQuestions = before
      ? before.questions.map((q) => ({
          code: q.code,
          points: q.points,
          answered: before.objects ? before.objects.total > 0 : q.answer !== null,
        }))
      : null;
    const definition = run.definition as ScanDefinition;
    const visible = await locations.summariesWithin(
      trx,
      actor,
      run.objects.flatMap((o) => (o.locationId ? [o.locationId] : [])),
    );
    const canRun = (await access.allowed(trx, actor, 'scan.run', [runId])).has(runId);
    return {
      id: run.id,
      scan: { id: run.scanId, name: run.scanName, kind: run.scanKind, subject: run.scanSubject },
      version: run.versionNumber,
      municipality: { code: run.municipalityCode, name: run.municipalityName },
      heldOn: run.heldOn,
      recordedAt: run.recordedAt.toISOString(),
      organisation: { id: run.organisationId, name: run.organisationName },
      note: run.note,
      score: scored.score,
      basis: scored.basis,
      themes: scored.themes,
      questions: scored.questions.map((q) => ({ ...q, change: changeOf(q, previousQuestions) })),
      recommendations: scored.recommendations,
      previous:
        previous && before
          ? {
              id: previous.id,
              heldOn: previous.heldOn,
              version: previous.versionNumber,
              score: before.score,
              change: Math.round((scored.score.percentage - before.score.percentage) * 10) / 10,
              objectsAtOrAboveThreshold: before.objects?.atOrAboveThreshold ?? null,
            }
          : null,
      objects: scored.objects
        ? {
            threshold: definition.threshold ?? 0,
            total: scored.objects.total,
            atOrAboveThreshold: scored.objects.atOrAboveThreshold,
            inRegister: run.objects.filter((o) => o.locationId).length,
            shown: run.objects.flatMap((o, i) => {
              const location = o.locationId ? visible.get(o.locationId) : undefined;
              const score = scored.objects?.scores[i];
              return location && score
                ? [
                    {
                      id: o.id,
                      position: o.position,
                      score: score.score,
                      atOrAboveThreshold: score.atOrAboveThreshold,
                      location: { id: location.id, address: location.address, kind: location.kind },
                      answers: score.answers,
                    },
                  ]
                : [];
            }),
          }
        : null,
      actions: presentActions(run),
      canRun,
    };
  }

  async getRun(context: RequestContext, runId: string): Promise<ScanRun> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'scan-run.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.read', [runId]);
      return this.runDetail(trx, actor, runId);
    });
  }

  /**
   * A scan held in a municipality on a day, with the latest version's questions: its answers, or
   * its objects, each object at or above the threshold tied to an existing risk location or
   * flagged as a new one. All of it, or (with every problem at once) nothing.
   */
  async run(context: RequestContext, scanId: string, request: CreateScanRunRequest): Promise<ScanRun> {
    const { audit, access, now, locations } = this.deps;
    return audit.run(context, { action: 'scan-run.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.run', [scanId]);
      const { row: scan, latest } = await this.scan(trx, actor, scanId);
      const definition = latest.definition as ScanDefinition;
      const on = request.heldOn ?? this.today();
      const problems = happenedProblems('heldOn', on, this.today());
      const code = request.municipalityCode;
      if (!(await municipalitiesIn(trx, actor.regionId, [code])).length)
        problems.unshift(
          problem('municipalityCode', 'unknown_municipality', 'Deze gemeente hoort niet bij uw regio.'),
        );
      else if (!(await municipalitiesReachable(trx, actor, 'scan.run', [code])).has(code))
        problems.unshift(
          problem(
            'municipalityCode',
            'not_your_municipality',
            'U voert een scan alleen uit voor uw eigen gemeente.',
          ),
        );
      let answers: StoredScanAnswers | null = null;
      const objects: Array<{
        answers: StoredScanAnswers;
        locationId: string | null;
        flag: Parameters<LocationsService['flagWithin']>[2] | null;
      }> = [];
      if (scan.subject === 'municipality') {
        const read = readAnswers(definition, request.answers, 'answers');
        problems.push(...read.problems);
        answers = read.answers;
        if (request.objects?.length)
          problems.push(
            problem('objects', 'not_an_object_scan', 'Deze scan scoort de gemeente, geen objecten.'),
          );
      } else {
        if (request.answers)
          problems.push(
            problem('answers', 'object_scan', 'Deze scan scoort objecten: geef de antwoorden per object.'),
          );
        if (!request.objects?.length)
          problems.push(problem('objects', 'objects_missing', 'Geef minstens één gescoord object.'));
        const existing = await locations.summariesWithin(
          trx,
          actor,
          (request.objects ?? []).flatMap((o) => (o.locationId ? [o.locationId] : [])),
        );
        const mayFlag = access.holds(actor, 'location.create');
        for (const [i, o] of (request.objects ?? []).entries()) {
          const at = `objects.${i}`;
          const read = readAnswers(definition, o.answers, `${at}.answers`);
          problems.push(...read.problems);
          const scored = scoreObject(definition, read.answers);
          const feeds = !read.problems.length && scored.atOrAboveThreshold;
          if (o.locationId && o.newLocation)
            problems.push(
              problem(
                at,
                'two_locations',
                'Kies een bestaande risicolocatie of geef een adres, niet allebei.',
              ),
            );
          if (o.locationId) {
            const location = existing.get(o.locationId);
            if (!location)
              problems.push(
                problem(`${at}.locationId`, 'unknown_location', 'Deze risicolocatie is niet gevonden.'),
              );
            else if (location.municipality.code !== code)
              problems.push(
                problem(
                  `${at}.locationId`,
                  'other_municipality',
                  'Deze risicolocatie ligt in een andere gemeente.',
                ),
              );
          }
          const place = o.newLocation;
          if (feeds && !o.locationId && !place)
            problems.push(
              problem(
                at,
                'location_missing',
                `Object ${i + 1} haalt de drempel (${scored.score.points} van ${definition.threshold} punten): kies een bestaande risicolocatie of geef het adres, zodat het in het register komt.`,
              ),
            );
          if (feeds && place && !mayFlag)
            problems.push(
              problem(
                `${at}.newLocation`,
                'cannot_flag',
                'U kunt geen risicolocaties vastleggen: kies een bestaande.',
              ),
            );
          const a = place?.address;
          if (
            feeds &&
            place &&
            a &&
            !(a.postcode && a.houseNumber) &&
            !a.street &&
            !place.name &&
            !place.point
          )
            problems.push(
              problem(
                `${at}.newLocation.address`,
                'no_place',
                'Geef een adres of een naam, zodat de risicolocatie te vinden is.',
              ),
            );
          objects.push({
            answers: read.answers,
            locationId: o.locationId ?? null,
            // Below the threshold the object is kept without its address.
            flag:
              feeds && place
                ? {
                    kind: place.kind,
                    name: place.name,
                    address: place.address,
                    municipalityCode: code,
                    point: place.point,
                    projectId: undefined,
                    inBaseline: false,
                    note: `Uit ${scan.name} van ${dutchDate(on)}: ${scored.score.points} punten, drempel ${definition.threshold}.`,
                    happenedOn: on,
                  }
                : null,
          });
        }
      }
      const codes = new Set(definition.questions.map((q) => q.code));
      request.actions.forEach((action, i) => {
        if (action.questionCode && !codes.has(action.questionCode))
          problems.push(
            problem(
              `actions.${i}.questionCode`,
              'unknown_question',
              `De scan heeft geen vraag ${action.questionCode}.`,
            ),
          );
      });
      if (problems.length) throw invalid(problems);
      for (const o of objects) if (o.flag) o.locationId = await locations.flagWithin(trx, actor, o.flag);
      const runId = await repo.insertRun(trx, {
        regionId: actor.regionId,
        scanId,
        versionId: latest.id,
        municipalityCode: code,
        heldOn: on,
        answers,
        note: request.note ?? null,
        organisationId: actor.organisationId,
        recordedAt: now(),
        recordedBy: userOf(actor),
        objects: objects.map((o) => ({ answers: o.answers, locationId: o.locationId })),
      });
      for (const action of request.actions) await this.insertAction(trx, actor, runId, on, action);
      return this.runDetail(trx, actor, runId);
    });
  }

  private async insertAction(
    trx: Db,
    actor: Actor,
    runId: string,
    on: string,
    action: CreateScanActionRequest,
  ) {
    const { now } = this.deps;
    const actionId = await repo.insertAction(trx, {
      runId,
      title: action.title,
      questionCode: action.questionCode ?? null,
      dueOn: action.dueOn ?? null,
      createdAt: now(),
      createdBy: userOf(actor),
    });
    await repo.insertActionStep(trx, {
      actionId,
      status: 'open',
      happenedOn: on,
      note: null,
      organisationId: actor.organisationId,
      recordedAt: now(),
      recordedBy: userOf(actor),
    });
  }

  /** A follow-up action on a run, open from today. */
  async addAction(
    context: RequestContext,
    runId: string,
    request: CreateScanActionRequest,
  ): Promise<ScanRun> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'scan-action.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.run', [runId]);
      const [run] = await repo.findRuns(trx, scanRunsReachable(actor, 'scan.run'), { ids: [runId] });
      if (!run) throw notFound();
      const definition = run.definition as ScanDefinition;
      if (request.questionCode && !definition.questions.some((q) => q.code === request.questionCode))
        throw invalid([
          problem('questionCode', 'unknown_question', `De scan heeft geen vraag ${request.questionCode}.`),
        ]);
      // A run is never held in the future: the action opens today.
      await this.insertAction(trx, actor, runId, this.today(), request);
      return this.runDetail(trx, actor, runId);
    });
  }

  /** An action's progress, on the day it happened: never before its previous step. */
  async actionStep(
    context: RequestContext,
    actionId: string,
    request: ScanActionStepRequest,
  ): Promise<ScanRun> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'scan-action.step', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.run', [actionId]);
      const state = await repo.actionState(trx, actionId);
      if (!state) throw notFound();
      const on = request.happenedOn ?? this.today();
      const problems = happenedProblems('happenedOn', on, this.today(), [
        { on: state.lastOn ?? state.heldOn, what: 'de vorige stand van de actie' },
      ]);
      if (problems.length) throw invalid(problems);
      await repo.insertActionStep(trx, {
        actionId,
        status: request.status,
        happenedOn: on,
        note: request.note ?? null,
        organisationId: actor.organisationId,
        recordedAt: now(),
        recordedBy: userOf(actor),
      });
      return this.runDetail(trx, actor, state.runId);
    });
  }

  /**
   * Municipalities compared, each by its latest run (of the year, when given), only in aggregate:
   * per question the mean and median of the points and how the answers are spread. RIEC analysts
   * also get the row of each municipality; others get no figures at all where fewer
   * municipalities than the collaboration's minimum take part.
   */
  async comparison(
    context: RequestContext,
    scanId: string,
    query: ScanComparisonQuery,
  ): Promise<ScanComparison> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'scan.comparison', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'scan.read', [scanId]);
      const { row: scan, latest } = await this.scan(trx, actor, scanId);
      const runs = await repo.findRuns(trx, scanRunsReachable(actor, 'scan.read'), {
        scanId,
        year: query.year,
      });
      // Newest first: a municipality's first run in the list is its latest.
      const latestRuns = [...new Map([...runs].reverse().map((r) => [r.municipalityCode, r])).values()];
      const scored = latestRuns.map((run) => ({ run, score: scoreOfRun(run) }));
      const minimum = await disclosureMinimumOf(trx, await covenantOf(trx, actor.regionId));
      const gated = comparesInAggregate(actor);
      const withheld = gated && scored.length < minimum;
      const definition = latest.definition as ScanDefinition;
      const objectScan = scan.subject === 'objects';
      const questions = withheld
        ? []
        : definition.questions.map((q) => {
            const results = scored.flatMap(({ score }) => {
              const found = score.questions.find((r) => r.code === q.code);
              return found && (objectScan || found.answer) ? [found] : [];
            });
            return {
              code: q.code,
              theme: q.theme ?? null,
              text: q.text,
              maxPoints: Math.round(Math.max(...q.options.map((o) => o.points)) * q.weight * 100) / 100,
              points: statistics(results.map((r) => r.points)),
              distribution: q.options.map((o) => ({
                value: o.value,
                label: o.label,
                count: results.reduce(
                  (sum, r) => sum + (r.distribution.find((d) => d.value === o.value)?.count ?? 0),
                  0,
                ),
              })),
            };
          });
      return {
        scan: { id: scan.id, name: scan.name, kind: scan.kind, subject: scan.subject },
        year: query.year ?? null,
        municipalities: scored.length,
        minimum,
        protected: gated,
        withheld,
        score: withheld || !scored.length ? null : statistics(scored.map((s) => s.score.score.percentage)),
        objects:
          objectScan && !withheld
            ? {
                total: scored.reduce((sum, s) => sum + (s.score.objects?.total ?? 0), 0),
                atOrAboveThreshold: scored.reduce(
                  (sum, s) => sum + (s.score.objects?.atOrAboveThreshold ?? 0),
                  0,
                ),
              }
            : null,
        questions,
        rows: gated
          ? null
          : scored
              .map(({ run, score }) => ({
                runId: run.id,
                municipality: { code: run.municipalityCode, name: run.municipalityName },
                heldOn: run.heldOn,
                score: score.score,
              }))
              .sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, 'nl')),
      };
    });
  }
}
