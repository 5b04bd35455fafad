// How far the matcher's own evidence can go: would weighing the same evidence otherwise (weights
// estimated from the data, as Fellegi–Sunter's m/u probabilities by EM in Splink, or learned from
// labels) find more true pairs at the same precision?
//
// Every candidate pair of subjects is put in a cell by what the scorer sees of it: each field's
// level and weight (the weights hold how rare a name is). No scorer that reads only this evidence
// can tell two pairs of one cell apart; the best it can do is take or leave whole cells. Two
// figures follow:
//
// - in-sample: the best recall at precision ≥ 0.98 when each cell is decided knowing its truth.
//   An upper bound, and an optimistic one: thousands of cells hold a handful of pairs, decided
//   perfectly here by hindsight;
// - out of sample: cells decided by their share of true pairs on the validation seed, applied to
//   another seed of the same generator (a cell not seen often enough keeps the scorer's decision).
//   This is what a reweighting learned from labels could really do.
//
// Only the validation seed and a third seed are used, never the held-out seed.

import { DEFAULT_THRESHOLD } from '../../../server/src/modules/subjects/index.ts';
import { linkedRegister } from './evaluate.ts';
import { heldOutPeople, VALIDATION_SEED } from './heldout.ts';
import type { LabelledSet } from './labelled.ts';

/** A seed of the held-out generator that is neither the held-out nor the validation seed. */
export const THIRD_SEED = 777;
/** A cell decided on the validation seed must hold at least this many record pairs there. */
const MIN_CELL = 5;

interface Cell {
  truePairs: number;
  falsePairs: number;
  /** Whether the scorer suggests this cell's pairs. */
  suggested: boolean;
}

interface Cells {
  cells: Map<string, Cell>;
  truePairs: number;
  /** Record pairs in one subject (linked by a shared BSN): predicted whatever the scorer says. */
  linked: { truePairs: number; falsePairs: number };
}

function cellsOf(set: LabelledSet): Cells {
  const { records } = set;
  const { subjects, pairs, score: scoreOf } = linkedRegister(set);
  const entity = (i: number) => records[i]?.entity ?? -1;
  const perEntity = new Map<number, number>();
  for (const r of records) perEntity.set(r.entity, (perEntity.get(r.entity) ?? 0) + 1);
  let truePairs = 0;
  for (const n of perEntity.values()) truePairs += (n * (n - 1)) / 2;
  const linked = { truePairs: 0, falsePairs: 0 };
  for (const s of subjects)
    for (let x = 0; x < s.length; x++)
      for (let y = x + 1; y < s.length; y++)
        if (entity(s[x] as number) === entity(s[y] as number)) linked.truePairs++;
        else linked.falsePairs++;
  const cells = new Map<string, Cell>();
  for (const [a, b] of pairs) {
    const score = scoreOf(a, b);
    const key = score.decisive
      ? 'decisive'
      : score.evidence.map((e) => `${e.field}:${e.level}:${e.weight.toFixed(2)}`).join(' ');
    const cell = cells.get(key) ?? {
      truePairs: 0,
      falsePairs: 0,
      suggested: score.probability >= DEFAULT_THRESHOLD,
    };
    for (const i of subjects[a] ?? [])
      for (const j of subjects[b] ?? [])
        if (entity(i) === entity(j)) cell.truePairs++;
        else cell.falsePairs++;
    cells.set(key, cell);
  }
  return { cells, truePairs, linked };
}

interface Outcome {
  precision: number;
  recall: number;
}

function outcome(c: Cells, take: (key: string, cell: Cell) => boolean): Outcome {
  let tp = c.linked.truePairs;
  let fp = c.linked.falsePairs;
  for (const [key, cell] of c.cells)
    if (take(key, cell)) {
      tp += cell.truePairs;
      fp += cell.falsePairs;
    }
  return { precision: tp / (tp + fp), recall: tp / c.truePairs };
}

const share = (cell: Cell) => cell.truePairs / (cell.truePairs + cell.falsePairs);

/** The best recall at precision ≥ 0.98, taking cells from the most to the least often true. */
function inSampleBound(c: Cells): Outcome {
  let tp = c.linked.truePairs;
  let fp = c.linked.falsePairs;
  let best: Outcome = { precision: 1, recall: 0 };
  for (const cell of [...c.cells.values()].sort((x, y) => share(y) - share(x))) {
    tp += cell.truePairs;
    fp += cell.falsePairs;
    const precision = tp / (tp + fp);
    if (precision >= 0.98 && tp / c.truePairs > best.recall) best = { precision, recall: tp / c.truePairs };
  }
  return best;
}

export function reportMatchingLimit(households = Number(process.env.BENCH_HOUSEHOLDS ?? 45_000)): void {
  const validation = cellsOf(heldOutPeople(households, VALIDATION_SEED));
  const third = cellsOf(heldOutPeople(households, THIRD_SEED));
  const f = (o: Outcome) => `precision ${o.precision.toFixed(4)}, recall ${o.recall.toFixed(4)}`;
  console.log(
    `\nThe matcher's evidence, in cells of pairs it cannot tell apart (${validation.cells.size.toLocaleString('en')} cells on the validation seed).`,
  );
  console.log(`validation seed, the scorer: ${f(outcome(validation, (_, cell) => cell.suggested))}`);
  console.log(
    `validation seed, each cell decided knowing its truth (an upper bound, in sample): ${f(inSampleBound(validation))}`,
  );
  console.log(`seed ${THIRD_SEED}, the scorer: ${f(outcome(third, (_, cell) => cell.suggested))}`);
  for (const least of [0.3, 0.4, 0.5]) {
    const learned = outcome(third, (key, cell) => {
      const seen = validation.cells.get(key);
      return seen && seen.truePairs + seen.falsePairs >= MIN_CELL ? share(seen) >= least : cell.suggested;
    });
    console.log(
      `seed ${THIRD_SEED}, cells taken where at least ${least * 100}% of the validation seed's pairs were true: ${f(learned)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) reportMatchingLimit();
