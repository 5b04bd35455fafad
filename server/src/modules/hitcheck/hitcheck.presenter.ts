import type { HitCheckRequest, RoundView, SubjectInput } from '@samenspel/contracts';
import type * as repo from './hitcheck.repository.js';

type Round = Awaited<ReturnType<typeof repo.roundsOf>>[number];
type Answer = Awaited<ReturnType<typeof repo.roundAnswers>>[number];
type Organisation = Awaited<ReturnType<typeof repo.roundOrganisations>>[number];

/** The minimum a partner needs to search its own systems, and nothing else. */
export function searchKeys(s: SubjectInput): Record<string, string> {
  switch (s.kind) {
    case 'person':
      return {
        naam: [s.firstNames, s.prefix, s.surname].filter(Boolean).join(' '),
        ...(s.dateOfBirth ? { geboortedatum: s.dateOfBirth } : {}),
      };
    case 'company':
      return { naam: s.name, ...(s.kvkNumber ? { kvkNummer: s.kvkNumber } : {}) };
    case 'address':
      return {
        postcode: s.postcode,
        huisnummer: `${s.houseNumber}${s.houseNumberAddition ? ` ${s.houseNumberAddition}` : ''}`,
      };
    case 'account':
      return { iban: s.iban };
    case 'vehicle':
      return { kenteken: s.registration };
  }
}

/**
 * A round as the reader may see it: the analyst the answer matrix and who is late; the DTO chair
 * who was asked and how many hits per subject; both the legal test, which the chair weighs
 * before deciding; everyone else (the partner that submitted the signal) only that a check runs
 * or is done.
 */
export function presentRound(
  round: Round,
  parts: {
    subjects: ReadonlyArray<{ id: string; label: string }>;
    organisations: Organisation[];
    answers: Answer[];
    reader: 'analyst' | 'chair' | 'other';
    today: string;
  },
): RoundView {
  const { subjects, organisations, answers, reader } = parts;
  const analyst = reader === 'analyst';
  const summary = reader !== 'other';
  return {
    id: round.id,
    createdAt: round.createdAt.toISOString(),
    deadline: round.deadline,
    closedAt: round.closedAt?.toISOString() ?? null,
    test: summary
      ? {
          necessity: round.necessity,
          proportionality: round.proportionality,
          subsidiarity: round.subsidiarity,
        }
      : null,
    organisations: summary ? organisations.map((o) => ({ id: o.id, name: o.name })) : null,
    subjects: summary ? subjects.map((s) => ({ id: s.id, label: s.label })) : null,
    answers: analyst
      ? answers.map((a) => ({
          subjectId: a.subjectId,
          organisationId: a.organisationId,
          answer: a.answer,
          answeredAt: a.answeredAt.toISOString(),
        }))
      : null,
    hitsPerSubject: summary
      ? subjects.map((s) => ({
          subjectId: s.id,
          hits: answers.filter((a) => a.subjectId === s.id && a.answer === 'hit').length,
          answered: answers.filter((a) => a.subjectId === s.id).length,
        }))
      : null,
    overdue: !analyst
      ? null
      : !round.closedAt && round.deadline < parts.today
        ? organisations
            .filter((o) => answers.filter((a) => a.organisationId === o.id).length < subjects.length)
            .map((o) => ({ id: o.id, name: o.name }))
        : [],
  };
}

/** What an addressed partner sees of a round: only the data to search on, and its own answers. */
export function presentRequest(
  round: { id: string; deadline: string; closedAt: Date | null },
  subjects: ReadonlyArray<{ id: string; kind: SubjectInput['kind']; data: SubjectInput }>,
  answers: Answer[],
  organisationId: string,
): HitCheckRequest {
  return {
    roundId: round.id,
    deadline: round.deadline,
    closed: round.closedAt !== null,
    subjects: subjects.map((s) => ({
      id: s.id,
      kind: s.kind,
      search: searchKeys(s.data),
      answer:
        answers.find(
          (a) => a.roundId === round.id && a.subjectId === s.id && a.organisationId === organisationId,
        )?.answer ?? null,
    })),
  };
}
