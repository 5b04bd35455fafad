import type {
  AccountabilityReport,
  AccountabilityTable,
  DistrictFigures,
  TargetMeasure,
} from '@samenspel/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * The report engine: the national accountability table and the district figures, computed from
 * the record for any period and scope. Definitions (docs/accountability.md):
 *
 * - handled: open at any moment of the period (one of its open periods overlaps it);
 * - new: started in the period; started earlier: handled and started before it;
 * - closed: closed in the period (a case closed, reopened and closed again counts once; closed
 *   and reopened on the same day was not closed);
 * - origins, themes: over the handled cases; a case counts once under each row it belongs to, so
 *   a case from an analysis product also counts under the partners whose signals it came from;
 * - advices: by the date given;
 * - amounts: confiscations by the date imposed; of what was imposed in the period, what was
 *   collected or settled by its last day and what is still outstanding, which add up to the
 *   imposed amount; and, on a line of its own, what was collected or settled in the period on
 *   amounts imposed before it.
 *
 * Scope is decided by the case itself: its region, its district (none for a regional case), or
 * one of its municipalities. A case stays in the scope it was registered in, also when one of its
 * municipalities leaves the region.
 */
export type ReportScope =
  | { kind: 'region'; regionId: string }
  | { kind: 'district'; regionId: string; districtId: string }
  | { kind: 'regional'; regionId: string }
  | { kind: 'municipality'; regionId: string; municipalityCode: string }
  | { kind: 'base-team'; regionId: string; baseTeamId: string };

export interface Period {
  from: string;
  to: string;
}

/** The cases of a scope, as a predicate on alias `c`. */
function caseScope(scope: ReportScope): RawBuilder<boolean> {
  const region = sql<boolean>`c.region_id = ${scope.regionId}`;
  switch (scope.kind) {
    case 'region':
      return region;
    case 'district':
      return sql<boolean>`${region} and c.district_id = ${scope.districtId}`;
    case 'regional':
      return sql<boolean>`${region} and c.district_id is null`;
    case 'municipality':
      return sql<boolean>`${region} and exists (select 1 from case_municipalities cm
        where cm.case_id = c.id and cm.municipality_code = ${scope.municipalityCode})`;
    case 'base-team':
      return sql<boolean>`${region} and exists (select 1 from case_municipalities cm
        join municipalities m on m.code = cm.municipality_code
        where cm.case_id = c.id and m.base_team_id = ${scope.baseTeamId})`;
  }
}

/**
 * Whether open period `p` really ended: it was closed, and the case was not reopened on the day
 * it closed (closed and reopened on one day is one open period, not a closure). The later period
 * starts after `p` did, so a case opened and closed on one day still counts as closed.
 */
function periodEnded(p: string): RawBuilder<boolean> {
  const alias = sql.raw(p);
  return sql<boolean>`(${alias}.closed_on is not null and not exists (
    select 1 from case_open_periods q
    where q.case_id = ${alias}.case_id and q.opened_on = ${alias}.closed_on and q.opened_on > ${alias}.opened_on))`;
}

/** The cases of a scope that were open at some moment of the period. */
function handledCases(scope: ReportScope, period: Period) {
  return sql`
    select c.id, c.origin, c.started_on, c.district_id,
      coalesce(bool_or(p.closed_on >= ${period.from}::date and p.closed_on <= ${period.to}::date
        and ${periodEnded('p')}), false) as closed_in_period
    from cases c
    join case_open_periods p on p.case_id = c.id
    where ${caseScope(scope)}
      and p.opened_on <= ${period.to}::date
      and (p.closed_on is null or p.closed_on >= ${period.from}::date)
    group by c.id`;
}

interface TableRow {
  analysisProducts: number | null;
  handled: number;
  startedInPeriod: number;
  analysisProduct: number;
  municipality: number;
  publicProsecution: number;
  police: number;
  taxAdministration: number;
  otherPartners: number;
  themes: Array<[string, number]> | null;
  advices: Array<[string, number]> | null;
  imposed: number;
  collectedOrSettled: number;
  outstanding: number;
  earlier: number;
}

/** Rows 1–5 of the national table, in one statement. */
export async function accountabilityTable(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<AccountabilityTable> {
  const { from, to } = period;
  const products =
    scope.kind === 'municipality' || scope.kind === 'base-team'
      ? sql`null::int`
      : sql`(select count(*)::int from analysis_products ap where ap.region_id = ${scope.regionId}
          and ap.delivered_on between ${from}::date and ${to}::date
          ${scope.kind === 'district' ? sql`and ap.district_id = ${scope.districtId}` : sql``}
          ${scope.kind === 'regional' ? sql`and ap.district_id is null` : sql``})`;
  const { rows } = await sql<TableRow>`
    with handled as materialized (${handledCases(scope, period)}),
    origin_kinds as (
      select co.case_id,
        bool_or(o.kind = 'municipality') as municipality,
        bool_or(o.kind = 'public_prosecution') as public_prosecution,
        bool_or(o.kind = 'police') as police,
        bool_or(o.kind = 'tax_administration') as tax_administration,
        bool_or(o.kind not in ('municipality', 'public_prosecution', 'police', 'tax_administration', 'riec')) as other
      from handled h
      join case_origin_organisations co on co.case_id = h.id
      join partner_organisations o on o.id = co.organisation_id
      group by co.case_id
    ),
    theme_counts as (
      select t.accountability_theme as theme, count(distinct h.id)::int as n
      from handled h
      join case_themes ct on ct.case_id = h.id
      join themes t on t.id = ct.theme_id
      group by t.accountability_theme
    ),
    scoped as (select c.id from cases c where ${caseScope(scope)}),
    advice_counts as (
      select a.kind, count(*)::int as n
      from advices a join scoped s on s.id = a.case_id
      where a.given_on between ${from}::date and ${to}::date
      group by a.kind
    ),
    -- Each confiscation with what was collected or settled on it: on its own row, and on the
    -- results recorded later against it (confiscation_id), each amount by its own date.
    payments as (
      select coalesce(r.confiscation_id, r.id) as confiscation, r.collected_cents as cents, r.collected_on as on_date
      from results r where r.kind = 'confiscation' and r.collected_on <= ${to}::date
      union all
      select coalesce(r.confiscation_id, r.id), r.settled_cents, r.settled_on
      from results r where r.kind = 'confiscation' and r.settled_on <= ${to}::date
    ),
    confiscations as (
      select r.imposed_cents as imposed, r.imposed_on,
        coalesce(sum(pm.cents) filter (where pm.on_date < ${from}::date), 0) as paid_before,
        coalesce(sum(pm.cents) filter (where pm.on_date <= ${to}::date), 0) as paid_by_end
      from results r
      join scoped s on s.id = r.case_id
      left join payments pm on pm.confiscation = r.id
      where r.kind = 'confiscation' and r.confiscation_id is null and r.imposed_on <= ${to}::date
      group by r.id, r.imposed_cents, r.imposed_on
    ),
    amounts as (
      select
        coalesce(sum(imposed) filter (where imposed_on >= ${from}::date), 0) as imposed,
        coalesce(sum(least(imposed, paid_by_end)) filter (where imposed_on >= ${from}::date), 0)
          as collected_or_settled,
        coalesce(sum(imposed - least(imposed, paid_by_end)) filter (where imposed_on >= ${from}::date), 0)
          as outstanding,
        coalesce(sum(least(paid_by_end, imposed) - least(paid_before, imposed))
          filter (where imposed_on < ${from}::date), 0) as earlier
      from confiscations
    )
    select
      ${products} as "analysisProducts",
      (select count(*)::int from handled) as handled,
      (select count(*)::int from handled where started_on >= ${from}::date) as "startedInPeriod",
      (select count(*)::int from handled where origin = 'analysis-product') as "analysisProduct",
      (select count(*) filter (where municipality)::int from origin_kinds) as municipality,
      (select count(*) filter (where public_prosecution)::int from origin_kinds) as "publicProsecution",
      (select count(*) filter (where police)::int from origin_kinds) as police,
      (select count(*) filter (where tax_administration)::int from origin_kinds) as "taxAdministration",
      (select count(*) filter (where other)::int from origin_kinds) as "otherPartners",
      -- Pairs, not an object: the camel-case plugin would rename keys such as money_laundering.
      (select json_agg(json_build_array(theme, n)) from theme_counts) as themes,
      (select json_agg(json_build_array(kind, n)) from advice_counts) as advices,
      (select imposed::float8 from amounts) as imposed,
      (select collected_or_settled::float8 from amounts) as "collectedOrSettled",
      (select outstanding::float8 from amounts) as outstanding,
      (select earlier::float8 from amounts) as earlier`.execute(db);
  const r = rows[0];
  if (!r) throw new Error('The accountability query returned no row');
  const themes: Record<string, number> = Object.fromEntries(r.themes ?? []);
  const advices: Record<string, number> = Object.fromEntries(r.advices ?? []);
  return {
    analysisProducts: r.analysisProducts,
    casesHandled: {
      total: r.handled,
      startedInPeriod: r.startedInPeriod,
      startedEarlier: r.handled - r.startedInPeriod,
    },
    origins: {
      analysisProduct: r.analysisProduct,
      municipality: r.municipality,
      publicProsecution: r.publicProsecution,
      police: r.police,
      taxAdministration: r.taxAdministration,
      otherPartners: r.otherPartners,
    },
    themes: {
      human_trafficking: themes.human_trafficking ?? 0,
      drugs: themes.drugs ?? 0,
      money_laundering: themes.money_laundering ?? 0,
      real_estate: themes.real_estate ?? 0,
      omg: themes.omg ?? 0,
      other: themes.other ?? 0,
    },
    advices: {
      administrative: advices.administrative ?? 0,
      bibob: advices.bibob ?? 0,
      criminal: advices.criminal ?? 0,
      fiscal: advices.fiscal ?? 0,
      other: advices.other ?? 0,
    },
    amounts: {
      imposedCents: Number(r.imposed),
      collectedOrSettledCents: Number(r.collectedOrSettled),
      outstandingCents: Number(r.outstanding),
      collectedOnEarlierCents: Number(r.earlier),
    },
  };
}

/**
 * Handled, new and closed per district, and for the regional cases outside the districts (a row
 * with district null), within the scope.
 */
export async function districtFigures(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<Array<Omit<DistrictFigures, 'targets'>>> {
  if (scope.kind === 'municipality' || scope.kind === 'base-team') return [];
  const { rows } = await sql<{
    id: string | null;
    name: string | null;
    handled: number;
    new: number;
    closed: number;
  }>`
    with handled as (${handledCases(scope, period)}),
    rows as (
      select id, name, sort_order from districts
      where region_id = ${scope.regionId}
        ${scope.kind === 'district' ? sql`and id = ${scope.districtId}` : sql``}
        ${scope.kind === 'regional' ? sql`and false` : sql``}
      union all
      select null, null, 2147483647 where ${scope.kind === 'region' || scope.kind === 'regional'}
    )
    select d.id, d.name,
      count(h.id)::int as handled,
      count(h.id) filter (where h.started_on >= ${period.from}::date)::int as new,
      count(h.id) filter (where h.closed_in_period)::int as closed
    from rows d
    left join handled h on h.district_id is not distinct from d.id
    group by d.id, d.name, d.sort_order
    order by d.sort_order`.execute(db);
  return rows.map((r) => ({
    district: r.id && r.name ? { id: r.id, name: r.name } : null,
    handled: r.handled,
    new: r.new,
    closed: r.closed,
  }));
}

/** Handled, new and closed in a scope and period: the district table's counts for any scope. */
export async function caseCounts(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<{ handled: number; new: number; closed: number }> {
  const { rows } = await sql<{ handled: number; new: number; closed: number }>`
    with handled as (${handledCases(scope, period)})
    select count(*)::int as handled,
      count(*) filter (where started_on >= ${period.from}::date)::int as new,
      count(*) filter (where closed_in_period)::int as closed
    from handled`.execute(db);
  return rows[0] ?? { handled: 0, new: 0, closed: 0 };
}

/** Interventions carried out in the period in cases of the scope, per kind. */
export async function interventionCounts(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<Record<string, number>> {
  const { rows } = await sql<{ kind: string; count: number }>`
    select i.kind, count(*)::int as count
    from interventions i join cases c on c.id = i.case_id
    where ${caseScope(scope)} and i.carried_out_on between ${period.from}::date and ${period.to}::date
    group by i.kind`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.kind, r.count]));
}

/**
 * The cases handled in the period by their phase on its last day (closed when their last open
 * period had ended by then; otherwise the last phase they had moved to, or start), and the
 * results recorded in the period per kind.
 */
export async function phaseAndResultCounts(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<{ phases: Record<string, number>; results: Record<string, number> }> {
  const phases = await sql<{ phase: string; count: number }>`
    with handled as (${handledCases(scope, period)}),
    at_end as (
      select h.id,
        case when not exists (select 1 from case_open_periods p where p.case_id = h.id
            and p.opened_on <= ${period.to}::date and (p.closed_on is null or p.closed_on > ${period.to}::date))
          then 'closed'
          else coalesce((select e.details->>'to' from case_events e where e.case_id = h.id and e.type = 'phase'
            and e.happened_on <= ${period.to}::date order by e.happened_on desc, e.at desc limit 1), 'start')
        end as phase
      from handled h)
    select phase, count(*)::int as count from at_end group by phase`.execute(db);
  const results = await sql<{ kind: string; count: number }>`
    select r.kind, count(*)::int as count
    from results r join cases c on c.id = r.case_id
    where ${caseScope(scope)} and r.recorded_on between ${period.from}::date and ${period.to}::date
    group by r.kind`.execute(db);
  return {
    phases: Object.fromEntries(phases.rows.map((r) => [r.phase, r.count])),
    results: Object.fromEntries(results.rows.map((r) => [r.kind, r.count])),
  };
}

/** Per month of the period: cases started, closed, and open at the end of the month. */
export async function caseFlow(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<AccountabilityReport['flow']> {
  const { rows } = await sql<{ month: string; new: number; closed: number; ongoing: number }>`
    with months as (
      select m::date as first, least((m + interval '1 month' - interval '1 day')::date, ${period.to}::date) as last
      from generate_series(date_trunc('month', ${period.from}::date), ${period.to}::date, interval '1 month') m
    ),
    scoped as (select c.id, c.started_on from cases c where ${caseScope(scope)}),
    periods as (
      select p.case_id, p.opened_on, p.closed_on, case when ${periodEnded('p')} then p.closed_on end as ended_on
      from case_open_periods p join scoped s on s.id = p.case_id
      where p.opened_on <= ${period.to}::date and (p.closed_on is null or p.closed_on >= ${period.from}::date)
    )
    select to_char(m.first, 'YYYY-MM') as month,
      (select count(*)::int from scoped s where s.started_on between greatest(m.first, ${period.from}::date) and m.last) as new,
      (select count(distinct p.case_id)::int from periods p
        where p.ended_on between greatest(m.first, ${period.from}::date) and m.last) as closed,
      (select count(distinct p.case_id)::int from periods p
        where p.opened_on <= m.last and (p.closed_on is null or p.closed_on > m.last)) as ongoing
    from months m order by m.first`.execute(db);
  return rows;
}

const statistic = (r: { count: number; median: number | null; p90: number | null } | undefined) => ({
  count: r?.count ?? 0,
  median: r?.median === null || r?.median === undefined ? null : Math.round(r.median * 10) / 10,
  p90: r?.p90 === null || r?.p90 === undefined ? null : Math.round(r.p90 * 10) / 10,
});

/** Signals of the scope: by the municipality they concern; regional cases have none. */
function signalScope(scope: ReportScope): RawBuilder<boolean> {
  const region = sql<boolean>`s.region_id = ${scope.regionId}`;
  switch (scope.kind) {
    case 'region':
      return region;
    case 'district':
      return sql<boolean>`${region} and exists (select 1 from municipalities m
        where m.code = s.municipality_code and m.district_id = ${scope.districtId})`;
    case 'regional':
      return sql<boolean>`false`;
    case 'municipality':
      return sql<boolean>`${region} and s.municipality_code = ${scope.municipalityCode}`;
    case 'base-team':
      return sql<boolean>`${region} and exists (select 1 from municipalities m
        where m.code = s.municipality_code and m.base_team_id = ${scope.baseTeamId})`;
  }
}

/** Median and 90th percentile, in days, of the three lead times the annual plan steers on. */
export async function leadTimes(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<AccountabilityReport['leadTimes']> {
  const { rows } = await sql<{ measure: string; count: number; median: number | null; p90: number | null }>`
    with scoped as (select c.id, c.started_on from cases c where ${caseScope(scope)}),
    days as (
      -- By the dates the steps happened, not when they were recorded.
      select 'signalToDecision' as measure, (e.happened_on - r.happened_on)::float8 as d
      from signals s
      join signal_events e on e.signal_id = s.id and e.type = 'decided'
      join signal_events r on r.signal_id = s.id and r.type = 'received'
      where ${signalScope(scope)} and s.decision is not null and s.decision <> 'withdrawn'
        and e.happened_on between ${period.from}::date and ${period.to}::date
      union all
      select 'startToFirstIntervention', (first - started_on)::float8
      from (select s.started_on, min(i.carried_out_on) as first
            from scoped s join interventions i on i.case_id = s.id group by s.id, s.started_on) x
      where first between ${period.from}::date and ${period.to}::date
      union all
      select 'startToClosure', (max(p.closed_on) - s.started_on)::float8
      from scoped s join case_open_periods p on p.case_id = s.id
      where p.closed_on between ${period.from}::date and ${period.to}::date and ${periodEnded('p')}
      group by s.id, s.started_on
    )
    select measure, count(*)::int as count,
      percentile_cont(0.5) within group (order by d)::float8 as median,
      percentile_cont(0.9) within group (order by d)::float8 as p90
    from days group by measure`.execute(db);
  const of = (m: string) => statistic(rows.find((r) => r.measure === m));
  return {
    signalToDecision: of('signalToDecision'),
    startToFirstIntervention: of('startToFirstIntervention'),
    startToClosure: of('startToClosure'),
  };
}

/** Signals received in the period (the date they were received), per month and source. */
export async function signalsBySource(
  db: Db,
  scope: ReportScope,
  period: Period,
): Promise<AccountabilityReport['signalsBySource']> {
  const { rows } = await sql<AccountabilityReport['signalsBySource'][number]>`
    select to_char(r.happened_on, 'YYYY-MM') as month,
      coalesce(s.source, 'unknown') as source, count(*)::int as count
    from signals s
    join signal_events r on r.signal_id = s.id and r.type = 'received'
    where ${signalScope(scope)}
      and r.happened_on between ${period.from}::date and ${period.to}::date
    group by 1, 2 order by 1, 2`.execute(db);
  return rows;
}

// ---- targets and analysis products, this module's own records ----

export async function targetsOf(db: Db, regionId: string, year: number) {
  return db
    .selectFrom('districtTargets as t')
    .innerJoin('districts as d', 'd.id', 't.districtId')
    .select(['t.districtId', 't.measure', 't.minimum', 't.maximum', 't.note'])
    .where('d.regionId', '=', regionId)
    .where('t.year', '=', year)
    .orderBy('t.measure')
    .execute();
}

export async function districtsOf(db: Db, regionId: string) {
  return db
    .selectFrom('districts')
    .select(['id', 'name'])
    .where('regionId', '=', regionId)
    .orderBy('sortOrder')
    .execute();
}

export async function replaceTargets(
  db: Db,
  districtId: string,
  year: number,
  targets: ReadonlyArray<{
    measure: TargetMeasure;
    minimum: number;
    maximum: number | null;
    note: string | null;
    setBy: string | null;
    setAt: Date;
  }>,
): Promise<void> {
  await db
    .deleteFrom('districtTargets')
    .where('districtId', '=', districtId)
    .where('year', '=', year)
    .execute();
  if (targets.length)
    await db
      .insertInto('districtTargets')
      .values(targets.map((t) => ({ ...t, districtId, year })))
      .execute();
}

export async function analysisProducts(db: Db, regionId: string, year: number | undefined) {
  let q = db
    .selectFrom('analysisProducts as a')
    .leftJoin('districts as d', 'd.id', 'a.districtId')
    .select(['a.id', 'a.title', 'a.deliveredOn', 'd.id as districtId', 'd.name as districtName'])
    .where('a.regionId', '=', regionId);
  if (year !== undefined)
    q = q.where('a.deliveredOn', '>=', `${year}-01-01`).where('a.deliveredOn', '<=', `${year}-12-31`);
  return q.orderBy('a.deliveredOn', 'desc').limit(1000).execute();
}

export async function insertAnalysisProduct(
  db: Db,
  p: {
    regionId: string;
    districtId: string | null;
    title: string;
    deliveredOn: string;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<string> {
  const row = await db.insertInto('analysisProducts').values(p).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The first and last years in which the region's cases started or closed. */
export async function caseYears(db: Db, regionId: string) {
  return db
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.min('startedOn').as('first'),
      eb.fn.max('startedOn').as('started'),
      eb.fn.max('closedOn').as('closed'),
    ])
    .where('regionId', '=', regionId)
    .executeTakeFirst();
}
