import type { Db } from '../../db/database.js';
import { covenantOf, participatingAmong } from '../collaborations/index.js';
import { listMunicipalities, listPartnerOrganisations, listThemes } from '../organisations/index.js';
import type { FieldProblem } from './pipeline.kinds.js';
import { fold } from './pipeline.values.js';

/**
 * The region's reference data a row names by name or code (a partner, a municipality, a theme),
 * read once per file, and how a name in a cell is found among them: the same for every kind, so
 * that "Gemeente Utrecht", "GM0344" and "utrecht " mean one thing in each.
 */
export interface RegionLookups {
  today: string;
  municipalities: Array<{ code: string; name: string; districtId: string | null }>;
  partners: Array<{ id: string; code: string | null; name: string; shortName: string | null; kind: string }>;
  themes: Array<{ id: string; code: string; name: string }>;
}

export async function regionLookups(db: Db, regionId: string, today: string): Promise<RegionLookups> {
  const [municipalities, partners, themes] = await Promise.all([
    listMunicipalities(db, { regionId, on: undefined }),
    listPartnerOrganisations(db, { regionId, on: undefined }),
    listThemes(db, { regionId }),
  ]);
  return {
    today,
    municipalities: municipalities.map((m) => ({ code: m.code, name: m.name, districtId: m.districtId })),
    partners: partners.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      shortName: p.shortName,
      kind: p.kind,
    })),
    themes: themes.map((t) => ({ id: t.id, code: t.code, name: t.name })),
  };
}

/** A list in a cell: `Utrecht; Zeist`, also with commas or slashes between. */
export const listOf = (text: string | null) =>
  (text ?? '')
    .split(/[;|,/]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A partner by its name, short name or code. */
export function partnerNamed(l: RegionLookups, name: string) {
  const wanted = fold(name);
  return l.partners.find(
    (p) =>
      fold(p.name) === wanted ||
      (p.code !== null && fold(p.code) === wanted) ||
      (p.shortName !== null && fold(p.shortName) === wanted),
  );
}

/** A municipality by its name or CBS code. */
export function municipalityNamed(l: RegionLookups, name: string) {
  const wanted = fold(name);
  return l.municipalities.find((m) => fold(m.name) === wanted || fold(m.code) === wanted);
}

/** A theme by its name or code. */
export function themeNamed(l: RegionLookups, name: string) {
  const wanted = fold(name);
  return l.themes.find((t) => fold(t.name) === wanted || fold(t.code) === wanted);
}

export const unknownMunicipality = (name: string) =>
  `De gemeente '${name}' hoort niet bij uw regio. Schrijf haar naam of CBS-code (GM0344).`;
export const unknownTheme = (l: RegionLookups, name: string) =>
  `Het thema '${name}' kent uw regio niet. Kies uit: ${l.themes.map((t) => t.name).join('; ')}.`;

/** The region's lookups with the partners taking part in its covenant, whom a signal or an inspection may name. */
export interface CovenantLookups extends RegionLookups {
  /** The importer's organisation. */
  organisationId: string;
  members: Set<string>;
}

export async function covenantLookups(
  db: Db,
  actor: { regionId: string; organisationId: string },
  today: string,
): Promise<CovenantLookups> {
  const region = await regionLookups(db, actor.regionId, today);
  const members = await participatingAmong(
    db,
    await covenantOf(db, actor.regionId),
    region.partners.map((p) => p.id),
  );
  return { ...region, organisationId: actor.organisationId, members };
}

/** A partner of the covenant by its name, short name or code; else a problem in `field`, and null. */
export function memberNamed(
  l: CovenantLookups,
  field: string,
  name: string,
  problems: FieldProblem[],
): string | null {
  const found = partnerNamed(l, name);
  if (found && l.members.has(found.id)) return found.id;
  problems.push({
    field,
    code: found ? 'not_a_member' : 'unknown_organisation',
    reason: found
      ? `${found.name} neemt niet deel aan het convenant van de regio.`
      : `De partner '${name}' hoort niet bij uw regio. Schrijf zijn naam of code.`,
  });
  return null;
}
