import { z } from 'zod';
import { houseNumber, postcode } from './identifiers.js';
import { pageFields, pageOf } from './lists.js';
import { cbsMunicipalityCode, happenedOn, isoDate } from './reference.js';
import {
  findingKinds,
  followUpKinds,
  locationKinds,
  locationStatuses,
  locationSubjectRoles,
} from './vocabulary.js';

export type LocationKind = (typeof locationKinds)[number];
export type LocationStatus = (typeof locationStatuses)[number];
export type LocationSubjectRole = (typeof locationSubjectRoles)[number];
export type FindingKind = (typeof findingKinds)[number];
export type FollowUpKind = (typeof followUpKinds)[number];

const uuid = z.uuid('Dit is geen geldige id.');
const text = (max: number, message = 'Vul dit in.') => z.string().trim().min(1, message).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const namedRef = z.object({ id: uuid, name: z.string() });

export const locationKind = z.enum(locationKinds, 'Kies een soort locatie.');
export const locationStatus = z.enum(locationStatuses, 'Kies een status.');

/** A point in WGS84, inside the Netherlands. */
export const point = z.object({
  latitude: z
    .number()
    .min(50.5, 'Dit punt ligt niet in Nederland.')
    .max(53.8, 'Dit punt ligt niet in Nederland.'),
  longitude: z
    .number()
    .min(3.2, 'Dit punt ligt niet in Nederland.')
    .max(7.3, 'Dit punt ligt niet in Nederland.'),
});

export const locationAddress = z.strictObject({
  postcode: postcode.optional(),
  houseNumber: houseNumber.optional(),
  houseLetter: z
    .string()
    .trim()
    .regex(/^[A-Za-z]$/, 'Een huisletter is één letter.')
    .transform((v) => v.toUpperCase())
    .optional(),
  houseNumberAddition: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,4}$/, 'Een toevoeging heeft hoogstens vier letters of cijfers.')
    .transform((v) => v.toUpperCase())
    .optional(),
  street: optionalText(200),
  place: optionalText(200),
});

export const createLocationProjectRequest = z.strictObject({
  name: text(200, 'Geef het project een naam.'),
  description: optionalText(2000),
  districtId: z.string().optional(),
  baselineOn: isoDate.optional().describe('The day the baseline was counted'),
});
export type CreateLocationProjectRequest = z.infer<typeof createLocationProjectRequest>;

export const locationProject = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  district: z.object({ id: z.string(), name: z.string() }).nullable(),
  baselineOn: isoDate.nullable(),
});
export type LocationProject = z.infer<typeof locationProject>;

export const createLocationRequest = z.strictObject({
  kind: locationKind,
  name: optionalText(200).describe('A name the partners know it by, e.g. a business park unit'),
  address: locationAddress.default({ street: undefined, place: undefined }),
  municipalityCode: cbsMunicipalityCode,
  point: point
    .optional()
    .describe(
      'Placed on the map; without it, the point comes from the address register when it knows the address',
    ),
  projectId: uuid.optional(),
  inBaseline: z.boolean().default(false).describe('Part of the project’s baseline count'),
  note: optionalText(5000),
  happenedOn,
});
export type CreateLocationRequest = z.infer<typeof createLocationRequest>;

/** A step on the status path; `addressed` may name the inspections that did it. */
export const locationStepRequest = z.strictObject({
  type: z.enum(['looked-into', 'confirmed', 'dispelled', 'addressed', 'closed'], 'Kies een stap.'),
  note: optionalText(5000),
  inspectionIds: z.array(uuid).max(50).default([]),
  happenedOn,
});
export type LocationStepRequest = z.infer<typeof locationStepRequest>;

export const locationSubjectRequest = z.strictObject({
  subjectId: uuid,
  role: z.enum(locationSubjectRoles, 'Kies hoe het subject bij de locatie hoort.'),
});
export type LocationSubjectRequest = z.infer<typeof locationSubjectRequest>;

export const locationCaseRequest = z.strictObject({ caseId: uuid });

export const locationEvent = z.object({
  id: uuid,
  type: locationStatus,
  happenedOn: isoDate,
  recordedAt: z.iso.datetime({ offset: true }),
  organisation: namedRef,
  recordedBy: z.string().nullable(),
  note: z.string().nullable(),
  inspectionIds: z.array(uuid),
});

export const locationSummary = z.object({
  id: uuid,
  kind: locationKind,
  name: z.string().nullable(),
  address: z.string().describe('The address on one line, as far as it is known'),
  municipality: z.object({ code: z.string(), name: z.string() }),
  project: namedRef.nullable(),
  status: locationStatus,
  statusSince: isoDate,
  flaggedOn: isoDate,
  inBaseline: z.boolean(),
  organisation: namedRef,
  point: point.nullable(),
});
export type LocationSummary = z.infer<typeof locationSummary>;

export const locationDetail = locationSummary.extend({
  addressParts: z.object({
    postcode: z.string().nullable(),
    houseNumber: z.number().int().nullable(),
    houseLetter: z.string().nullable(),
    houseNumberAddition: z.string().nullable(),
    street: z.string().nullable(),
    place: z.string().nullable(),
  }),
  bagId: z.string().nullable(),
  pointSource: z.enum(['address-register', 'map']).nullable(),
  events: z.array(locationEvent),
  subjects: z.array(
    z.object({
      id: uuid,
      kind: z.string(),
      label: z.string(),
      role: z.enum(locationSubjectRoles),
    }),
  ),
  cases: z.array(z.object({ id: uuid, name: z.string() })),
  inspections: z.array(
    z.object({ id: uuid, plannedOn: isoDate, heldOn: isoDate.nullable(), integral: z.boolean() }),
  ),
  /** The steps this user may take now. */
  nextSteps: z.array(locationStatus),
  canManage: z.boolean(),
});
export type LocationDetail = z.infer<typeof locationDetail>;

export const locationListQuery = z.strictObject({
  projectId: uuid.optional(),
  municipalityCode: cbsMunicipalityCode.optional(),
  status: locationStatus.optional(),
  kind: locationKind.optional(),
  ...pageFields,
});
export type LocationListQuery = z.infer<typeof locationListQuery>;
export const locationPage = pageOf(locationSummary);
export type LocationPage = z.infer<typeof locationPage>;

export const locationParams = z.object({ locationId: uuid });
export const locationProjectParams = z.object({ projectId: uuid });

export const createInspectionRequest = z.strictObject({
  municipalityCode: cbsMunicipalityCode,
  integral: z.boolean().describe('Held by several partners together, each with its own powers'),
  plannedOn: isoDate,
  organisationIds: z.array(uuid).min(1, 'Kies minstens één partner.').max(30),
  locationIds: z.array(uuid).max(200).default([]),
  projectId: uuid.optional(),
  caseId: uuid.optional(),
  note: optionalText(5000),
});
export type CreateInspectionRequest = z.infer<typeof createInspectionRequest>;

export const inspectionStepRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('held'), happenedOn }),
  z.strictObject({ type: z.literal('cancelled'), happenedOn }),
]);
export type InspectionStepRequest = z.infer<typeof inspectionStepRequest>;

export const inspectionFindingRequest = z.strictObject({
  organisationId: uuid,
  kind: z.enum(findingKinds, 'Kies een soort bevinding.'),
  description: text(5000, 'Beschrijf de bevinding.'),
  count: z.number().int().min(0).max(100_000).optional(),
});
export type InspectionFindingRequest = z.infer<typeof inspectionFindingRequest>;

export const inspectionFollowUpRequest = z.strictObject({
  kind: z.enum(followUpKinds, 'Kies wat er uit de controle volgde.'),
  signalId: uuid.optional(),
  caseId: uuid.optional(),
  note: optionalText(5000),
});
export type InspectionFollowUpRequest = z.infer<typeof inspectionFollowUpRequest>;

export const inspection = z.object({
  id: uuid,
  municipality: z.object({ code: z.string(), name: z.string() }),
  integral: z.boolean(),
  plannedOn: isoDate,
  heldOn: isoDate.nullable(),
  cancelledOn: isoDate.nullable(),
  organisation: namedRef,
  organisations: z.array(namedRef),
  project: namedRef.nullable(),
  caseId: uuid.nullable(),
  note: z.string().nullable(),
  locations: z.array(z.object({ id: uuid, address: z.string(), kind: locationKind })),
  findings: z.array(
    z.object({
      id: uuid,
      organisation: namedRef,
      kind: z.enum(findingKinds),
      description: z.string(),
      count: z.number().int().nullable(),
    }),
  ),
  followUps: z.array(
    z.object({
      id: uuid,
      kind: z.enum(followUpKinds),
      signalId: uuid.nullable(),
      caseId: uuid.nullable(),
      label: z
        .string()
        .nullable()
        .describe(
          "The signal's reference or the case's code name and reference, when the reader may open it",
        ),
      note: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});
export type Inspection = z.infer<typeof inspection>;

export const inspectionListQuery = z.strictObject({
  projectId: uuid.optional(),
  municipalityCode: cbsMunicipalityCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageFields,
});
export type InspectionListQuery = z.infer<typeof inspectionListQuery>;
export const inspectionPage = pageOf(inspection.omit({ findings: true, followUps: true, locations: true }));
export type InspectionPage = z.infer<typeof inspectionPage>;
export const inspectionParams = z.object({ inspectionId: uuid });

/** The figures of a project over a period, per municipality and in all (docs/locations.md defines each). */
export const projectFiguresQuery = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((v) => v.from <= v.to, { message: 'De einddatum ligt vóór de begindatum.', path: ['to'] });
export type ProjectFiguresQuery = z.infer<typeof projectFiguresQuery>;

export const projectFigureRow = z.object({
  flagged: z.number().int().describe('Flagged on or before the end of the period'),
  flaggedInBaseline: z.number().int(),
  flaggedNew: z.number().int().describe('Flagged within the period, not in the baseline'),
  lookedInto: z.number().int().describe('Looked into by the end of the period'),
  lookedIntoInPeriod: z.number().int(),
  confirmed: z.number().int(),
  dispelled: z.number().int(),
  open: z.number().int().describe('Flagged, neither confirmed nor dispelled at the end of the period'),
  addressed: z.number().int(),
  addressedInPeriod: z.number().int(),
  inspections: z.number().int().describe('Held within the period'),
  integralInspections: z.number().int(),
});
export type ProjectFigureRow = z.infer<typeof projectFigureRow>;

export const projectFigures = z.object({
  project: locationProject,
  from: isoDate,
  to: isoDate,
  total: projectFigureRow.extend({
    addressedMunicipalities: z.number().int().describe('Municipalities with at least one location addressed'),
  }),
  municipalities: z.array(
    projectFigureRow.extend({
      municipality: z.object({ code: z.string(), name: z.string() }),
      /** True where the figures are rounded to 5 and small numbers hidden (aggregates-only roles). */
      protected: z.boolean(),
    }),
  ),
  /** Whether the per-municipality rows went through the disclosure gate for this reader. */
  protected: z.boolean(),
});
export type ProjectFigures = z.infer<typeof projectFigures>;

/** A load of the address register (a BAG extract), all rows accepted. */
export const addressRegisterLoaded = z.object({
  loadId: uuid,
  fileName: z.string(),
  fileHash: z.string().describe('SHA-256 of the file, hex'),
  format: z
    .enum(['csv', 'gpkg', 'xlsx'])
    .describe('The file loaded: a CSV or GeoPackage extract, or a spreadsheet imported'),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  loadedAt: z.iso.datetime({ offset: true }),
});
export type AddressRegisterLoaded = z.infer<typeof addressRegisterLoaded>;

export const addressRegisterLoadQuery = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1, 'Geef de naam van het bestand.')
    .max(255)
    .regex(/\.(csv|txt|gpkg)$/i, 'Een adresregister is een CSV-bestand of een GeoPackage (.gpkg).'),
});

export const addressRegisterState = z.object({
  lastLoad: addressRegisterLoaded
    .omit({ loadId: true })
    .extend({
      id: uuid,
      loadedBy: z.string().nullable(),
      loadedByName: z.string().nullable().describe('The name of the person who loaded it'),
    })
    .nullable(),
  addresses: z.number().int(),
});
export type AddressRegisterState = z.infer<typeof addressRegisterState>;

export const addressLookupQuery = z.strictObject({
  postcode,
  houseNumber,
  houseLetter: z.string().trim().max(1).optional(),
  addition: z.string().trim().max(4).optional(),
});

export const registeredAddress = z.object({
  postcode: z.string(),
  houseNumber: z.number().int(),
  houseLetter: z.string().nullable(),
  addition: z.string().nullable(),
  street: z.string(),
  place: z.string(),
  municipalityCode: z.string().nullable(),
  bagId: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
});

export const projectMapQuery = z.strictObject({
  year: z.coerce.number().int('Een jaar is een heel getal.').min(2000).max(2100),
});

const outline = z.array(z.array(z.number())).describe('A closed ring of [longitude, latitude] pairs');

/** A project's map for a year: points for whoever may see them, aggregates and hotspots for all. */
export const projectMap = z.object({
  project: namedRef,
  year: z.number().int(),
  points: z
    .array(
      z.object({
        id: uuid,
        kind: locationKind,
        status: locationStatus,
        latitude: z.number(),
        longitude: z.number(),
      }),
    )
    .describe('Only the locations the reader may open'),
  cells: z
    .array(z.object({ cell: z.string(), count: z.number().int(), outline }))
    .describe('Locations per H3 cell; through the disclosure gate for aggregates-only readers'),
  hotspots: z.array(
    z.object({
      cell: z.string(),
      class: z.enum(['hot-99', 'hot-95', 'hot-90', 'cold-90', 'cold-95', 'cold-99']),
      z: z.number().nullable(),
      outline,
    }),
  ),
  neighbourhood: z.object({
    resolution: z.number().int(),
    ring: z.number().int(),
    cellEdgeMetres: z.number(),
    studyArea: z.string(),
    cells: z.number().int(),
  }),
  protected: z.boolean(),
});
export type ProjectMap = z.infer<typeof projectMap>;

export const regionMapQuery = projectMapQuery;
export type RegionMapQuery = z.infer<typeof regionMapQuery>;

const aggregateLayer = z.object({
  cells: z
    .array(z.object({ cell: z.string(), count: z.number().int(), outline }))
    .describe('Records per H3 cell (resolution 7); through the disclosure gate for aggregates-only readers'),
  records: z
    .number()
    .int()
    .nullable()
    .describe('Records of the year in all; rounded (null below k) for aggregates-only readers'),
  placed: z
    .number()
    .int()
    .nullable()
    .describe('Of those, the records placed on the map; rounded (null below k) for aggregates-only readers'),
});

export const regionMap = z.object({
  year: z.number().int(),
  layers: z.object({
    signals: aggregateLayer.describe("Signals received in the year, at their subjects' addresses"),
    cases: aggregateLayer.describe(
      "Cases open in the year, at their subjects' addresses and their locations",
    ),
    locations: aggregateLayer.describe('Risk locations flagged by the end of the year'),
  }),
  minimum: z.number().int().describe("The disclosure gate's smallest group (k) of the region's covenant"),
  protected: z.boolean(),
});
export type RegionMap = z.infer<typeof regionMap>;

export const mapLayerKinds = ['opportunity', 'risk'] as const;
export type MapLayerKind = (typeof mapLayerKinds)[number];

const position = z.tuple([z.number().min(3.2).max(7.3), z.number().min(50.5).max(53.8)]);
const ring = z.array(position).min(4);
/** The features of an opportunity or risk map: areas and points with an indicator, no persons. */
export const mapLayerFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: position }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  ]),
  properties: z.object({
    indicator: z.string().trim().min(1, 'Elk object heeft een indicator.').max(100),
    value: z.number().optional(),
    label: z.string().max(200).optional(),
  }),
});
export const mapLayerFeatures = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(mapLayerFeature).min(1, 'Een kaart heeft minstens één object.').max(10_000),
});
export type MapLayerFeatures = z.infer<typeof mapLayerFeatures>;

export const createMapLayerRequest = z
  .strictObject({
    kind: z.enum(mapLayerKinds, 'Kies gelegenheidskaart of risicokaart.'),
    name: text(200, 'Geef de kaart een naam.'),
    municipalityCode: cbsMunicipalityCode.optional(),
    baseTeamId: z.string().optional(),
    madeOn: isoDate,
    source: optionalText(2000),
    geojson: z.unknown().optional().describe('A GeoJSON FeatureCollection (WGS84)'),
    csv: z
      .string()
      .max(5_000_000)
      .optional()
      .describe('Or CSV with columns latitude, longitude, indicator and optionally value and label'),
  })
  .refine((v) => (v.geojson === undefined) !== (v.csv === undefined), {
    message: 'Lever de kaart als GeoJSON of als CSV.',
    path: ['geojson'],
  })
  .refine((v) => v.municipalityCode || v.baseTeamId, {
    message: 'Kies de gemeente of het basisteam van de kaart.',
    path: ['municipalityCode'],
  });
export type CreateMapLayerRequest = z.infer<typeof createMapLayerRequest>;

export const mapLayerSummary = z.object({
  id: uuid,
  kind: z.enum(mapLayerKinds),
  name: z.string(),
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  baseTeam: z.object({ id: z.string(), name: z.string() }).nullable(),
  district: z.object({ id: z.string(), name: z.string() }).nullable(),
  madeOn: isoDate,
  organisation: namedRef,
  source: z.string().nullable(),
  featureCount: z.number().int(),
  indicators: z.array(z.string()),
});
export type MapLayerSummary = z.infer<typeof mapLayerSummary>;
export const mapLayer = mapLayerSummary.extend({ features: mapLayerFeatures });
export type MapLayer = z.infer<typeof mapLayer>;
export const mapLayerParams = z.object({ layerId: uuid });
export const mapLayerListQuery = z.strictObject({
  kind: z.enum(mapLayerKinds).optional(),
  districtId: z.string().optional(),
});

export const mapSettings = z.object({
  tiles: z
    .object({ url: z.string().describe('Leaflet URL template'), attribution: z.string() })
    .nullable()
    .describe('The base map; null: the municipal boundaries are the whole map'),
});
export type MapSettings = z.infer<typeof mapSettings>;
