import type { BoundaryCollection, LocationKind } from '@samenspel/contracts';
import { seededRandom } from '../shared/seeded-random.js';
import type { DemoClock } from './clock.js';
import { demoAddressBook, pick } from './people.js';

const REGION = 'midden-nederland';

/**
 * The annual plan's West-Utrecht risk-location project (Jaarplan 2022, "Terugblik 2021"): a
 * baseline of 142, 207 flagged by the end of 2021 of which 9 new in 2021, 99 looked into (56 in
 * 2021), 70 addressed in all 10 municipalities (45 in 2021), over 100 neither confirmed nor
 * dispelled, 40 inspections in 2021 of which 15 integral. The plan gives no confirmed or dispelled
 * counts: the demo confirms 78 and dispels 12, which leaves 117 open. Addresses are made up,
 * each point inside its municipality's boundary.
 */
export const westUtrecht = {
  baselineOn: '2020-01-31',
  baseline: 142,
  new2020: 56,
  new2021: 9,
  lookedInto2020: 43,
  lookedInto2021: 56,
  confirmed: 78,
  dispelled: 12,
  addressed2020: 25,
  addressed2021: 45,
  inspections2021: 40,
  integral2021: 15,
} as const;

const streets = [
  'Industrieweg',
  'Handelsweg',
  'Ambachtsweg',
  'Nijverheidsweg',
  'Bedrijvenpark',
  'Transportweg',
  'Energieweg',
  'Polderweg',
  'Dijkweg',
  'Molenweg',
];
const kinds: LocationKind[] = [
  'business-unit',
  'business-unit',
  'shed',
  'farm',
  'storage',
  'transport-yard',
  'holiday-park',
  'catering',
  'office-building',
];

type Ring = number[][];
function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A random point inside a municipality's boundary (its polygons' outer rings, holes left out). */
export function pointIn(geometry: BoundaryCollection['features'][number]['geometry'], rnd: () => number) {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  const rings = polygons.map((p) => p[0] ?? []);
  const all = rings.flat();
  const xs = all.map((p) => p[0] ?? 0);
  const ys = all.map((p) => p[1] ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let tries = 0; tries < 1000; tries += 1) {
    const x = minX + rnd() * (maxX - minX);
    const y = minY + rnd() * (maxY - minY);
    const holes = polygons.some((p) => p.slice(1).some((h) => inRing(x, y, h)));
    if (rings.some((r) => inRing(x, y, r)) && !holes) return { latitude: y, longitude: x };
  }
  throw new Error('no point found inside the boundary');
}

function day(year: number, rnd: () => number, from = 1, to = 365): string {
  const d = new Date(Date.UTC(year, 0, from + Math.floor(rnd() * (to - from))));
  return d.toISOString().slice(0, 10);
}

function later(on: string, rnd: () => number, maxDays: number, limit: string): string {
  const d = new Date(Date.parse(`${on}T00:00:00Z`) + (1 + Math.floor(rnd() * maxDays)) * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return iso > limit ? limit : iso;
}

/**
 * The West-Utrecht project with its locations, their steps and the inspections of 2020 and 2021,
 * recorded by the RIEC's analyst through the locations service. Nothing is added when the
 * project exists.
 */
export async function seedDemoPlaces(demo: DemoClock): Promise<number> {
  const { as, actorOf } = demo;
  const { locations, organisations } = demo.services;
  const analyst = await actorOf('analist@riec-mn.example');
  const reader = as(analyst);
  if ((await locations.listProjects(reader)).some((p) => p.name === 'Risicolocaties West-Utrecht')) return 0;
  const rnd = seededRandom(207);
  const boundaries = await organisations.boundaries(reader, REGION);
  const district = boundaries.features.filter((f) => f.properties.districtId === 'west-utrecht');
  const partners = await organisations.listPartnerOrganisations(reader, { region: REGION, all: true });
  const orgId = (code: string) => partners.find((o) => o.code === code)?.id ?? '';
  const w = westUtrecht;
  const project = await locations.createProject(reader, {
    name: 'Risicolocaties West-Utrecht',
    description:
      'Risicolocaties in de tien gemeenten van West-Utrecht in beeld brengen, onderzoeken en aanpakken (jaarplan 2022).',
    districtId: 'west-utrecht',
    baselineOn: w.baselineOn,
  });

  // Flagged: the baseline before its day, then the new ones of 2020 and of 2021.
  const flagged: Array<{ id: string; on: string; municipality: string }> = [];
  const flag = async (on: string, inBaseline: boolean, index: number) => {
    // Every municipality gets locations; the first ten addressed are one in each.
    const place = district[index % district.length] ?? district[0];
    if (!place) throw new Error('West-Utrecht has no municipalities');
    const point = pointIn(place.geometry, rnd);
    const created = await locations.create(reader, {
      kind: pick(rnd, kinds),
      name: undefined,
      address: {
        street: pick(rnd, streets),
        houseNumber: 1 + Math.floor(rnd() * 120),
        place: place.properties.name,
        postcode: undefined,
        houseLetter: undefined,
        houseNumberAddition: undefined,
      },
      municipalityCode: place.properties.code,
      point,
      projectId: project.id,
      inBaseline,
      note: undefined,
      happenedOn: on,
    });
    flagged.push({ id: created.id, on, municipality: place.properties.code });
  };
  for (let i = 0; i < w.baseline; i += 1) await flag(day(2019, rnd, 1, 395), true, i);
  for (let i = 0; i < w.new2020; i += 1) await flag(day(2020, rnd, 32, 365), false, w.baseline + i);
  for (let i = 0; i < w.new2021; i += 1)
    await flag(day(2021, rnd, 1, 300), false, w.baseline + w.new2020 + i);

  const step = (id: string, type: 'looked-into' | 'confirmed' | 'dispelled' | 'addressed', on: string) =>
    locations.step(reader, id, { type, happenedOn: on, note: undefined, inspectionIds: [] });
  // Looked into: the first 43 in 2020 (of those flagged before 2020's autumn), 56 more in 2021.
  const inOrder = [...flagged].sort((a, b) => (a.on < b.on ? -1 : 1));
  const looked2020 = inOrder.slice(0, w.lookedInto2020);
  const looked2021 = inOrder.slice(w.lookedInto2020, w.lookedInto2020 + w.lookedInto2021);
  const lookedOn = new Map<string, string>();
  for (const l of looked2020)
    lookedOn.set(l.id, later(l.on > '2020-01-01' ? l.on : '2020-01-01', rnd, 120, '2020-09-30'));
  for (const l of looked2021)
    lookedOn.set(l.id, later(l.on > '2021-01-01' ? l.on : '2021-01-01', rnd, 150, '2021-09-30'));
  for (const [id, on] of lookedOn) await step(id, 'looked-into', on);

  // Of those looked into: 78 confirmed (25 addressed in 2020, 45 in 2021, 8 not yet), 12 dispelled.
  // The addressed ones are spread over the ten municipalities first.
  const byMunicipality = [...looked2020, ...looked2021].sort(
    (a, b) =>
      district.findIndex((d) => d.properties.code === a.municipality) -
      district.findIndex((d) => d.properties.code === b.municipality),
  );
  const spread: typeof byMunicipality = [];
  const seen = new Set<string>();
  for (const l of byMunicipality)
    if (!seen.has(l.municipality)) {
      seen.add(l.municipality);
      spread.push(l);
    }
  const order = [...spread, ...[...looked2020, ...looked2021].filter((l) => !spread.includes(l))];
  const addressed2020 = order.filter((l) => looked2020.includes(l)).slice(0, w.addressed2020);
  const addressed2021 = order.filter((l) => !addressed2020.includes(l)).slice(0, w.addressed2021);
  const rest = order.filter((l) => !addressed2020.includes(l) && !addressed2021.includes(l));
  const confirmedOnly = rest.slice(0, w.confirmed - w.addressed2020 - w.addressed2021);
  const dispelled = rest.slice(confirmedOnly.length, confirmedOnly.length + w.dispelled);
  for (const l of addressed2020) {
    const confirmedOn = later(lookedOn.get(l.id) ?? l.on, rnd, 30, '2020-11-15');
    await step(l.id, 'confirmed', confirmedOn);
    await step(l.id, 'addressed', later(confirmedOn, rnd, 40, '2020-12-31'));
  }
  for (const l of addressed2021) {
    const looked = lookedOn.get(l.id) ?? l.on;
    const confirmedOn = later(looked, rnd, 30, looked < '2021-01-01' ? '2020-12-31' : '2021-11-15');
    await step(l.id, 'confirmed', confirmedOn);
    await step(
      l.id,
      'addressed',
      later(confirmedOn > '2021-01-01' ? confirmedOn : '2021-01-01', rnd, 40, '2021-12-31'),
    );
  }
  for (const l of confirmedOnly)
    await step(l.id, 'confirmed', later(lookedOn.get(l.id) ?? l.on, rnd, 30, '2021-12-31'));
  for (const l of dispelled)
    await step(l.id, 'dispelled', later(lookedOn.get(l.id) ?? l.on, rnd, 30, '2021-12-31'));

  // Inspections: the 40 of 2021, 15 of them integral (the RIEC, the police and the Tax
  // Administration), the others by the RIEC with the police.
  const inspect = async (on: string, integral: boolean, index: number) => {
    const place = district[index % district.length];
    if (!place) return;
    const visited = flagged.filter((l) => l.municipality === place.properties.code && l.on <= on).slice(0, 2);
    const created = await locations.createInspection(reader, {
      municipalityCode: place.properties.code,
      integral,
      plannedOn: on,
      organisationIds: integral ? [orgId('politie'), orgId('belastingdienst')] : [orgId('politie')],
      locationIds: visited.map((l) => l.id),
      projectId: project.id,
      caseId: undefined,
      note: undefined,
    });
    await locations.inspectionStep(reader, created.id, { type: 'held', happenedOn: on });
  };
  for (let i = 0; i < w.inspections2021; i += 1) await inspect(day(2021, rnd, 1, 360), i < w.integral2021, i);
  return flagged.length;
}

/**
 * Oost-Utrecht's maps of 2021 (Jaarplan 2022, Terugblik 2021): five municipal opportunity maps
 * from geographic indicators and four risk maps from police information, one per base team. The
 * shipped reference data knows two of Oost-Utrecht's base teams; the other two risk maps are
 * drawn for the municipality their base team is named after. Areas and points are made up,
 * inside the municipalities' boundaries.
 */
export async function seedDemoMaps(demo: DemoClock): Promise<number> {
  const { as, actorOf } = demo;
  const { mapLayers, organisations } = demo.services;
  const reader = as(await actorOf('analist@riec-mn.example'));
  if ((await mapLayers.list(reader, { districtId: 'oost-utrecht' })).length) return 0;
  const rnd = seededRandom(2021_5);
  const boundaries = await organisations.boundaries(reader, REGION);
  const feature = (code: string) => boundaries.features.find((f) => f.properties.code === code);
  const pointsIn = (codes: readonly string[], n: number, indicator: string, value?: number) =>
    Array.from({ length: n }, () => {
      const place = feature(pick(rnd, codes));
      if (!place) throw new Error('no boundary');
      const p = pointIn(place.geometry, rnd);
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.longitude, p.latitude] },
        properties: { indicator, ...(value === undefined ? {} : { value: 1 + Math.floor(rnd() * value) }) },
      };
    });
  const parks = (code: string, n: number) =>
    pointsIn([code], n, 'bedrijventerrein').map((p) => {
      const [lng = 0, lat = 0] = p.geometry.coordinates;
      const w = 0.004 + rnd() * 0.006;
      const h = 0.002 + rnd() * 0.004;
      return {
        type: 'Feature' as const,
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [lng, lat],
              [lng + w, lat],
              [lng + w, lat + h],
              [lng, lat + h],
              [lng, lat],
            ],
          ],
        },
        properties: { indicator: 'bedrijventerrein' },
      };
    });
  let made = 0;
  const opportunity: Array<[string, string]> = [
    ['GM0307', 'Amersfoort'],
    ['GM0342', 'Soest'],
    ['GM0355', 'Zeist'],
    ['GM0345', 'Veenendaal'],
    ['GM0310', 'De Bilt'],
  ];
  for (const [code, name] of opportunity) {
    await mapLayers.create(reader, {
      kind: 'opportunity',
      name: `Gelegenheidskaart ${name} 2021`,
      municipalityCode: code,
      madeOn: day(2021, rnd, 60, 300),
      source: 'Geografische indicatoren: bedrijventerreinen, afgelegen gebouwen, leegstand',
      geojson: {
        type: 'FeatureCollection',
        features: [
          ...parks(code, 3 + Math.floor(rnd() * 3)),
          ...pointsIn([code], 6 + Math.floor(rnd() * 6), 'afgelegen gebouw'),
          ...pointsIn([code], 4 + Math.floor(rnd() * 6), 'leegstand'),
        ],
      },
      csv: undefined,
    });
    made += 1;
  }
  const risk: Array<{ name: string; baseTeamId?: string; municipalityCode?: string; codes: string[] }> = [
    {
      name: 'Utrechtse Heuvelrug',
      baseTeamId: 'utrechtse-heuvelrug',
      codes: ['GM1581', 'GM0345', 'GM0340', 'GM0352'],
    },
    {
      name: 'Zeist/Bunnik/Leusden/Woudenberg',
      baseTeamId: 'zeist-bunnik-leusden-woudenberg',
      codes: ['GM0355', 'GM0312', 'GM0327', 'GM0351'],
    },
    { name: 'Amersfoort', municipalityCode: 'GM0307', codes: ['GM0307'] },
    { name: 'Eemland-Noord (Soest)', municipalityCode: 'GM0342', codes: ['GM0342'] },
  ];
  for (const r of risk) {
    await mapLayers.create(reader, {
      kind: 'risk',
      name: `Risicokaart basisteam ${r.name} 2021`,
      baseTeamId: r.baseTeamId,
      municipalityCode: r.municipalityCode,
      madeOn: day(2021, rnd, 120, 330),
      source: 'Politie-informatie over gebieden met verhoogd risico',
      geojson: {
        type: 'FeatureCollection',
        features: pointsIn(r.codes, 8 + Math.floor(rnd() * 8), 'verhoogd risico', 3),
      },
      csv: undefined,
    });
    made += 1;
  }
  return made;
}

/**
 * The demo region's address register: an invented extract holding the invented addresses the
 * demo's signals and cases name (collected as they were made), each at a random point inside its
 * municipality, loaded by the administrator as a CSV with WGS84 points. It lets the region map
 * place the demo's signals and cases. Nothing is loaded when the region has a register.
 */
export async function seedDemoAddressRegister(demo: DemoClock): Promise<number> {
  const { as, actorOf } = demo;
  const { addressRegister, organisations } = demo.services;
  const admin = as(await actorOf('beheerder@riec-mn.example'));
  if ((await addressRegister.status(admin)) || demoAddressBook.size === 0) return 0;
  const rnd = seededRandom(3511);
  const boundaries = await organisations.boundaries(admin, REGION);
  const rows = ['postcode;huisnummer;huisletter;toevoeging;straat;woonplaats;gemeentecode;lat;lon'];
  for (const a of demoAddressBook.values()) {
    const place = boundaries.features.find((f) => f.properties.code === a.municipalityCode);
    if (!place) continue;
    const { latitude, longitude } = pointIn(place.geometry, rnd);
    // A single letter is a house letter in the BAG; anything else an addition.
    const letter = /^[A-Za-z]$/.test(a.addition ?? '') ? (a.addition ?? '') : '';
    const addition = letter ? '' : (a.addition ?? '');
    rows.push(
      [
        a.postcode,
        a.houseNumber,
        letter,
        addition,
        a.street,
        a.town,
        a.municipalityCode,
        latitude,
        longitude,
      ].join(';'),
    );
  }
  const loaded = await addressRegister.load(admin, Buffer.from(`${rows.join('\n')}\n`), 'demo-adressen.csv');
  return loaded.accepted;
}
