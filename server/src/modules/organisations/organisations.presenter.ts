import type {
  BoundaryCollection,
  District,
  Municipality,
  PartnerOrganisation,
  Region,
  Theme,
} from '@samenspel/contracts';
import type * as repo from './organisations.repository.js';

type Row<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

export const BOUNDARY_ATTRIBUTION = 'CBS, Kadaster';

export function presentRegion(row: Row<typeof repo.listRegions>): Region {
  return {
    id: row.id,
    name: row.name,
    policeUnit: row.policeUnit,
    referenceDataVersion: row.referenceDataVersion,
    districtCount: Number(row.districtCount ?? 0),
    municipalityCount: Number(row.municipalityCount ?? 0),
  };
}

export function presentDistrict(row: Row<typeof repo.listDistricts>): District {
  return {
    id: row.id,
    regionId: row.regionId,
    name: row.name,
    municipalityCount: Number(row.municipalityCount ?? 0),
  };
}

export function presentMunicipality(row: Row<typeof repo.listMunicipalities>): Municipality {
  return {
    code: row.code,
    name: row.name,
    regionId: row.regionId,
    districtId: row.districtId,
    province: { code: row.provinceCode, name: row.provinceName },
    baseTeam: row.baseTeam,
    safetyRegion: row.safetyRegion,
    population: row.population,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    note: row.note,
  };
}

export function presentPartner(row: Row<typeof repo.listPartnerOrganisations>): PartnerOrganisation {
  return row;
}

export function presentTheme(row: Row<typeof repo.listThemes>): Theme {
  return row;
}

export function presentBoundaries(rows: Row<typeof repo.listBoundaries>[]): BoundaryCollection {
  return {
    type: 'FeatureCollection',
    attribution: BOUNDARY_ATTRIBUTION,
    features: rows.flatMap((row) =>
      row.boundary
        ? [
            {
              type: 'Feature' as const,
              id: row.code,
              properties: { code: row.code, name: row.name, districtId: row.districtId },
              geometry: row.boundary,
            },
          ]
        : [],
    ),
  };
}
