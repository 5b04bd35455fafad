// Precision and recall of person matching on a labelled set, the way the register works: records
// arrive in order; a shared BSN links a record to the subject that has it (unless the two clearly
// differ), so a subject may hold several records; each subject takes part in blocking with the
// keys of all its records and is scored by the best pair of records; a pair of subjects at or
// above the threshold is a suggestion. Pairwise over records: two records are predicted to be one
// person when they are in one subject or their subjects are suggested.

import { performance } from 'node:perf_hooks';
import {
  blockingKeys,
  candidateGroups,
  clearlyDifferent,
  DEFAULT_THRESHOLD,
  HOUSEHOLD_LIFT,
  MAX_BLOCK,
  nameStatistics,
  type PreparedPerson,
  preparePerson,
  scoreRecords,
  THRESHOLD_WEIGHT,
} from '../../../server/src/modules/subjects/index.ts';
import type { LabelledSet } from './labelled.ts';

export interface KindRow {
  kind: string;
  /** True pairs with this kind of variation between them. */
  pairs: number;
  /** Of those, compared at all (sharing a blocking key, or one subject). */
  compared: number;
  /** Of those, predicted to be one person. */
  found: number;
  recall: number;
}

export interface NegativeRow {
  kind: string;
  /** Record pairs between such look-alikes (for "unrelated": those that were compared). */
  pairs: number;
  /** Of those, wrongly predicted to be one person. */
  matched: number;
  /** Share of all predicted pairs that are such a mistake. */
  precisionLoss: number;
}

export interface Evaluation {
  name: string;
  records: number;
  subjects: number;
  truePairs: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  /**
   * Recall once an analyst has confirmed every correct suggestion (and merged those subjects):
   * a true pair counts when a chain of correct suggestions joins the two records' subjects.
   */
  recallAfterMerges: number;
  /** Subject pairs that shared a key and were scored. */
  candidatePairs: number;
  /** Record pairs scored (a subject pair compares all its records). */
  comparisons: number;
  variations: KindRow[];
  negatives: NegativeRow[];
  timings: { preparing: number; register: number; blocking: number; scoring: number };
  /** Processor time of the scoring, in ms: what one core spent, whatever else the machine ran. */
  scoringCpu: number;
}

const pairCode = (a: number, b: number) => (a < b ? a * 4_294_967_296 + b : b * 4_294_967_296 + a);

/**
 * The register the way the product builds it from a set's records, in their order: a shared BSN
 * links at once unless the records clearly differ; then every subject's blocking keys (of all its
 * records) and the candidate pairs of subjects that share one.
 */
export function linkedRegister(set: LabelledSet) {
  const { records } = set;
  let start = performance.now();
  const prepared = records.map((r) => preparePerson(r));
  const preparing = performance.now() - start;

  // The register: a shared BSN links at once, unless the records clearly differ.
  start = performance.now();
  const subjectOf = new Int32Array(records.length);
  const subjects: number[][] = [];
  const byBsn = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    let s = -1;
    if (p.bsn)
      for (const c of byBsn.get(p.bsn) ?? []) {
        const first = prepared[subjects[c]?.[0] ?? 0] as PreparedPerson;
        if (!clearlyDifferent(p, first)) {
          s = c;
          break;
        }
      }
    if (s < 0) {
      s = subjects.length;
      subjects.push([i]);
      if (p.bsn) byBsn.set(p.bsn, [...(byBsn.get(p.bsn) ?? []), s]);
    } else subjects[s]?.push(i);
    subjectOf[i] = s;
  });
  // The register counts names once per subject, by its first record.
  const stats = nameStatistics(subjects.map((s) => prepared[s[0] ?? 0] as PreparedPerson));
  const register = performance.now() - start;

  start = performance.now();
  const keysOf = subjects.map((s) => [
    ...new Set(s.flatMap((i) => blockingKeys(prepared[i] as PreparedPerson))),
  ]);
  const pairs = candidateGroups(keysOf, MAX_BLOCK);
  const blocking = performance.now() - start;
  const recordsOf = subjects.map((s) => s.map((i) => prepared[i] as PreparedPerson));

  // Who lives where, as the register's address keys say: each subject at the addresses of all its
  // records, under its own (first record's) surname. An address with more subjects than a block
  // holds is no household.
  const households = new Map<string, Array<{ subject: number; surnameKey: string }>>();
  recordsOf.forEach((rs, subject) => {
    const surnameKey = rs[0]?.surnameKey ?? '';
    for (const address of new Set(rs.map((r) => r.address)))
      if (address) {
        const list = households.get(address);
        if (list) list.push({ subject, surnameKey });
        else households.set(address, [{ subject, surnameKey }]);
      }
  });
  /**
   * A pair of subjects scored as the register links: on their own records first, and only a pair
   * the household could still lift above the threshold again with it.
   */
  const score = (a: number, b: number) => {
    const as = recordsOf[a] as PreparedPerson[];
    const bs = recordsOf[b] as PreparedPerson[];
    const first = scoreRecords(as, bs, stats);
    if (first.probability >= DEFAULT_THRESHOLD || first.weight + HOUSEHOLD_LIFT < THRESHOLD_WEIGHT)
      return first;
    return scoreRecords(as, bs, stats, (surnameKey, address) => {
      const list = households.get(address);
      if (!list || list.length > MAX_BLOCK) return null;
      const resident = list.find((x) => x.subject !== a && x.subject !== b && x.surnameKey === surnameKey);
      return resident ? String(resident.subject) : null;
    });
  };
  return { subjects, subjectOf, stats, pairs, recordsOf, score, timings: { preparing, register, blocking } };
}

export function evaluate(set: LabelledSet): Evaluation {
  const { records } = set;
  const { subjects, subjectOf, pairs, recordsOf, score, timings } = linkedRegister(set);
  const { preparing, register, blocking } = timings;

  const start = performance.now();
  const cpu = process.cpuUsage();
  const suggested = new Set<number>();
  const compared = new Set<number>();
  let comparisons = 0;
  for (const [a, b] of pairs) {
    const as = recordsOf[a] as PreparedPerson[];
    const bs = recordsOf[b] as PreparedPerson[];
    comparisons += as.length * bs.length;
    compared.add(pairCode(a, b));
    if (score(a, b).probability >= DEFAULT_THRESHOLD) suggested.add(pairCode(a, b));
  }
  const scoring = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const scoringCpu = (used.user + used.system) / 1000;

  // The subjects an analyst ends up with by confirming every correct suggestion.
  const parent = subjects.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    for (let at = i; parent[at] !== r; ) {
      const next = parent[at] as number;
      parent[at] = r;
      at = next;
    }
    return r;
  };
  for (const [a, b] of pairs)
    if (
      suggested.has(pairCode(a, b)) &&
      records[subjects[a]?.[0] ?? 0]?.entity === records[subjects[b]?.[0] ?? 0]?.entity
    )
      parent[find(a)] = find(b);
  let merged = 0;

  // Pairwise over records.
  const byEntity = new Map<number, number[]>();
  records.forEach((r, i) => {
    const list = byEntity.get(r.entity);
    if (list) list.push(i);
    else byEntity.set(r.entity, [i]);
  });
  const kinds = new Map<string, { pairs: number; compared: number; found: number }>();
  const count = (kind: string, wasCompared: boolean, found: boolean) => {
    const row = kinds.get(kind) ?? { pairs: 0, compared: 0, found: 0 };
    row.pairs += 1;
    if (wasCompared) row.compared += 1;
    if (found) row.found += 1;
    kinds.set(kind, row);
  };
  let truePairs = 0;
  let truePositives = 0;
  for (const list of byEntity.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number;
        const j = list[y] as number;
        const si = subjectOf[i] as number;
        const sj = subjectOf[j] as number;
        const code = pairCode(si, sj);
        const same = si === sj;
        const found = same || suggested.has(code);
        const wasCompared = same || compared.has(code);
        truePairs += 1;
        if (found) truePositives += 1;
        if (find(si) === find(sj)) merged += 1;
        const ri = records[i];
        const rj = records[j];
        const variations = new Set([...(ri?.variations ?? []), ...(rj?.variations ?? [])]);
        if (variations.size === 0) variations.add('none: the same record again');
        for (const kind of variations) count(kind, wasCompared, found);
        const withBsn = Number(Boolean(ri?.bsn)) + Number(Boolean(rj?.bsn));
        count(
          withBsn === 2 ? 'BSN in both records' : withBsn === 1 ? 'BSN in one record only' : 'BSN in neither',
          wasCompared,
          found,
        );
      }

  // Predicted pairs, and the mistakes among them by kind of look-alike.
  const relation = (ea: number, eb: number): string => {
    const la = set.lookalikes.get(ea);
    const lb = set.lookalikes.get(eb);
    if (la?.of === eb) return la.kind;
    if (lb?.of === ea) return lb.kind;
    if (la && lb && la.of === lb.of) return 'two look-alikes of one person';
    return 'unrelated';
  };
  const mistakes = new Map<string, number>();
  let predicted = 0;
  const wrong = (i: number, j: number) => {
    const ea = records[i]?.entity ?? -1;
    const eb = records[j]?.entity ?? -1;
    if (ea === eb) return;
    const kind = relation(ea, eb);
    mistakes.set(kind, (mistakes.get(kind) ?? 0) + 1);
  };
  for (const s of subjects) {
    predicted += (s.length * (s.length - 1)) / 2;
    for (let x = 0; x < s.length; x++)
      for (let y = x + 1; y < s.length; y++) wrong(s[x] as number, s[y] as number);
  }
  for (const [a, b] of pairs) {
    if (!suggested.has(pairCode(a, b))) continue;
    for (const i of subjects[a] ?? [])
      for (const j of subjects[b] ?? []) {
        predicted += 1;
        wrong(i, j);
      }
  }
  const negativePairs = new Map<string, number>();
  for (const [entity, { of, kind }] of set.lookalikes)
    negativePairs.set(
      kind,
      (negativePairs.get(kind) ?? 0) + (byEntity.get(entity)?.length ?? 0) * (byEntity.get(of)?.length ?? 0),
    );
  // Unrelated records are too many to count: the ones that were compared stand for them.
  let unrelatedCompared = 0;
  for (const [a, b] of pairs)
    for (const i of subjects[a] ?? [])
      for (const j of subjects[b] ?? [])
        if (relation(records[i]?.entity ?? -1, records[j]?.entity ?? -2) === 'unrelated')
          unrelatedCompared += 1;
  negativePairs.set('unrelated', unrelatedCompared);

  return {
    name: set.name,
    records: records.length,
    subjects: subjects.length,
    truePairs,
    predicted,
    truePositives,
    precision: predicted ? truePositives / predicted : 1,
    recall: truePairs ? truePositives / truePairs : 1,
    recallAfterMerges: truePairs ? merged / truePairs : 1,
    candidatePairs: pairs.length,
    comparisons,
    variations: [...kinds.entries()]
      .map(([kind, r]) => ({ kind, ...r, recall: r.pairs ? r.found / r.pairs : 1 }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
    negatives: [...new Set([...negativePairs.keys(), ...mistakes.keys()])].sort().map((kind) => ({
      kind,
      pairs: negativePairs.get(kind) ?? 0,
      matched: mistakes.get(kind) ?? 0,
      precisionLoss: predicted ? (mistakes.get(kind) ?? 0) / predicted : 0,
    })),
    timings: { preparing, register, blocking, scoring },
    scoringCpu,
  };
}

const f = (x: number, digits = 4) => x.toFixed(digits);

/** The per-kind tables as Markdown, for the note in docs/subjects.md. */
export function markdownTables(e: Evaluation): string {
  const lines = [
    `**${e.name}**: ${e.records.toLocaleString('en')} records, ${e.truePairs.toLocaleString('en')} true pairs; precision ${f(e.precision)}, recall ${f(e.recall)} (${f(e.recallAfterMerges)} once every correct suggestion is confirmed).`,
    '',
    '| variation | true pairs | compared | found | recall |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...e.variations.map((r) => `| ${r.kind} | ${r.pairs} | ${r.compared} | ${r.found} | ${f(r.recall, 3)} |`),
    '',
    '| hard negative | pairs | wrongly matched | share of predicted pairs |',
    '| --- | ---: | ---: | ---: |',
    ...e.negatives.map((r) => `| ${r.kind} | ${r.pairs} | ${r.matched} | ${f(r.precisionLoss)} |`),
  ];
  return lines.join('\n');
}
