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
import type { RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { notFound } from '../../shared/errors.js';
import type { ServiceDeps } from '../../shared/service.js';
import type { Access } from '../access/index.js';
import * as present from './organisations.presenter.js';
import * as repo from './organisations.repository.js';

/**
 * Reference data of regions: read-only for everyone signed in (and API tokens with
 * `reference.read`); it holds no personal data, so reads are not in the processing log.
 * Each method takes the database (or a transaction) it runs on.
 */
export class OrganisationsService {
  private readonly db: Db;
  private readonly access: Access;
  private readonly today: () => string;

  constructor(deps: Pick<ServiceDeps, 'db' | 'access' | 'now'>) {
    this.db = deps.db;
    this.access = deps.access;
    this.today = () => amsterdamDate(deps.now());
  }

  async listRegions(context: RequestContext): Promise<Region[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    return (await repo.listRegions(this.db, this.today())).map(present.presentRegion);
  }

  async getRegion(context: RequestContext, regionId: string): Promise<Region> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const [row] = await repo.listRegions(this.db, this.today(), regionId);
    if (!row) throw notFound('region.not_found', `Regio ${regionId} bestaat niet.`);
    return present.presentRegion(row);
  }

  async listDistricts(context: RequestContext, filter: { region?: string | undefined }): Promise<District[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const rows = await repo.listDistricts(this.db, this.today(), {
      ...(filter.region ? { regionId: filter.region } : {}),
    });
    return rows.map(present.presentDistrict);
  }

  async getDistrict(context: RequestContext, districtId: string): Promise<District> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const [row] = await repo.listDistricts(this.db, this.today(), { districtId });
    if (!row) throw notFound('district.not_found', `District ${districtId} bestaat niet.`);
    return present.presentDistrict(row);
  }

  /** Municipalities in a region on `validOn` (default: today), or every one ever in it with `all`. */
  async listMunicipalities(context: RequestContext, query: MunicipalityQuery): Promise<Municipality[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const rows = await repo.listMunicipalities(this.db, {
      regionId: query.region,
      districtId: query.district,
      provinceCode: query.province,
      on: query.all ? query.validOn : (query.validOn ?? this.today()),
    });
    return rows.map(present.presentMunicipality);
  }

  async getMunicipality(context: RequestContext, code: string): Promise<Municipality> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const [row] = await repo.listMunicipalities(this.db, { code, on: undefined });
    if (!row) throw notFound('municipality.not_found', `Gemeente ${code} bestaat niet.`);
    return present.presentMunicipality(row);
  }

  async boundaries(context: RequestContext, regionId: string): Promise<BoundaryCollection> {
    await this.getRegion(context, regionId);
    return present.presentBoundaries(await repo.listBoundaries(this.db, regionId));
  }

  async listPartnerOrganisations(
    context: RequestContext,
    query: PartnerOrganisationQuery,
  ): Promise<PartnerOrganisation[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const rows = await repo.listPartnerOrganisations(this.db, {
      regionId: query.region,
      kind: query.kind,
      on: query.all ? query.validOn : (query.validOn ?? this.today()),
    });
    return rows.map(present.presentPartner);
  }

  async listThemes(context: RequestContext, query: ThemeQuery): Promise<Theme[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const rows = await repo.listThemes(this.db, {
      regionId: query.region,
      scope: query.scope,
      districtId: query.district,
    });
    return rows.map(present.presentTheme);
  }
}
