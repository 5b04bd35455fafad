import type {
  NormAmbition,
  NormCell,
  NormMember,
  NormStatus,
  NormStatusCounts,
  NormSummary,
  NormVersion,
} from '@samenspel/contracts';
import type { NormRow, NormStatusRow } from './norms.repository.js';

type VersionRow = NormRow['versions'][number];

export function presentVersion(v: VersionRow): NormVersion {
  return {
    number: v.number,
    validFrom: v.validFrom,
    note: v.note,
    ambitions: v.ambitions.map((a) => ({ code: a.code, title: a.title, description: a.description })),
    members: v.members.flatMap((m) =>
      m.kind === 'municipality' || m.kind === 'province' ? [{ id: m.id, name: m.name, kind: m.kind }] : [],
    ),
  };
}

/** The version in force on a day: the latest one valid from it or before; before the first, the first. */
export function versionOn<V extends { validFrom: string }>(
  versions: readonly V[],
  on: string,
): V | undefined {
  return versions.filter((v) => v.validFrom <= on).at(-1) ?? versions[0];
}

export function presentNormSummary(n: NormRow): NormSummary {
  const latest = n.versions.at(-1);
  return {
    id: n.id,
    name: n.name,
    description: n.description,
    district: n.districtId && n.districtName ? { id: n.districtId, name: n.districtName } : null,
    version: { number: latest?.number ?? 1, validFrom: latest?.validFrom ?? '' },
    ambitions: latest?.ambitions.length ?? 0,
    members: latest?.members.length ?? 0,
  };
}

const pointKey = (organisationId: string, ambitionCode: string) => `${organisationId}|${ambitionCode}`;

/**
 * The status of every point (member and ambition) as of a day: the last entry that happened on
 * or before it. The rows come in the order they hold (by day, then as recorded).
 */
export function statusesOn(rows: readonly NormStatusRow[], on: string): Map<string, NormStatusRow> {
  const found = new Map<string, NormStatusRow>();
  for (const row of rows)
    if (row.happenedOn <= on) found.set(pointKey(row.organisationId, row.ambitionCode), row);
  return found;
}

/** A member's cell for an ambition: never recorded is "not started". */
export function cellOf(
  statuses: ReadonlyMap<string, NormStatusRow>,
  member: NormMember,
  ambition: NormAmbition,
): NormCell {
  const row = statuses.get(pointKey(member.id, ambition.code));
  return {
    ambitionCode: ambition.code,
    status: row?.status ?? 'not-started',
    since: row?.happenedOn ?? null,
    evidence: row?.evidence ?? null,
  };
}

export function countStatuses(statuses: readonly NormStatus[]): NormStatusCounts {
  return {
    met: statuses.filter((s) => s === 'met').length,
    inProgress: statuses.filter((s) => s === 'in-progress').length,
    notStarted: statuses.filter((s) => s === 'not-started').length,
  };
}

/** An ambition's title as the latest version that has it names it. */
export function ambitionTitles(versions: readonly VersionRow[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const v of versions) for (const a of v.ambitions) titles.set(a.code, a.title);
  return titles;
}
