import { type ScanDefinitionInput, scanDefinition } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import {
  changeOf,
  definitionProblems,
  maxPointsOf,
  readAnswers,
  scoreObject,
  scoreObjectRun,
  scoreRun,
  statistics,
} from './scans.scoring.js';

const yesNo = [
  { value: 'nee', label: 'Nee', points: 0 },
  { value: 'ja', label: 'Ja', points: 1 },
];
const level = [
  { value: 'niet', label: 'Niet', points: 0 },
  { value: 'deels', label: 'Deels', points: 1 },
  { value: 'volledig', label: 'Volledig', points: 2 },
];

/** A quickscan: two parts, one question weighed double, two with a basisniveau. */
const quickscan = scanDefinition.parse({
  questions: [
    {
      code: 'B1',
      theme: 'Bestuur',
      text: 'Is er een bestuurlijk aanspreekpunt?',
      options: yesNo,
      basis: 1,
      recommendation: 'Wijs een aanspreekpunt aan.',
    },
    {
      code: 'B2',
      theme: 'Bestuur',
      text: 'Is mensenhandel in het beleid opgenomen?',
      options: level,
      weight: 2,
      basis: 1,
      recommendation: 'Neem mensenhandel op in het integraal veiligheidsplan.',
    },
    {
      code: 'S1',
      theme: 'Signalering',
      text: 'Zijn medewerkers getraind?',
      options: level,
      recommendation: 'Train de medewerkers van vergunningen en handhaving.',
    },
  ],
} satisfies ScanDefinitionInput);

/** A horecascan: three indicators, an object from 3 points on is a risk location. */
const horecascan = scanDefinition.parse({
  questions: [
    {
      code: 'H1',
      text: 'Wisselende exploitanten',
      options: yesNo,
      weight: 2,
      recommendation: 'Bibob-toets.',
    },
    { code: 'H2', text: 'Weinig klanten, veel omzet', options: yesNo, recommendation: 'Melden bij de FIOD.' },
    { code: 'H3', text: 'Contante aankoop pand', options: yesNo },
  ],
  threshold: 3,
} satisfies ScanDefinitionInput);

const answers = (record: Record<string, string>) =>
  Object.entries(record).map(([code, value]) => ({ code, value }));

describe('scan scoring', () => {
  it('weighs the answers, scores each part and names what falls short of the basisniveau', () => {
    expect(maxPointsOf(quickscan)).toBe(1 + 4 + 2);
    const run = scoreRun(quickscan, answers({ B1: 'ja', B2: 'niet', S1: 'deels' }));
    expect(run.score).toEqual({ points: 2, maxPoints: 7, percentage: 28.6 });
    expect(run.themes).toEqual([
      { theme: 'Bestuur', points: 1, maxPoints: 5, percentage: 20 },
      { theme: 'Signalering', points: 1, maxPoints: 2, percentage: 50 },
    ]);
    expect(run.basis).toEqual({ questions: 2, met: 1 });
    expect(run.questions.map((q) => [q.code, q.points, q.meetsBasis])).toEqual([
      ['B1', 1, true],
      ['B2', 0, false],
      ['S1', 1, null],
    ]);
    // B2 is below its basisniveau; S1 has none and falls short of its best answer.
    expect(run.recommendations).toEqual([
      { questionCode: 'B2', text: 'Neem mensenhandel op in het integraal veiligheidsplan.' },
      { questionCode: 'S1', text: 'Train de medewerkers van vergunningen en handhaving.' },
    ]);
    const full = scoreRun(quickscan, answers({ B1: 'ja', B2: 'deels', S1: 'volledig' }));
    expect(full.score.percentage).toBe(71.4);
    expect(full.basis).toEqual({ questions: 2, met: 2 });
    expect(full.recommendations).toEqual([]);
  });

  it('reads every missing, unknown and extra answer at once', () => {
    const read = readAnswers(quickscan, { B1: 'misschien', S1: 'volledig', X9: 'ja' }, 'answers');
    expect(read.problems.map((p) => [p.name, p.code])).toEqual([
      ['answers.B1', 'unknown_answer'],
      ['answers.B2', 'answer_missing'],
      ['answers.X9', 'unknown_question'],
    ]);
    expect(read.answers).toEqual([{ code: 'S1', value: 'volledig' }]);
  });

  it('puts an object at or above the threshold in the register, and averages per indicator', () => {
    expect(scoreObject(horecascan, answers({ H1: 'ja', H2: 'ja', H3: 'nee' }))).toMatchObject({
      score: { points: 3, maxPoints: 4, percentage: 75 },
      atOrAboveThreshold: true,
    });
    expect(scoreObject(horecascan, answers({ H1: 'nee', H2: 'ja', H3: 'ja' })).atOrAboveThreshold).toBe(
      false,
    );
    const run = scoreObjectRun(horecascan, [
      answers({ H1: 'ja', H2: 'ja', H3: 'nee' }),
      answers({ H1: 'nee', H2: 'ja', H3: 'ja' }),
      answers({ H1: 'nee', H2: 'nee', H3: 'nee' }),
      answers({ H1: 'ja', H2: 'nee', H3: 'ja' }),
    ]);
    expect(run.objects).toMatchObject({ total: 4, atOrAboveThreshold: 2 });
    expect(run.score).toEqual({ points: 8, maxPoints: 16, percentage: 50 });
    expect(run.questions.map((q) => [q.code, q.points, q.distribution.map((d) => d.count)])).toEqual([
      ['H1', 1, [2, 2]],
      ['H2', 0.5, [2, 2]],
      ['H3', 0.5, [2, 2]],
    ]);
    // H1 and H2 score on an object at or above the threshold; H3 has no recommendation.
    expect(run.recommendations.map((r) => r.questionCode)).toEqual(['H1', 'H2']);
  });

  it('refuses a definition with duplicate codes, an unreachable basis or threshold, or a misplaced threshold', () => {
    const bad = scanDefinition.parse({
      questions: [
        { code: 'A', text: 'Een', options: [...yesNo, { value: 'ja', label: 'Ja!', points: 1 }], basis: 2 },
        { code: 'a', text: 'Twee', options: yesNo },
      ],
      threshold: 5,
    } satisfies ScanDefinitionInput);
    expect(definitionProblems(bad, 'municipality').map((p) => [p.name, p.code])).toEqual([
      ['definition.questions.0.options.2.value', 'duplicate_value'],
      ['definition.questions.0.basis', 'basis_unreachable'],
      ['definition.questions.1.code', 'duplicate_code'],
      ['definition.threshold', 'threshold_not_for_municipality'],
      ['definition.threshold', 'threshold_unreachable'],
    ]);
    expect(definitionProblems(quickscan, 'objects').map((p) => p.code)).toEqual(['threshold_missing']);
    expect(definitionProblems(horecascan, 'objects')).toEqual([]);
  });

  it('gives the change per question against the previous run, and the mean and median', () => {
    const previous = [
      { code: 'B1', points: 0, answered: true },
      { code: 'B2', points: 2, answered: true },
      { code: 'S1', points: 0, answered: false },
    ];
    expect(changeOf({ code: 'B1', points: 1 }, previous)).toBe(1);
    expect(changeOf({ code: 'B2', points: 0 }, previous)).toBe(-2);
    expect(changeOf({ code: 'S1', points: 1 }, previous)).toBeNull();
    expect(changeOf({ code: 'B1', points: 1 }, null)).toBeNull();
    expect(statistics([40, 10, 30, 20])).toEqual({ mean: 25, median: 25 });
    expect(statistics([3, 1, 2])).toEqual({ mean: 2, median: 2 });
    expect(statistics([])).toEqual({ mean: 0, median: 0 });
  });
});
