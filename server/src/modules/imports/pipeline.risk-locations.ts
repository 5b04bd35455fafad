import { type CreateLocationRequest, createLocationRequest, type LocationKind } from '@samenspel/contracts';
import { locationIdentities, locationProjectsOf } from '../locations/index.js';
import { listMunicipalities } from '../organisations/index.js';
import type { ImportKindDefinition } from './pipeline.kinds.js';
import { fold, readDate, readNumber, rowReader } from './pipeline.values.js';

/**
 * The risk-locations kind: a partner's or a project's register of risk locations (a
 * municipality's list of business units, a scan's outcome kept by hand), one location per row,
 * flagged as the screens flag one (`LocationsService.flagWithin`: the same checks, the point
 * from the address register, the first step of its status path), dated when it was flagged.
 * A location recorded already (same kind and address, or name and municipality) is skipped.
 */

const kinds: Record<LocationKind, readonly string[]> = {
  'business-unit': ['bedrijfsunit', 'bedrijfspand', 'unit'],
  shed: ['loods', 'schuur', 'loods of schuur'],
  farm: ['boerderij', 'agrarisch', 'erf'],
  catering: ['horeca', 'cafe', 'restaurant'],
  shop: ['winkel'],
  dwelling: ['woning', 'woonhuis'],
  'office-building': ['kantoorpand', 'kantoorpand met veel inschrijvingen', 'kantoor'],
  'holiday-park': ['vakantiepark', 'recreatiepark'],
  storage: ['opslag', 'opslagbox', 'opslagruimte'],
  'transport-yard': ['transportterrein', 'transportbedrijf'],
  other: ['anders', 'overig'],
};
const kindByName = new Map<string, LocationKind>(
  (Object.entries(kinds) as Array<[LocationKind, readonly string[]]>).flatMap(([kind, names]) =>
    [kind, ...names].map((n) => [fold(n), kind] as [string, LocationKind]),
  ),
);
const kindNames =
  'bedrijfsunit, loods of schuur, boerderij, horeca, winkel, woning, kantoorpand, vakantiepark, opslag, transportterrein, anders';
const yes = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'waar', 'true'].map(fold));
const no = new Set(['nee', 'n', 'no', '0', 'onwaar', 'false', ''].map(fold));

interface Lookups {
  today: string;
  municipalities: Array<{ code: string; name: string }>;
  projects: Array<{ id: string; name: string; baselineOn: string | null }>;
}

/** What identifies a location: its kind and address (postcode and number), else its street or name, in its municipality. */
export function locationKey(l: {
  kind: string;
  name?: string | null | undefined;
  postcode?: string | null | undefined;
  houseNumber?: number | null | undefined;
  houseLetter?: string | null | undefined;
  houseNumberAddition?: string | null | undefined;
  street?: string | null | undefined;
  municipalityCode: string;
}): string {
  const postcode = l.postcode?.replace(/\s/g, '').toUpperCase();
  if (postcode && l.houseNumber)
    return [l.kind, postcode, l.houseNumber, l.houseLetter ?? '', l.houseNumberAddition ?? ''].join('|');
  return [l.kind, fold(l.street ?? ''), fold(l.name ?? ''), l.municipalityCode].join('|');
}

const keyOf = (r: CreateLocationRequest) =>
  locationKey({ kind: r.kind, ...r.address, name: r.name, municipalityCode: r.municipalityCode });

/** The API's names of a location's fields, as the import's fields. */
const fieldOf: Record<string, string> = {
  kind: 'kind',
  name: 'name',
  municipalityCode: 'municipality',
  projectId: 'project',
  inBaseline: 'baseline',
  note: 'note',
  happenedOn: 'date',
  postcode: 'postcode',
  houseNumber: 'houseNumber',
  houseLetter: 'houseLetter',
  houseNumberAddition: 'addition',
  street: 'street',
  place: 'place',
};

export const riskLocations: ImportKindDefinition<CreateLocationRequest> = {
  kind: 'risk-locations',
  name: 'Risicolocaties',
  description:
    'Per rij een risicolocatie uit het register van een partner of project: de soort, het adres (of een naam), de gemeente en wanneer ze gesignaleerd werd; als u wilt het project en of ze bij de nulmeting hoort.',
  permission: 'location.create',
  fields: [
    {
      key: 'kind',
      label: 'Soort',
      required: true,
      description: `De soort locatie: ${kindNames}.`,
      synonyms: ['soort', 'soort locatie', 'type'],
    },
    {
      key: 'name',
      label: 'Naam',
      required: false,
      description: 'Een naam waaronder de partners haar kennen.',
      synonyms: ['naam', 'omschrijving', 'locatie'],
    },
    {
      key: 'street',
      label: 'Straat',
      required: false,
      description: 'De straat.',
      synonyms: ['straat', 'straatnaam', 'adres'],
    },
    {
      key: 'houseNumber',
      label: 'Huisnummer',
      required: false,
      description: 'Het huisnummer.',
      synonyms: ['huisnummer', 'nr', 'nummer'],
    },
    {
      key: 'houseLetter',
      label: 'Huisletter',
      required: false,
      description: 'Een huisletter.',
      synonyms: ['huisletter', 'letter'],
    },
    {
      key: 'addition',
      label: 'Toevoeging',
      required: false,
      description: 'Een toevoeging, zoals 2 of BIS.',
      synonyms: ['toevoeging', 'huisnummertoevoeging'],
    },
    {
      key: 'postcode',
      label: 'Postcode',
      required: false,
      description: 'De postcode, zoals 3511 ED.',
      synonyms: ['postcode', 'pc'],
    },
    {
      key: 'place',
      label: 'Plaats',
      required: false,
      description: 'De woonplaats.',
      synonyms: ['plaats', 'woonplaats'],
    },
    {
      key: 'municipality',
      label: 'Gemeente',
      required: true,
      description: 'De gemeente, met naam of CBS-code.',
      synonyms: ['gemeente', 'gemeentecode'],
    },
    {
      key: 'date',
      label: 'Gesignaleerd op',
      required: true,
      description: 'Wanneer ze gesignaleerd werd, zoals 31-12-2021.',
      synonyms: ['gesignaleerd op', 'datum', 'gesignaleerd', 'signaleringsdatum'],
    },
    {
      key: 'project',
      label: 'Project',
      required: false,
      description: 'Het risicolocatieproject, met zijn naam.',
      synonyms: ['project'],
    },
    {
      key: 'baseline',
      label: 'Nulmeting',
      required: false,
      description: 'Ja als ze bij de nulmeting van het project hoort.',
      synonyms: ['nulmeting', 'in nulmeting'],
    },
    {
      key: 'note',
      label: 'Opmerking',
      required: false,
      description: 'Een toelichting.',
      synonyms: ['opmerking', 'toelichting'],
    },
  ],
  async prepare(db, actor, today) {
    const [municipalities, projects] = await Promise.all([
      listMunicipalities(db, { regionId: actor.regionId, on: undefined }),
      locationProjectsOf(db, actor.regionId),
    ]);
    return {
      today,
      municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })),
      projects: projects.map((p) => ({
        id: p.id,
        name: p.name,
        baselineOn: p.baselineOn ? String(p.baselineOn).slice(0, 10) : null,
      })),
    } satisfies Lookups;
  },
  row(cell, context) {
    const l = context as Lookups;
    const { problems, take, text } = rowReader(cell);
    const kindText = text('kind', 100);
    const kind = kindText ? kindByName.get(fold(kindText)) : undefined;
    if (!kindText)
      problems.push({ field: 'kind', code: 'required', reason: `Vul de soort locatie in: ${kindNames}.` });
    else if (!kind)
      problems.push({
        field: 'kind',
        code: 'unknown_kind',
        reason: `Deze soort locatie kent Samenspel niet. Kies uit: ${kindNames}.`,
      });
    const municipalityText = text('municipality', 100);
    const municipality = municipalityText
      ? l.municipalities.find(
          (m) => fold(m.name) === fold(municipalityText) || fold(m.code) === fold(municipalityText),
        )
      : undefined;
    if (!municipalityText)
      problems.push({ field: 'municipality', code: 'required', reason: 'Vul de gemeente in.' });
    else if (!municipality)
      problems.push({
        field: 'municipality',
        code: 'unknown_municipality',
        reason: 'Deze gemeente hoort niet bij uw regio. Schrijf haar naam of CBS-code (GM0344).',
      });
    const on = take('date', readDate(cell('date') ?? null)) ?? null;
    if (on === null && !problems.some((p) => p.field === 'date'))
      problems.push({
        field: 'date',
        code: 'required',
        reason: 'Vul in wanneer de locatie gesignaleerd werd.',
      });
    if (on && on > l.today)
      problems.push({ field: 'date', code: 'in_the_future', reason: 'Deze datum ligt in de toekomst.' });
    const projectText = text('project', 200);
    const project = projectText ? l.projects.find((p) => fold(p.name) === fold(projectText)) : undefined;
    if (projectText && !project)
      problems.push({
        field: 'project',
        code: 'unknown_project',
        reason: `Dit project kent uw regio niet. Kies uit: ${l.projects.map((p) => p.name).join('; ') || '(geen)'}.`,
      });
    const baselineText = fold(text('baseline', 10) ?? '');
    const inBaseline = yes.has(baselineText);
    if (!inBaseline && !no.has(baselineText))
      problems.push({ field: 'baseline', code: 'not_yes_or_no', reason: 'Schrijf ja of nee.' });
    if (inBaseline && !project?.baselineOn)
      problems.push({
        field: 'baseline',
        code: 'no_baseline',
        reason: 'Alleen een locatie van een project met een nulmeting hoort bij de nulmeting.',
      });
    else if (inBaseline && project?.baselineOn && on && on > project.baselineOn)
      problems.push({
        field: 'baseline',
        code: 'after_baseline',
        reason: 'Een locatie van de nulmeting is gesignaleerd vóór de datum van de nulmeting.',
      });
    const number = take('houseNumber', readNumber(cell('houseNumber') ?? null, 0)) ?? null;
    const address = Object.fromEntries(
      Object.entries({
        postcode: text('postcode', 10),
        houseNumber: number,
        houseLetter: text('houseLetter', 1),
        houseNumberAddition: text('addition', 4),
        street: text('street', 200),
        place: text('place', 200),
      }).filter(([, v]) => v !== null && v !== undefined),
    );
    const name = text('name', 200);
    const note = text('note', 5000);
    if (problems.length) return { problems };
    const parsed = createLocationRequest.safeParse({
      kind,
      ...(name ? { name } : {}),
      address,
      municipalityCode: municipality?.code,
      ...(project ? { projectId: project.id } : {}),
      inBaseline,
      ...(note ? { note } : {}),
      happenedOn: on,
    });
    if (!parsed.success)
      return {
        problems: parsed.error.issues.map((i) => ({
          field: fieldOf[String(i.path.at(-1) ?? '')] ?? null,
          code: 'invalid',
          reason: i.message,
        })),
      };
    const a = parsed.data.address;
    if (!(a.postcode && a.houseNumber) && !a.street && !parsed.data.name)
      return {
        problems: [
          {
            field: null,
            code: 'no_place',
            reason:
              'Geef een adres (postcode en huisnummer, of een straat) of een naam, zodat de locatie te vinden is.',
          },
        ],
      };
    return { value: parsed.data };
  },
  key: keyOf,
  async unchanged(db, actor, values) {
    if (!values.length) return new Set();
    const known = new Set((await locationIdentities(db, actor.regionId)).map(locationKey));
    return new Set(values.map(keyOf).filter((k) => known.has(k)));
  },
  async write(db, actor, values, _at, _by, _importId, ports) {
    for (const value of values) await ports.flagLocation(db, actor, value);
    return values.length;
  },
};
