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
import { LRUCache } from 'lru-cache';
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
  /**
   * Reference data changes only when a release brings a new version, which is loaded at start-up
   * before the services exist: each answer is kept in memory per question instead of asking the
   * database on every request (a bounded number of questions; a failed one is asked again).
   */
  private readonly answers = new LRUCache<string, Promise<unknown>>({ max: 1_000 });

  constructor(deps: Pick<ServiceDeps, 'db' | 'access' | 'now'>) {
    this.db = deps.db;
    this.access = deps.access;
    this.today = () => amsterdamDate(deps.now());
  }

  private remembered<T>(question: unknown[], ask: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(question);
    const known = this.answers.get(key) as Promise<T> | undefined;
    if (known) return known;
    const answer = ask();
    this.answers.set(key, answer);
    answer.catch(() => this.answers.delete(key));
    return answer;
  }

  async listRegions(context: RequestContext): Promise<Region[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const today = this.today();
    return this.remembered(['regions', today], async () =>
      (await repo.listRegions(this.db, today)).map(present.presentRegion),
    );
  }

  async getRegion(context: RequestContext, regionId: string): Promise<Region> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const [row] = await repo.listRegions(this.db, this.today(), regionId);
    if (!row) throw notFound('region.not_found', `Regio ${regionId} bestaat niet.`);
    return present.presentRegion(row);
  }

  async listDistricts(context: RequestContext, filter: { region?: string | undefined }): Promise<District[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const today = this.today();
    return this.remembered(['districts', today, filter.region], async () => {
      const rows = await repo.listDistricts(this.db, today, {
        ...(filter.region ? { regionId: filter.region } : {}),
      });
      return rows.map(present.presentDistrict);
    });
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
    const filter = {
      regionId: query.region,
      districtId: query.district,
      provinceCode: query.province,
      on: query.all ? query.validOn : (query.validOn ?? this.today()),
    };
    return this.remembered(['municipalities', filter], async () =>
      (await repo.listMunicipalities(this.db, filter)).map(present.presentMunicipality),
    );
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
    const filter = {
      regionId: query.region,
      kind: query.kind,
      on: query.all ? query.validOn : (query.validOn ?? this.today()),
    };
    return this.remembered(['partners', filter], async () =>
      (await repo.listPartnerOrganisations(this.db, filter)).map(present.presentPartner),
    );
  }

  async listThemes(context: RequestContext, query: ThemeQuery): Promise<Theme[]> {
    await this.access.requireAccess(this.db, context.actor, 'reference.read');
    const filter = { regionId: query.region, scope: query.scope, districtId: query.district };
    return this.remembered(['themes', filter], async () =>
      (await repo.listThemes(this.db, filter)).map(present.presentTheme),
    );
  }
}
