// Matching accuracy and speed on the two labelled sets: precision and recall at the default
// threshold, overall and per kind of variation and of hard negative, the way the register links
// (a shared BSN at once, then suggestions between subjects); and scored record pairs per second
// on one core.
import { DEFAULT_THRESHOLD } from '../../server/src/modules/subjects/index.ts';
import { type Evaluation, evaluate, markdownTables } from './matching/evaluate.ts';
import { HELD_OUT_SEED, heldOutPeople, VALIDATION_SEED } from './matching/heldout.ts';
import { syntheticPeople } from './matching/synthetic.ts';

export function benchMatching(
  entities = Number(process.env.BENCH_ENTITIES ?? 60_000),
  households = Number(process.env.BENCH_HOUSEHOLDS ?? 45_000),
): Evaluation[] {
  const seed = process.env.BENCH_HELD_OUT === 'validation' ? VALIDATION_SEED : HELD_OUT_SEED;
  return [evaluate(syntheticPeople(entities)), evaluate(heldOutPeople(households, seed))];
}

function report(e: Evaluation): void {
  console.log(
    `\n${e.name}: ${e.records.toLocaleString('en')} records in ${e.subjects.toLocaleString('en')} register subjects, ${e.truePairs.toLocaleString('en')} true pairs.`,
  );
  console.log(
    `Blocking: ${e.candidatePairs.toLocaleString('en')} candidate subject pairs (${e.comparisons.toLocaleString('en')} record pairs) in ${e.timings.blocking.toFixed(0)} ms (preparing ${e.timings.preparing.toFixed(0)} ms).`,
  );
  const perSecond = (ms: number) =>
    ((e.comparisons / ms) * 1000).toLocaleString('en', { maximumFractionDigits: 0 });
  console.log(
    `Scoring: ${perSecond(e.scoringCpu)} scored record pairs per second of one core's processor time (${perSecond(e.timings.scoring)} by the clock; goal: at least 100,000).`,
  );
  console.log(
    `At the default threshold ${DEFAULT_THRESHOLD}: precision ${e.precision.toFixed(4)}, recall ${e.recall.toFixed(4)} (goal: both at least 0.98); recall once every correct suggestion is confirmed and merged: ${e.recallAfterMerges.toFixed(4)}.`,
  );
  console.table(
    e.variations.map((r) => ({
      variation: r.kind,
      'true pairs': r.pairs,
      compared: r.compared,
      found: r.found,
      recall: Number(r.recall.toFixed(3)),
    })),
  );
  console.table(
    e.negatives.map((r) => ({
      'hard negative': r.kind,
      pairs: r.pairs,
      'wrongly matched': r.matched,
      'share of predicted': Number(r.precisionLoss.toFixed(4)),
    })),
  );
}

/** Prints accuracy per kind and scoring speed on both labelled sets. */
export function reportMatching(): void {
  const results = benchMatching();
  for (const e of results) report(e);
  if (process.env.BENCH_MARKDOWN) for (const e of results) console.log(`\n${markdownTables(e)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) reportMatching();
