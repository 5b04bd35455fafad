import type {
  BoundaryCollection,
  District,
  Municipality,
  MunicipalityQuery,
  PartnerOrganisation,
  PartnerOrganisationQuery,
  Region,
  Theme,
  ThemeQuery,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import { notFound } from '../../shared/errors.js';
import * as present from './organisations.presenter.js';
import * as repo from './organisations.repository.js';

/** Today's date in the Netherlands, the reference for "current" membership. */
export function todayInNetherlands(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/**
 * Reference data of regions: read-only for everyone, because it holds no personal data.
 * Each method takes the database (or a transaction) it runs on.
 */
export class OrganisationsService {
  constructor(
    private readonly db: Db,
    private readonly today: () => string = () => todayInNetherlands(),
  ) {}

  async listRegions(): Promise<Region[]> {
    return (await repo.listRegions(this.db, this.today())).map(present.presentRegion);
  }

  async getRegion(regionId: string): Promise<Region> {
    const [row] = await repo.listRegions(this.db, this.today(), regionId);
    if (!row) throw notFound('region.not_found', `Regio ${regionId} bestaat niet.`);
    return present.presentRegion(row);
  }

  async listDistricts(filter: { region?: string | undefined }): Promise<District[]> {
    const rows = await repo.listDistricts(this.db, this.today(), {
      ...(filter.region ? { regionId: filter.region } : {}),
    });
    return rows.map(present.presentDistrict);
  }

  async getDistrict(districtId: string): Promise<District> {
    const [row] = await repo.listDistricts(this.db, this.today(), { districtId });
    if (!row) throw notFound('district.not_found', `District ${districtId} bestaat niet.`);
    return present.presentDistrict(row);
  }

  /** Municipalities in a region on `validOn` (default: today), or every one ever in it with `all`. */
  async listMunicipalities(query: MunicipalityQuery): Promise<Municipality[]> {
    const rows = await repo.listMunicipalities(this.db, {
      regionId: query.region,
      districtId: query.district,
      provinceCode: query.province,
      on: query.all ? query.validOn : (query.validOn ?? this.today()),
    });
    return rows.map(present.presentMunicipality);
  }

  async getMunicipality(code: string): Promise<Municipality> {
    const [row] = await repo.listMunicipalities(this.db, { code, on: undefined });
    if (!row) throw notFound('municipality.not_found', `Gemeente ${code} bestaat niet.`);
    return present.presentMunicipality(row);
  }

  async boundaries(regionId: string): Promise<BoundaryCollection> {
    await this.getRegion(regionId);
    return present.presentBoundaries(await repo.listBoundaries(this.db, regionId));
  }

  async listPartnerOrganisations(query: PartnerOrganisationQuery): Promise<PartnerOrganisation[]> {
    const rows = await repo.listPartnerOrganisations(this.db, {
      regionId: query.region,
      kind: query.kind,
      on: query.all ? query.validOn : (query.validOn ?? this.today()),
    });
    return rows.map(present.presentPartner);
  }

  async listThemes(query: ThemeQuery): Promise<Theme[]> {
    const rows = await repo.listThemes(this.db, {
      regionId: query.region,
      scope: query.scope,
      districtId: query.district,
    });
    return rows.map(present.presentTheme);
  }
}
