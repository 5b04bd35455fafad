import {
  type CreateInspectionRequest,
  createInspectionRequest,
  type FindingKind,
  type InspectionFindingRequest,
  inspectionFindingRequest,
} from '@samenspel/contracts';
import { dutchDate } from '../../shared/dates.js';
import { aggregatesOnly, locationProjectsOf, readableLocations } from '../locations/index.js';
import type { FieldProblem, ImportKindDefinition } from './pipeline.kinds.js';
import {
  type CovenantLookups,
  covenantLookups,
  listOf,
  memberNamed,
  municipalityNamed,
  unknownMunicipality,
} from './pipeline.lookups.js';
import type { Cell } from './pipeline.read.js';
import {
  disagreements,
  type KeyedRecords,
  keptRecords,
  mergedFields,
  type RecordFields,
  writeRecords,
} from './pipeline.records.js';
import * as repo from './pipeline.repository.js';
import { kindField as field, fold, readDate, readNumber, rowReader, words } from './pipeline.values.js';

/**
 * The inspections kind: a partner's or a project's list of inspections (controles), one row per
 * finding, the rows of one inspection sharing the source's own number (`Kenmerk`); an inspection
 * without findings is one row. Each inspection is recorded as the screens record one
 * (`LocationsService.recordInspectionWithin`): planned on its date with its partners and the
 * locations it visited, then held or cancelled on the day it was, with each partner's findings.
 * A location is named by its address (postcode and house number) or its name, among the
 * locations the importer may read. The source's number makes a second import add nothing.
 */

interface InspectionRow {
  inspectionKey: string;
  plannedOn: string | null;
  heldOn: string | null;
  cancelledOn: string | null;
  municipalityCode: string | null;
  partnerIds: string[] | null;
  integral: boolean | null;
  projectId: string | null;
  locationIds: string[] | null;
  note: string | null;
  finding: InspectionFindingRequest | null;
}

interface Lookups extends CovenantLookups {
  /** The importer sees aggregates only: records their own organisation's findings, no other's. */
  ownFindingsOnly: boolean;
  projects: Array<{ id: string; name: string }>;
  locations: Array<{
    id: string;
    name: string | null;
    postcode: string | null;
    houseNumber: number | null;
    houseLetter: string | null;
    houseNumberAddition: string | null;
    municipalityCode: string;
  }>;
}

const findingKinds = words<FindingKind>({
  drugs: ['drugs', 'drugsvondst', 'hennep', 'hennepkwekerij'],
  violation: ['overtreding', 'overtredingen'],
  permit: ['vergunning', 'vergunningen', 'geen vergunning'],
  persons: ['aangetroffen personen', 'personen'],
  other: ['anders', 'overig'],
});
const findingKindNames = 'drugs, overtreding, vergunning, aangetroffen personen, anders';
const yes = new Set(['ja', 'j', 'yes', 'x', '1', 'waar', 'integraal'].map(fold));
const no = new Set(['nee', 'n', 'no', '0', 'onwaar'].map(fold));

/** An inspection under its number in the partner's or project's list. */
const inspectionRecords: KeyedRecords<InspectionRow> & { differsCode: string } = {
  keyOf: (v) => v.inspectionKey,
  keyField: 'inspection',
  named: (key) => `Controle ${key}`,
  whole: 'een controle komt alleen heel binnen',
  changedCode: 'inspection_changed',
  changed: (key, gone) =>
    gone
      ? `Controle ${key} is al ingelezen en inmiddels verwijderd. Haal haar uit het bestand.`
      : `Controle ${key} is al ingelezen, met andere gegevens. Leg wat later gebeurde vast in Samenspel zelf, of haal haar uit het bestand.`,
  unchangedReason: (gone) =>
    gone
      ? 'Deze controle is al ingelezen en inmiddels verwijderd; ze komt niet terug.'
      : 'Staat al zo in Samenspel.',
  refusedCode: 'inspection_refused',
  differsCode: 'inspection_differs',
};

export const inspections: ImportKindDefinition<InspectionRow> = {
  kind: 'inspections',
  name: 'Controles',
  description:
    'Per rij een bevinding van een controle uit de lijst van een partner of project; de rijen van één controle hebben hetzelfde kenmerk. Een controle zonder bevindingen is één rij zonder.',
  permission: 'inspection.create',
  fields: [
    field(
      'inspection',
      'Kenmerk',
      'Het nummer van de controle in de bron; de rijen van één controle delen het.',
      ['kenmerk', 'controle', 'controlenummer', 'nummer'],
      { required: true },
    ),
    field('planned', 'Gepland op', 'De dag waarop de controle gepland was, zoals 31-12-2021.', [
      'gepland op',
      'gepland',
      'datum',
      'controledatum',
    ]),
    field('held', 'Gehouden op', 'De dag waarop ze gehouden werd. Leeg: (nog) niet gehouden.', [
      'gehouden op',
      'gehouden',
      'uitgevoerd op',
    ]),
    field('cancelled', 'Afgelast op', 'De dag waarop ze werd afgelast.', [
      'afgelast op',
      'afgelast',
      'geannuleerd',
    ]),
    field('municipality', 'Gemeente', 'De gemeente, met naam of CBS-code.', ['gemeente', 'gemeentecode']),
    field(
      'partners',
      'Partners',
      'De partners die meededen, met naam of code, gescheiden door ;. Uw eigen organisatie doet altijd mee.',
      ['partners', 'deelnemers', 'partijen'],
    ),
    field(
      'integral',
      'Integraal',
      'Ja als partners de controle samen hielden, elk met eigen bevoegdheden. Leeg: nee.',
      ['integraal', 'integrale controle'],
    ),
    field('project', 'Project', 'Het risicolocatieproject, met zijn naam.', ['project']),
    field(
      'locations',
      'Locaties',
      'De bezochte risicolocaties: postcode en huisnummer (3542 AD 12) of hun naam, gescheiden door ;.',
      ['locaties', 'locatie', 'adres', 'adressen'],
    ),
    field('note', 'Opmerking', 'Een toelichting.', ['opmerking', 'toelichting']),
    field(
      'findingPartner',
      'Partner van de bevinding',
      'Welke partner de bevinding deed. Leeg: uw eigen organisatie.',
      ['partner van de bevinding', 'bevinding van', 'partner bevinding'],
    ),
    field('findingKind', 'Soort bevinding', `${findingKindNames}.`, ['soort bevinding']),
    field('finding', 'Bevinding', 'Wat er werd aangetroffen.', ['bevinding', 'omschrijving bevinding']),
    field('findingCount', 'Aantal', 'Hoeveel (planten, personen, overtredingen …), als dat geteld is.', [
      'aantal',
    ]),
  ],
  async prepare(db, actor, today) {
    const [region, projects, locations] = await Promise.all([
      covenantLookups(db, actor, today),
      locationProjectsOf(db, actor.regionId),
      readableLocations(db, actor),
    ]);
    return {
      ...region,
      ownFindingsOnly: aggregatesOnly(actor),
      projects: projects.map((p) => ({ id: p.id, name: p.name })),
      locations,
    } satisfies Lookups;
  },
  row(cell, context) {
    return inspectionRow(cell, context as Lookups);
  },
  ...keptRecords(
    inspectionRecords,
    (db, actor, keys) => repo.importedByOrganisation(db, 'inspections', actor, keys),
    (key, list, context) => togetherProblems(key, list, context as Lookups),
  ),
  async write(db, actor, values, _at, _by, importId, ports) {
    const written = await writeRecords(inspectionRecords, values, (rows) => {
      const m = mergedFields(rows, inspectionLevel);
      return ports.recordInspection(db, actor, requestOf(m, actor.organisationId), {
        heldOn: m.heldOn,
        cancelledOn: m.cancelledOn,
        findings: rows.flatMap((r) => (r.finding ? [r.finding] : [])),
      });
    });
    await repo.recordImportedByOrganisation(db, 'inspections', actor, importId, written);
    return values.length;
  },
};

/** An inspection's own fields, with the import's field of each. */
const inspectionLevel: RecordFields<InspectionRow> = [
  ['plannedOn', 'planned'],
  ['heldOn', 'held'],
  ['cancelledOn', 'cancelled'],
  ['municipalityCode', 'municipality'],
  ['partnerIds', 'partners'],
  ['integral', 'integral'],
  ['projectId', 'project'],
  ['locationIds', 'locations'],
  ['note', 'note'],
];

const labelOf = (key: string) => inspections.fields.find((f) => f.key === key)?.label ?? key;

/** The request the screens would send to plan this inspection (the importer's organisation among its partners). */
function requestOf(m: InspectionRow, organisationId: string): CreateInspectionRequest {
  return {
    municipalityCode: m.municipalityCode ?? '',
    integral: m.integral ?? false,
    plannedOn: m.plannedOn ?? '',
    organisationIds: [...new Set([organisationId, ...(m.partnerIds ?? [])])],
    locationIds: m.locationIds ?? [],
    ...(m.projectId ? { projectId: m.projectId } : {}),
    note: m.note ?? undefined,
  };
}

/** What an inspection's rows say together: alike where they give a field, and an inspection the screens would record. */
function togetherProblems(
  key: string,
  list: ReadonlyArray<{ line: number; value: InspectionRow }>,
  l: Lookups,
): Map<number, FieldProblem[]> {
  const problems = disagreements(inspectionRecords, key, list, inspectionLevel, labelOf);
  if (problems.size) return problems;
  const ordered = [...list].sort((a, b) => a.line - b.line);
  const first = ordered[0];
  if (!first) return problems;
  const add = (line: number, p: FieldProblem) => problems.set(line, [...(problems.get(line) ?? []), p]);
  const m = mergedFields(
    ordered.map((r) => r.value),
    inspectionLevel,
  );
  if (!m.plannedOn)
    add(first.line, {
      field: 'planned',
      code: 'required',
      reason: `Vul in wanneer controle ${key} gepland was.`,
    });
  if (!m.municipalityCode)
    add(first.line, {
      field: 'municipality',
      code: 'required',
      reason: `Vul de gemeente van controle ${key} in.`,
    });
  if (problems.size) return problems;
  if (m.heldOn && m.cancelledOn)
    add(first.line, {
      field: 'cancelled',
      code: 'held_and_cancelled',
      reason: 'Een controle is gehouden of afgelast, niet allebei.',
    });
  const partners = new Set([l.organisationId, ...(m.partnerIds ?? [])]);
  if (m.integral && partners.size < 2)
    add(first.line, {
      field: 'integral',
      code: 'one_partner',
      reason: 'Een integrale controle houden minstens twee partners samen: vul de andere partners in.',
    });
  const parsed = createInspectionRequest.safeParse(requestOf(m, l.organisationId));
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      add(first.line, { field: null, code: 'invalid', reason: issue.message });
  for (const r of ordered) {
    const finding = r.value.finding;
    if (!finding) continue;
    if (!m.heldOn)
      add(r.line, {
        field: 'held',
        code: 'not_held',
        reason: 'Een controle met bevindingen is gehouden: vul in wanneer.',
      });
    if (!partners.has(finding.organisationId))
      add(r.line, {
        field: 'findingPartner',
        code: 'not_a_partner',
        reason: 'Deze partner nam niet deel aan de controle: zet hem bij de partners.',
      });
    else if (l.ownFindingsOnly && finding.organisationId !== l.organisationId)
      add(r.line, {
        field: 'findingPartner',
        code: 'other_partner',
        reason: 'U legt alleen de bevindingen van uw eigen organisatie vast.',
      });
  }
  return problems;
}

function inspectionRow(
  cell: (field: string) => Cell | undefined,
  l: Lookups,
): { value: InspectionRow } | { problems: FieldProblem[] } {
  const { problems, take, text, need } = rowReader(cell);
  const inspectionKey = text('inspection', 100);
  if (!inspectionKey) need('inspection', 'Vul het kenmerk van de controle in de bron in.');
  const date = (fieldKey: string, past: boolean) => {
    const on = take(fieldKey, readDate(cell(fieldKey) ?? null)) ?? null;
    if (on && past && on > l.today)
      problems.push({
        field: fieldKey,
        code: 'in_the_future',
        reason: `Deze datum ligt in de toekomst (${dutchDate(on)}). Vul de dag in waarop het gebeurde.`,
      });
    return on;
  };
  const plannedOn = date('planned', false);
  const heldOn = date('held', true);
  const cancelledOn = date('cancelled', true);
  const municipalityText = text('municipality', 100);
  const municipality = municipalityText ? municipalityNamed(l, municipalityText) : undefined;
  if (municipalityText && !municipality)
    problems.push({
      field: 'municipality',
      code: 'unknown_municipality',
      reason: unknownMunicipality(municipalityText),
    });
  const partner = (fieldKey: string, name: string) => memberNamed(l, fieldKey, name, problems);
  const partnerNames = listOf(text('partners', 2000));
  const partnerIds = partnerNames.flatMap((name) => {
    const id = partner('partners', name);
    return id ? [id] : [];
  });
  const integralText = text('integral', 20);
  const integral =
    integralText === null
      ? null
      : yes.has(fold(integralText))
        ? true
        : no.has(fold(integralText))
          ? false
          : undefined;
  if (integral === undefined)
    problems.push({ field: 'integral', code: 'not_yes_or_no', reason: 'Vul ja of nee in.' });
  const projectText = text('project', 200);
  const project = projectText ? l.projects.find((p) => fold(p.name) === fold(projectText)) : undefined;
  if (projectText && !project)
    problems.push({
      field: 'project',
      code: 'unknown_project',
      reason: 'Dit risicolocatieproject kent uw regio niet.',
    });
  const locationNames = text('locations', 4000)
    ?.split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const locationIds = (locationNames ?? []).flatMap((name) => {
    const found = locationNamed(l, name, municipality?.code ?? null);
    if (found.length !== 1)
      problems.push({
        field: 'locations',
        code: found.length ? 'ambiguous_location' : 'unknown_location',
        reason: found.length
          ? `Meer dan één risicolocatie heet '${name}'. Schrijf haar postcode en huisnummer.`
          : `Samenspel kent geen risicolocatie '${name}' die u mag zien. Schrijf postcode en huisnummer (3542 AD 12) of haar naam, of signaleer haar eerst.`,
      });
    return found.length === 1 && found[0] ? [found[0].id] : [];
  });
  const note = text('note', 5000);
  const finding = findingOf(cell, l, { problems, take, text }, partner);
  if (!inspectionKey || problems.length) return { problems };
  return {
    value: {
      inspectionKey,
      plannedOn,
      heldOn,
      cancelledOn,
      municipalityCode: municipality?.code ?? null,
      partnerIds: partnerNames.length ? [...new Set(partnerIds)].sort() : null,
      integral: integral ?? null,
      projectId: project?.id ?? null,
      locationIds: locationNames?.length ? [...new Set(locationIds)].sort() : null,
      note,
      finding,
    },
  };
}

/** A location by `3542 AD 12` (with a letter or addition if it has one) or by its name, in the inspection's municipality when given. */
function locationNamed(l: Lookups, name: string, municipalityCode: string | null): Lookups['locations'] {
  const address = /^(\d{4})\s*([a-z]{2})\s+(\d+)\s*([a-z])?(?:\s*-?\s*(\S+))?$/i.exec(name.trim());
  if (address) {
    const [, digits, letters, number, letter, addition] = address;
    const postcode = `${digits} ${letters?.toUpperCase()}`;
    return l.locations.filter(
      (x) =>
        x.postcode?.replace(/\s/g, '') === postcode.replace(/\s/g, '') &&
        x.houseNumber === Number(number) &&
        (x.houseLetter ?? '').toUpperCase() === (letter ?? '').toUpperCase() &&
        (x.houseNumberAddition ?? '').toUpperCase() === (addition ?? '').toUpperCase(),
    );
  }
  return l.locations.filter(
    (x) =>
      x.name !== null &&
      fold(x.name) === fold(name) &&
      (!municipalityCode || x.municipalityCode === municipalityCode),
  );
}

/** The row's finding, checked with the API's contract; null when the row has none. */
function findingOf(
  cell: (field: string) => Cell | undefined,
  l: Lookups,
  { problems, take, text }: Pick<ReturnType<typeof rowReader>, 'problems' | 'take' | 'text'>,
  partner: (field: string, name: string) => string | null,
): InspectionFindingRequest | null {
  const kindText = text('findingKind', 100);
  const description = text('finding', 5000);
  const partnerText = text('findingPartner', 200);
  const count = take('findingCount', readNumber(cell('findingCount') ?? null, 0));
  if (!kindText && !description && !partnerText && (count === null || count === undefined)) return null;
  const kind = kindText ? findingKinds.get(fold(kindText)) : undefined;
  if (!kindText || !kind)
    problems.push({
      field: 'findingKind',
      code: kindText ? 'unknown_finding_kind' : 'required',
      reason: `${kindText ? 'Deze soort bevinding kent Samenspel niet.' : 'Vul de soort bevinding in.'} Kies uit: ${findingKindNames}.`,
    });
  const organisationId = partnerText ? partner('findingPartner', partnerText) : l.organisationId;
  const request = { organisationId, kind, description: description ?? '', count: count ?? undefined };
  const parsed = inspectionFindingRequest.safeParse(JSON.parse(JSON.stringify(request)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (name === 'kind' || name === 'organisationId') continue;
      problems.push({
        field: name === 'count' ? 'findingCount' : 'finding',
        code: 'invalid',
        reason: issue.message,
      });
    }
    return null;
  }
  return parsed.data;
}
