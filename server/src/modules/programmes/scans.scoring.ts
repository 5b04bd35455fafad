import type {
  InvalidParam,
  ScanDefinition,
  ScanQuestion,
  ScanQuestionResult,
  ScanScore,
  ScanSubject,
} from '@samenspel/contracts';

/**
 * A scan's scoring (docs/norms-and-scans.md), as pure functions over a version's definition:
 *
 * - an answer's points are its option's points times the question's weight; a question's maximum
 *   is its best option's points times its weight; a score is the sum of points, the sum of
 *   maximums and their ratio as a percentage to one decimal;
 * - a question with a basisniveau (`basis`) is met when the answer's own points reach it;
 * - a municipality scan's recommendation for a question applies when the answer falls short: below
 *   the basisniveau where the question has one, else below its best answer;
 * - an object's score is that of its answers; it feeds the risk-location register when its points
 *   reach the threshold. An object scan's score is that of all its objects together; a question's
 *   points are the mean over the objects, and its recommendation applies when an object at or
 *   above the threshold scores on it (the indicator is there where the risk is).
 */

/** Answers as stored: the chosen option's value per question code. */
export type Answers = ReadonlyArray<{ code: string; value: string }>;

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

export function scoreOf(points: number, maxPoints: number): ScanScore {
  return {
    points: round(points, 2),
    maxPoints: round(maxPoints, 2),
    percentage: maxPoints > 0 ? round((points / maxPoints) * 100, 1) : 0,
  };
}

const best = (q: ScanQuestion) => Math.max(...q.options.map((o) => o.points));

/** The weighted points of the best answers: the most a run can score. */
export function maxPointsOf(definition: ScanDefinition): number {
  return round(
    definition.questions.reduce((sum, q) => sum + best(q) * q.weight, 0),
    2,
  );
}

/** The problems with a definition beyond its schema: every one at once, named by path. */
export function definitionProblems(
  definition: ScanDefinition,
  subject: ScanSubject,
  prefix = 'definition',
): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const at = (name: string, code: string, reason: string) =>
    problems.push({ name: `${prefix}.${name}`, in: 'body', code, reason });
  const codes = new Set<string>();
  definition.questions.forEach((q, i) => {
    if (codes.has(q.code.toLowerCase()))
      at(`questions.${i}.code`, 'duplicate_code', `De code ${q.code} staat al eerder in de scan.`);
    codes.add(q.code.toLowerCase());
    const values = new Set<string>();
    q.options.forEach((o, j) => {
      if (values.has(o.value))
        at(
          `questions.${i}.options.${j}.value`,
          'duplicate_value',
          `Het antwoord ${o.value} staat al eerder bij deze vraag.`,
        );
      values.add(o.value);
    });
    if (q.basis !== undefined && q.basis > best(q))
      at(
        `questions.${i}.basis`,
        'basis_unreachable',
        'Het basisniveau ligt boven het hoogste aantal punten van de antwoorden.',
      );
  });
  if (subject === 'objects' && definition.threshold === undefined)
    at('threshold', 'threshold_missing', 'Geef de drempel waarboven een object een risicolocatie is.');
  if (subject === 'municipality' && definition.threshold !== undefined)
    at('threshold', 'threshold_not_for_municipality', 'Alleen een scan van objecten heeft een drempel.');
  if (definition.threshold !== undefined && definition.threshold > maxPointsOf(definition))
    at('threshold', 'threshold_unreachable', 'De drempel ligt boven het hoogste aantal punten van de scan.');
  return problems;
}

/** Answers from a request (a record by code) in the definition's order, with every problem at once. */
export function readAnswers(
  definition: ScanDefinition,
  given: Readonly<Record<string, string>> | undefined,
  name: string,
): { answers: Array<{ code: string; value: string }>; problems: InvalidParam[] } {
  const problems: InvalidParam[] = [];
  const answers: Array<{ code: string; value: string }> = [];
  const known = new Set(definition.questions.map((q) => q.code));
  for (const q of definition.questions) {
    const value = given?.[q.code];
    if (value === undefined || value === '')
      problems.push({
        name: `${name}.${q.code}`,
        in: 'body',
        code: 'answer_missing',
        reason: `Beantwoord vraag ${q.code}.`,
      });
    else if (!q.options.some((o) => o.value === value))
      problems.push({
        name: `${name}.${q.code}`,
        in: 'body',
        code: 'unknown_answer',
        reason: `'${value}' is geen antwoord op vraag ${q.code}.`,
      });
    else answers.push({ code: q.code, value });
  }
  for (const code of Object.keys(given ?? {}))
    if (!known.has(code))
      problems.push({
        name: `${name}.${code}`,
        in: 'body',
        code: 'unknown_question',
        reason: `De scan heeft geen vraag ${code}.`,
      });
  return { answers, problems };
}

interface Scored {
  question: ScanQuestion;
  /** Unweighted points of the chosen option; null when unanswered (an older version's run). */
  raw: number | null;
  option: ScanQuestion['options'][number] | null;
}

function scoredAnswers(definition: ScanDefinition, answers: Answers): Scored[] {
  const byCode = new Map(answers.map((a) => [a.code, a.value]));
  return definition.questions.map((question) => {
    const option = question.options.find((o) => o.value === byCode.get(question.code)) ?? null;
    return { question, raw: option ? option.points : null, option };
  });
}

/** Whether an answer falls short: below the basisniveau, or without one below the best answer. */
function shortOf(s: Scored): boolean {
  if (s.raw === null) return false;
  return s.question.basis !== undefined ? s.raw < s.question.basis : s.raw < best(s.question);
}

export interface ObjectScore {
  score: ScanScore;
  atOrAboveThreshold: boolean;
  answers: Array<{ code: string; label: string; points: number }>;
}

/** One object's score against the threshold. */
export function scoreObject(definition: ScanDefinition, answers: Answers): ObjectScore {
  const scored = scoredAnswers(definition, answers);
  const points = scored.reduce((sum, s) => sum + (s.raw ?? 0) * s.question.weight, 0);
  return {
    score: scoreOf(points, maxPointsOf(definition)),
    atOrAboveThreshold: points >= (definition.threshold ?? Number.POSITIVE_INFINITY),
    answers: scored.flatMap((s) =>
      s.option
        ? [
            {
              code: s.question.code,
              label: s.option.label,
              points: round(s.option.points * s.question.weight, 2),
            },
          ]
        : [],
    ),
  };
}

export interface RunScore {
  score: ScanScore;
  basis: { questions: number; met: number } | null;
  themes: Array<ScanScore & { theme: string }>;
  questions: Array<Omit<ScanQuestionResult, 'change'>>;
  recommendations: Array<{ questionCode: string; text: string }>;
  objects: { total: number; atOrAboveThreshold: number; scores: ObjectScore[] } | null;
}

function themesOf(questions: ReadonlyArray<{ theme: string | null; points: number; maxPoints: number }>) {
  const themes = new Map<string, { points: number; maxPoints: number }>();
  for (const q of questions) {
    if (!q.theme) continue;
    const t = themes.get(q.theme) ?? { points: 0, maxPoints: 0 };
    t.points += q.points;
    t.maxPoints += q.maxPoints;
    themes.set(q.theme, t);
  }
  return [...themes].map(([theme, t]) => ({ theme, ...scoreOf(t.points, t.maxPoints) }));
}

/** A municipality scan's run: its answers scored, question by question, with its recommendations. */
export function scoreRun(definition: ScanDefinition, answers: Answers): RunScore {
  const scored = scoredAnswers(definition, answers);
  const questions = scored.map((s) => {
    const short = shortOf(s);
    return {
      code: s.question.code,
      theme: s.question.theme ?? null,
      text: s.question.text,
      answer: s.option ? { value: s.option.value, label: s.option.label } : null,
      points: round((s.raw ?? 0) * s.question.weight, 2),
      maxPoints: round(best(s.question) * s.question.weight, 2),
      meetsBasis: s.question.basis === undefined || s.raw === null ? null : s.raw >= s.question.basis,
      recommendation: short ? (s.question.recommendation ?? null) : null,
      distribution: s.option ? [{ value: s.option.value, label: s.option.label, count: 1 }] : [],
    };
  });
  const withBasis = scored.filter((s) => s.question.basis !== undefined && s.raw !== null);
  return {
    score: scoreOf(
      questions.reduce((sum, q) => sum + q.points, 0),
      maxPointsOf(definition),
    ),
    basis: withBasis.length
      ? { questions: withBasis.length, met: withBasis.filter((s) => !shortOf(s)).length }
      : null,
    themes: themesOf(questions),
    questions,
    recommendations: questions.flatMap((q) =>
      q.recommendation ? [{ questionCode: q.code, text: q.recommendation }] : [],
    ),
    objects: null,
  };
}

/** An object scan's run: each object scored, and per question the mean over the objects. */
export function scoreObjectRun(definition: ScanDefinition, objects: readonly Answers[]): RunScore {
  const scores = objects.map((answers) => scoreObject(definition, answers));
  const scoredObjects = objects.map((answers) => scoredAnswers(definition, answers));
  const n = objects.length;
  const questions = definition.questions.map((question, i) => {
    const answered = scoredObjects.map((o) => o[i]).filter((s): s is Scored => Boolean(s?.option));
    const total = answered.reduce((sum, s) => sum + (s.raw ?? 0) * question.weight, 0);
    const present = scoredObjects.some((o, j) => scores[j]?.atOrAboveThreshold && (o[i]?.raw ?? 0) > 0);
    return {
      code: question.code,
      theme: question.theme ?? null,
      text: question.text,
      answer: null,
      points: n ? round(total / n, 2) : 0,
      maxPoints: round(best(question) * question.weight, 2),
      meetsBasis: null,
      recommendation: present ? (question.recommendation ?? null) : null,
      distribution: question.options.map((o) => ({
        value: o.value,
        label: o.label,
        count: answered.filter((s) => s.option?.value === o.value).length,
      })),
    };
  });
  const points = scores.reduce((sum, s) => sum + s.score.points, 0);
  return {
    score: scoreOf(points, maxPointsOf(definition) * n),
    basis: null,
    themes: themesOf(questions),
    questions,
    recommendations: questions.flatMap((q) =>
      q.recommendation ? [{ questionCode: q.code, text: q.recommendation }] : [],
    ),
    objects: {
      total: n,
      atOrAboveThreshold: scores.filter((s) => s.atOrAboveThreshold).length,
      scores,
    },
  };
}

/** The mean and median of some numbers, to one decimal. */
export function statistics(values: readonly number[]): { mean: number; median: number } {
  if (!values.length) return { mean: 0, median: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return {
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length, 1),
    median: round(median, 1),
  };
}

/** A question's points against the previous run's for the same code; null when it had none. */
export function changeOf(
  current: { code: string; points: number },
  previous: ReadonlyArray<{ code: string; points: number; answered: boolean }> | null,
): number | null {
  const before = previous?.find((p) => p.code === current.code);
  return before?.answered ? round(current.points - before.points, 2) : null;
}
