import type {
  Inspection,
  LocationDetail,
  LocationProject,
  LocationStatus,
  LocationSubjectRole,
  LocationSummary,
  ProjectFigureRow,
} from '@samenspel/contracts';
import type * as repo from './locations.repository.js';

/** An address on one line, as far as it is known: "Industrieweg 12A-2, 3401 MA IJsselstein". */
export function addressLine(l: {
  street: string | null;
  houseNumber: number | null;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  postcode: string | null;
  place: string | null;
  name?: string | null;
}): string {
  const number =
    l.houseNumber === null
      ? ''
      : `${l.houseNumber}${l.houseLetter ?? ''}${l.houseNumberAddition ? `-${l.houseNumberAddition}` : ''}`;
  const street = [l.street, number].filter(Boolean).join(' ');
  const postcode = l.postcode ? `${l.postcode.slice(0, 4)} ${l.postcode.slice(4)}` : '';
  const town = [postcode, l.place].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ') || l.name || 'Adres onbekend';
}

export function presentProject(p: repo.ProjectRow): LocationProject {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    district: p.districtId && p.districtName ? { id: p.districtId, name: p.districtName } : null,
    baselineOn: p.baselineOn,
  };
}

export function presentLocationSummary(r: repo.LocationRow): LocationSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    address: addressLine(r),
    municipality: { code: r.municipalityCode, name: r.municipalityName },
    project: r.projectId && r.projectName ? { id: r.projectId, name: r.projectName } : null,
    status: r.status,
    statusSince: r.statusSince ?? r.flaggedOn,
    flaggedOn: r.flaggedOn,
    inBaseline: r.inBaseline,
    organisation: { id: r.organisationId, name: r.organisationName },
    point:
      r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
  };
}

/** The steps that may follow a status: the path flagged → looked into → confirmed or dispelled → addressed → closed. */
export const nextStatuses: Record<LocationStatus, LocationStatus[]> = {
  flagged: ['looked-into'],
  'looked-into': ['confirmed', 'dispelled'],
  confirmed: ['addressed'],
  dispelled: ['closed'],
  addressed: ['closed'],
  closed: [],
};

/** A location's parts with the names other modules give them (users, subjects, cases). */
export interface LocationParts {
  events: Array<
    Awaited<ReturnType<typeof repo.locationParts>>['events'][number] & { recordedBy: string | null }
  >;
  subjects: Array<{ id: string; kind: string; label: string; role: LocationSubjectRole }>;
  cases: Array<{ id: string; name: string }>;
  inspections: Awaited<ReturnType<typeof repo.locationParts>>['inspections'];
}

export function presentLocationDetail(
  r: repo.LocationRow,
  parts: LocationParts,
  canManage: boolean,
): LocationDetail {
  return {
    ...presentLocationSummary(r),
    addressParts: {
      postcode: r.postcode ? `${r.postcode.slice(0, 4)} ${r.postcode.slice(4)}` : null,
      houseNumber: r.houseNumber,
      houseLetter: r.houseLetter,
      houseNumberAddition: r.houseNumberAddition,
      street: r.street,
      place: r.place,
    },
    bagId: r.bagId,
    pointSource: r.pointSource,
    events: parts.events.map((e) => ({
      id: e.id,
      type: e.type,
      happenedOn: e.happenedOn,
      recordedAt: e.recordedAt.toISOString(),
      organisation: { id: e.organisationId, name: e.organisationName },
      recordedBy: e.recordedBy,
      note: e.note,
      inspectionIds: Array.isArray(e.details.inspectionIds) ? (e.details.inspectionIds as string[]) : [],
    })),
    subjects: parts.subjects.map((s) => ({ id: s.id, kind: s.kind, label: s.label, role: s.role })),
    cases: parts.cases,
    inspections: parts.inspections,
    nextSteps: canManage ? nextStatuses[r.status] : [],
    canManage,
  };
}

/** An inspection's parts; what followed is labelled where the reader may open it. */
type InspectionParts = Awaited<ReturnType<typeof repo.inspectionParts>>;

export function presentInspection(
  r: repo.InspectionRow,
  parts: Omit<InspectionParts, 'followUps'> & {
    followUps: Array<InspectionParts['followUps'][number] & { label: string | null }>;
  },
  canManage: boolean,
): Inspection {
  return {
    id: r.id,
    municipality: { code: r.municipalityCode, name: r.municipalityName },
    integral: r.integral,
    plannedOn: r.plannedOn,
    heldOn: r.heldOn,
    cancelledOn: r.cancelledOn,
    organisation: { id: r.organisationId, name: r.organisationName },
    organisations: r.organisations,
    project: r.projectId && r.projectName ? { id: r.projectId, name: r.projectName } : null,
    caseId: r.caseId,
    note: r.note,
    locations: parts.locations.map((l) => ({ id: l.id, kind: l.kind, address: addressLine(l) })),
    findings: parts.findings.map((f) => ({
      id: f.id,
      organisation: { id: f.organisationId, name: f.organisationName },
      kind: f.kind,
      description: f.description,
      count: f.count,
    })),
    followUps: parts.followUps,
    canManage,
  };
}

/** A figure row from the query's text counts. */
export function figureRow(
  l: Partial<Record<keyof Omit<ProjectFigureRow, 'inspections' | 'integralInspections'>, string>> | undefined,
  i: { inspections: string; integralInspections: string } | undefined,
): ProjectFigureRow {
  const n = (v: string | undefined) => Number(v ?? 0);
  return {
    flagged: n(l?.flagged),
    flaggedInBaseline: n(l?.flaggedInBaseline),
    flaggedNew: n(l?.flaggedNew),
    lookedInto: n(l?.lookedInto),
    lookedIntoInPeriod: n(l?.lookedIntoInPeriod),
    confirmed: n(l?.confirmed),
    dispelled: n(l?.dispelled),
    open: n(l?.open),
    addressed: n(l?.addressed),
    addressedInPeriod: n(l?.addressedInPeriod),
    inspections: n(i?.inspections),
    integralInspections: n(i?.integralInspections),
  };
}
