// Matching accuracy and speed on the labelled synthetic set: pairwise precision and recall at the
// default threshold, and scored candidate pairs per second on one core.
import { performance } from 'node:perf_hooks';
import {
  candidatePairs,
  DEFAULT_THRESHOLD,
  nameStatistics,
  preparePerson,
  scorePair,
} from '../../server/src/modules/subjects/index.ts';
import { accuracy, syntheticPeople } from './matching/synthetic.ts';

export function benchMatching(entities = Number(process.env.BENCH_ENTITIES ?? 60_000)) {
  let start = performance.now();
  const records = syntheticPeople(entities);
  const generated = performance.now() - start;
  start = performance.now();
  const prepared = records.map(preparePerson);
  const preparing = performance.now() - start;
  start = performance.now();
  const pairs = candidatePairs(prepared);
  const blocking = performance.now() - start;
  const stats = nameStatistics(prepared);
  start = performance.now();
  const scores = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const [a, b] = pairs[i] as [number, number];
    scores[i] = scorePair(prepared[a] as never, prepared[b] as never, stats).probability;
  }
  const scoring = performance.now() - start;
  let index = 0;
  const result = accuracy(records, pairs, () => (scores[index++] ?? 0) >= DEFAULT_THRESHOLD);
  return { records, pairs, scores, result, timings: { generated, preparing, blocking, scoring } };
}

/** Prints accuracy at the default threshold and scoring speed on the labelled set. */
export function reportMatching(): void {
  const { result, timings, pairs } = benchMatching();
  console.log(
    `Labelled set: ${result.records.toLocaleString('en')} records, ${result.truePairs.toLocaleString('en')} true pairs.`,
  );
  console.log(
    `Blocking: ${pairs.length.toLocaleString('en')} candidate pairs in ${timings.blocking.toFixed(0)} ms (preparing ${timings.preparing.toFixed(0)} ms).`,
  );
  console.log(
    `Scoring: ${((pairs.length / timings.scoring) * 1000).toLocaleString('en', { maximumFractionDigits: 0 })} scored pairs per second on one core.`,
  );
  console.log(
    `At the default threshold ${DEFAULT_THRESHOLD}: precision ${result.precision.toFixed(4)}, recall ${result.recall.toFixed(4)} (goal: both at least 0.98).`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) reportMatching();
