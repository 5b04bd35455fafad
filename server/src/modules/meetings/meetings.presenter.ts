import type { Meeting } from '@samenspel/contracts';
import type * as repo from './meetings.repository.js';

export function presentMeeting(
  m: Awaited<ReturnType<typeof repo.findMeetings>>[number],
  references: ReadonlyMap<string, string>,
): Meeting {
  const agenda = m.agenda.map((a) => ({ ...a, reference: references.get(a.signalId) ?? '' }));
  return {
    id: m.id,
    kind: m.kind,
    district: { id: m.districtId, name: m.districtName },
    municipality:
      m.municipalityCode && m.municipalityName
        ? { code: m.municipalityCode, name: m.municipalityName }
        : null,
    date: m.date,
    attendingOrganisations: m.organisations,
    agenda: agenda.map((a) => ({ signalId: a.signalId, reference: a.reference, outcome: a.outcome })),
    priorities: agenda
      .filter((a) => a.priority !== null)
      .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))
      .map((a) => ({ signalId: a.signalId, reference: a.reference, rank: a.priority ?? 0 })),
  };
}
