import type {
  ScanAction,
  ScanDefinition,
  ScanRunSummary,
  ScanSummary,
  ScanVersion,
} from '@samenspel/contracts';
import type { RunRow, ScanRow } from './scans.repository.js';
import { maxPointsOf, type RunScore, scoreObjectRun, scoreRun } from './scans.scoring.js';

/** A moment read inside a JSON aggregate arrives as text, outside it as a Date. */
const iso = (at: Date | string) => new Date(at).toISOString();

export function presentScanSummary(s: ScanRow): ScanSummary {
  const latest = s.versions.at(-1);
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    subject: s.subject,
    description: s.description,
    version: latest?.number ?? 1,
    questions: latest?.definition.questions.length ?? 0,
    threshold: latest?.definition.threshold ?? null,
    runs: Number(s.runs ?? 0),
    municipalities: Number(s.municipalities ?? 0),
  };
}

export function presentVersion(v: ScanRow['versions'][number]): ScanVersion {
  return {
    number: v.number,
    note: v.note,
    createdAt: iso(v.createdAt),
    definition: v.definition,
    maxPoints: maxPointsOf(v.definition),
  };
}

/** A run's scores from its own version's definition: its answers, or its objects'. */
export function scoreOfRun(run: RunRow): RunScore {
  const definition = run.definition as ScanDefinition;
  return run.scanSubject === 'objects'
    ? scoreObjectRun(
        definition,
        run.objects.map((o) => o.answers),
      )
    : scoreRun(definition, run.answers ?? []);
}

export function presentActions(run: RunRow): ScanAction[] {
  return run.actions.map((a) => {
    const last = a.steps.at(-1);
    return {
      id: a.id,
      title: a.title,
      questionCode: a.questionCode,
      dueOn: a.dueOn,
      status: last?.status ?? 'open',
      since: last?.happenedOn ?? run.heldOn,
      steps: a.steps.map((s) => ({
        status: s.status,
        happenedOn: s.happenedOn,
        recordedAt: iso(s.recordedAt),
        note: s.note,
        organisation: { id: s.id, name: s.name },
      })),
    };
  });
}

export function presentRunSummary(run: RunRow, scored: RunScore, rerun: boolean): ScanRunSummary {
  return {
    id: run.id,
    municipality: { code: run.municipalityCode, name: run.municipalityName },
    heldOn: run.heldOn,
    version: run.versionNumber,
    score: scored.score,
    objects: scored.objects
      ? { total: scored.objects.total, atOrAboveThreshold: scored.objects.atOrAboveThreshold }
      : null,
    actions: {
      total: run.actions.length,
      done: presentActions(run).filter((a) => a.status === 'done').length,
    },
    rerun,
  };
}
