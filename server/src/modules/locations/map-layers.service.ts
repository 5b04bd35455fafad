import {
  type CreateMapLayerRequest,
  type InvalidParam,
  type MapLayer,
  type MapLayerKind,
  type MapLayerSummary,
  mapLayerFeatures,
} from '@samenspel/contracts';
import { parse } from 'csv-parse/sync';
import type { RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { detectSeparator } from '../../shared/text-files.js';
import { municipalitiesIn } from '../organisations/index.js';
import * as repo from './map-layers.repository.js';

const activity = 'samenspel.locations';
const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

function present(r: repo.MapLayerRow): MapLayerSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    municipality:
      r.municipalityCode && r.municipalityName
        ? { code: r.municipalityCode, name: r.municipalityName }
        : null,
    baseTeam: r.baseTeamId && r.baseTeamName ? { id: r.baseTeamId, name: r.baseTeamName } : null,
    district: r.districtId && r.districtName ? { id: r.districtId, name: r.districtName } : null,
    madeOn: r.madeOn,
    organisation: { id: r.organisationId, name: r.organisationName },
    source: r.source,
    featureCount: r.featureCount,
    indicators: [...r.indicators].sort((a, b) => a.localeCompare(b, 'nl')),
  };
}

const columns = {
  latitude: ['latitude', 'lat', 'breedtegraad'],
  longitude: ['longitude', 'lon', 'lng', 'lengtegraad'],
  indicator: ['indicator', 'soort'],
  value: ['value', 'waarde'],
  label: ['label', 'naam', 'omschrijving'],
} as const;

/**
 * A map's points from CSV (latitude, longitude, indicator, and optionally value and label), all
 * or nothing: every refused row is named with its line, column and value.
 */
export function featuresFromCsv(text: string): { features: unknown; problems: InvalidParam[] } {
  const rows = parse(text.replace(/^\uFEFF/, ''), {
    delimiter: detectSeparator(text),
    skip_empty_lines: true,
    relax_column_count: true,
  }) as string[][];
  const [header = [], ...body] = rows;
  const index = (names: readonly string[]) => header.findIndex((h) => names.includes(h.trim().toLowerCase()));
  const at = Object.fromEntries(Object.entries(columns).map(([k, names]) => [k, index(names)])) as Record<
    keyof typeof columns,
    number
  >;
  const missing = (['latitude', 'longitude', 'indicator'] as const).filter((c) => at[c] < 0);
  if (missing.length)
    return {
      features: null,
      problems: [
        problem('csv', 'columns_missing', `De kolommen ${missing.join(', ')} ontbreken in de eerste regel.`),
      ],
    };
  const problems: InvalidParam[] = [];
  const features = body.map((row, i) => {
    const line = i + 2;
    const cell = (c: keyof typeof columns) => (at[c] >= 0 ? (row[at[c]] ?? '').trim() : '');
    const number = (c: 'latitude' | 'longitude' | 'value') => Number(cell(c).replace(',', '.'));
    const latitude = number('latitude');
    const longitude = number('longitude');
    if (!(latitude >= 50.5 && latitude <= 53.8 && longitude >= 3.2 && longitude <= 7.3))
      problems.push(
        problem(
          `csv.line.${line}`,
          'point_outside_netherlands',
          `Regel ${line}: '${cell('latitude')}; ${cell('longitude')}' is geen punt in Nederland (breedte 50,5–53,8, lengte 3,2–7,3, in WGS84).`,
        ),
      );
    if (!cell('indicator'))
      problems.push(
        problem(`csv.line.${line}`, 'indicator_missing', `Regel ${line}: de indicator ontbreekt.`),
      );
    const value = cell('value');
    if (value && !Number.isFinite(number('value')))
      problems.push(
        problem(`csv.line.${line}`, 'value_invalid', `Regel ${line}: de waarde '${value}' is geen getal.`),
      );
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [longitude, latitude] },
      properties: {
        indicator: cell('indicator'),
        ...(value ? { value: number('value') } : {}),
        ...(cell('label') ? { label: cell('label') } : {}),
      },
    };
  });
  return { features: { type: 'FeatureCollection', features }, problems };
}

/** Opportunity maps per municipality and risk maps per base team: layers of the region's maps. */
export class MapLayersService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(
    context: RequestContext,
    filter: { kind?: MapLayerKind | undefined; districtId?: string | undefined },
  ) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'map-layer.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'map-layer.read');
      return (await repo.findMapLayers(trx, actor.regionId, filter, false)).map(present);
    });
  }

  async get(context: RequestContext, id: string): Promise<MapLayer> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'map-layer.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'map-layer.read', [id]);
      const [row] = await repo.findMapLayers(trx, actor.regionId, { ids: [id] }, true);
      if (!row?.features) throw notFound();
      return { ...present(row), features: row.features };
    });
  }

  /** Loads a map from GeoJSON or CSV: every object checked, all of it or nothing. */
  async create(context: RequestContext, request: CreateMapLayerRequest): Promise<MapLayer> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'map-layer.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'map-layer.manage');
      const problems: InvalidParam[] = [];
      const fromCsv = request.csv === undefined ? null : featuresFromCsv(request.csv);
      if (fromCsv) problems.push(...fromCsv.problems);
      const parsed = mapLayerFeatures.safeParse(fromCsv ? fromCsv.features : request.geojson);
      if (!fromCsv?.problems.length && !parsed.success)
        for (const issue of parsed.error.issues.slice(0, 100))
          problems.push(
            problem(
              [fromCsv ? 'csv' : 'geojson', ...issue.path].join('.'),
              'feature_invalid',
              issue.path[0] === 'features' && typeof issue.path[1] === 'number'
                ? `Object ${issue.path[1] + 1}: ${issue.message}`
                : issue.message,
            ),
          );
      if (
        request.municipalityCode &&
        !(await municipalitiesIn(trx, actor.regionId, [request.municipalityCode])).length
      )
        problems.push(
          problem('municipalityCode', 'unknown_municipality', 'Deze gemeente hoort niet bij uw regio.'),
        );
      if (request.baseTeamId && !(await repo.baseTeamIn(trx, actor.regionId, request.baseTeamId)))
        problems.push(problem('baseTeamId', 'unknown_base_team', 'Dit basisteam hoort niet bij uw regio.'));
      if (request.madeOn > amsterdamDate(now()))
        problems.push(problem('madeOn', 'in_the_future', 'Deze datum ligt in de toekomst.'));
      if (await repo.mapLayerNameTaken(trx, actor.regionId, request.name))
        problems.push(problem('name', 'name_taken', 'Er is al een kaart met deze naam.'));
      if (problems.length || !parsed.success) throw invalid(problems);
      const id = await repo.insertMapLayer(trx, {
        regionId: actor.regionId,
        kind: request.kind,
        name: request.name,
        municipalityCode: request.municipalityCode ?? null,
        baseTeamId: request.baseTeamId ?? null,
        madeOn: request.madeOn,
        organisationId: actor.organisationId,
        source: request.source ?? null,
        features: parsed.data,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      const [row] = await repo.findMapLayers(trx, actor.regionId, { ids: [id] }, true);
      if (!row?.features) throw notFound();
      return { ...present(row), features: row.features };
    });
  }
}
