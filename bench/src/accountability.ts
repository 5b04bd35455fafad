// The accountability table on a generated region: 100,000 cases and a million case events,
// against the best single hand-written SQL query computing the same numbers, in the same run.
import { performance } from 'node:perf_hooks';
import type { AccountabilityTable } from '@samenspel/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import { accountabilityTable } from '../../server/src/modules/reports/index.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const EVENTS_PER_CASE = 10;
const REGION = 'midden-nederland';

/** Fills the region with generated cases, written in bulk with SQL (bench data, not a demo). */
async function generate(database: Database): Promise<void> {
  const db = database.db;
  const started = performance.now();
  await sql`select setseed(0.2021)`.execute(db);
  await sql`
    insert into cases (region_id, reference, code_name, origin, district_id, type, phase, started_on, closed_on, created_at)
    select ${REGION}, 'BENCH-' || n, 'Bench ' || n,
      (array['signal', 'signal', 'signal', 'analysis-product', 'direct'])[1 + (random() * 4)::int],
      (select id from districts where region_id = ${REGION} order by sort_order offset (n % 6) limit 1),
      'subject', 'analysis', start, null, now()
    from (select n, date '2015-01-01' + (random() * 3650)::int as start from generate_series(1, ${CASES}) n) g`.execute(
    db,
  );
  // Seven in ten cases are closed after one month to three years; some of those were reopened.
  await sql`
    update cases set closed_on = started_on + 30 + (random() * 1000)::int, phase = 'closed'
    where reference like 'BENCH-%' and random() < 0.7`.execute(db);
  await sql`
    insert into case_open_periods (case_id, opened_on, closed_on)
    select id, started_on, closed_on from cases where reference like 'BENCH-%'`.execute(db);
  await sql`
    insert into case_open_periods (case_id, opened_on, closed_on)
    select id, closed_on + 60, null from cases where reference like 'BENCH-%' and closed_on is not null and random() < 0.04`.execute(
    db,
  );
  await sql`update cases set closed_on = null, phase = 'analysis' where id in
    (select case_id from case_open_periods where closed_on is null and opened_on > (select started_on from cases c where c.id = case_id))`.execute(
    db,
  );
  await sql`
    insert into case_origin_organisations (case_id, organisation_id)
    select distinct c.id, o.id from cases c
    cross join lateral (
      select id from partner_organisations
      where region_id = ${REGION} and kind in ('municipality', 'police', 'public_prosecution', 'tax_administration', 'province', 'labour_inspectorate')
      order by random() + (c.id is null)::int limit 1 + (random() < 0.2)::int
    ) o
    where c.reference like 'BENCH-%' and c.origin <> 'analysis-product'`.execute(db);
  await sql`
    insert into case_municipalities (case_id, municipality_code)
    select c.id, (select code from municipalities m where m.district_id = coalesce(c.district_id, 'utrecht-stad')
      order by random() + (c.id is null)::int limit 1)
    from cases c where c.reference like 'BENCH-%'`.execute(db);
  await sql`
    insert into case_themes (case_id, theme_id)
    select distinct c.id, t.id from cases c
    cross join lateral (
      select id from themes where region_id is null or region_id = ${REGION}
      order by random() + (c.id is null)::int limit 1 + (random() < 0.3)::int
    ) t
    where c.reference like 'BENCH-%'`.execute(db);
  const police = sql`(select id from partner_organisations where region_id = ${REGION} and code = 'politie')`;
  await sql`
    insert into advices (case_id, kind, organisation_id, given_on, status, description)
    select c.id, (array['administrative', 'bibob', 'criminal', 'fiscal', 'other'])[1 + (random() * 4)::int], ${police},
      c.started_on + (random() * greatest(1, coalesce(c.closed_on, date '2025-12-31') - c.started_on))::int, 'given', 'Bench'
    from cases c cross join generate_series(1, 2) k where c.reference like 'BENCH-%'`.execute(db);
  await sql`
    insert into interventions (case_id, kind, organisation_id, carried_out_on, description)
    select c.id, 'fiscal', ${police}, c.started_on + 20 + (random() * 400)::int, 'Bench'
    from cases c where c.reference like 'BENCH-%' and random() < 0.8`.execute(db);
  await sql`
    insert into results (case_id, kind, organisation_id, imposed_cents, imposed_on, collected_cents, collected_on, recorded_on)
    select c.id, 'confiscation', ${police}, imposed, imposed_on,
      case when random() < 0.5 then (imposed * random())::bigint end, imposed_on + (random() * 500)::int, imposed_on
    from (select c.id, ((10 + random() * 500)::int * 100000)::bigint as imposed,
            c.started_on + 30 + (random() * 700)::int as imposed_on
          from cases c where c.reference like 'BENCH-%' and random() < 0.3) c`.execute(db);
  await sql`
    insert into case_events (case_id, type, at, details)
    select c.id, (array['phase', 'advice', 'provision', 'intervention', 'result', 'participant-added'])[1 + (k % 6)],
      (c.started_on + k * 20)::timestamptz, '{}'
    from cases c cross join generate_series(1, ${EVENTS_PER_CASE}) k where c.reference like 'BENCH-%'`.execute(
    db,
  );
  await sql`analyze`.execute(db);
  const { rows } = await sql<{ cases: number; events: number }>`
    select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events`.execute(
    db,
  );
  console.log(
    `Generated ${rows[0]?.cases.toLocaleString('en')} cases and ${rows[0]?.events.toLocaleString('en')} case events in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}

function toTable(row: Record<string, number | string | null>): AccountabilityTable {
  const pairs = (v: unknown) => Object.fromEntries((v as Array<[string, number]> | null) ?? []);
  const themes = pairs(row.themes);
  const advices = pairs(row.advices);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    analysisProducts: n(row.products),
    casesHandled: {
      total: n(row.handled),
      startedInPeriod: n(row.new),
      startedEarlier: n(row.handled) - n(row.new),
    },
    origins: {
      analysisProduct: n(row.oAnalysis),
      municipality: n(row.oMunicipality),
      publicProsecution: n(row.oOm),
      police: n(row.oPolice),
      taxAdministration: n(row.oTax),
      otherPartners: n(row.oOther),
    },
    themes: {
      human_trafficking: n(themes.human_trafficking),
      drugs: n(themes.drugs),
      money_laundering: n(themes.money_laundering),
      real_estate: n(themes.real_estate),
      omg: n(themes.omg),
      other: n(themes.other),
    },
    advices: {
      administrative: n(advices.administrative),
      bibob: n(advices.bibob),
      criminal: n(advices.criminal),
      fiscal: n(advices.fiscal),
      other: n(advices.other),
    },
    amounts: {
      imposedCents: n(row.imposed),
      collectedOrSettledCents: n(row.collected),
      outstandingCents: n(row.outstanding),
      collectedOnEarlierCents: n(row.earlier),
    },
  } satisfies AccountabilityTable;
}

/**
 * The region's confiscations imposed by the period's end, with what was collected or settled on
 * each (on its own row and on the results recorded later against it) before the period and by
 * its end.
 */
function paidOff(from: string, to: string) {
  const paid = (bound: RawBuilder<unknown>) => sql`
    coalesce(case when x.collected_on ${bound} then x.collected_cents end, 0)
    + coalesce(case when x.settled_on ${bound} then x.settled_cents end, 0)
    + coalesce((select sum(coalesce(case when y.collected_on ${bound} then y.collected_cents end, 0)
        + coalesce(case when y.settled_on ${bound} then y.settled_cents end, 0))
      from results y where y.confiscation_id = x.id), 0)`;
  return sql`
    select x.imposed_cents, x.imposed_on, ${paid(sql`< ${from}::date`)} as before, ${paid(sql`<= ${to}::date`)} as by_end
    from results x join cases c on c.id = x.case_id
    where c.region_id = ${REGION} and x.kind = 'confiscation' and x.confiscation_id is null
      and x.imposed_on <= ${to}::date`;
}

/**
 * The baseline: one hand-written statement for the same table, written for speed rather than
 * for reuse (one pass over the handled cases, correlated EXISTS per origin row).
 */
async function handWritten(database: Database, from: string, to: string) {
  const { rows } = await sql<Record<string, number | string | null>>`
    with h as materialized (
      select c.id, c.origin, c.started_on
      from cases c
      where c.region_id = ${REGION}
        and exists (select 1 from case_open_periods p where p.case_id = c.id
          and p.opened_on <= ${to}::date and (p.closed_on is null or p.closed_on >= ${from}::date))
    ),
    o as (
      select co.case_id, array_agg(distinct po.kind) as kinds
      from h join case_origin_organisations co on co.case_id = h.id
      join partner_organisations po on po.id = co.organisation_id
      group by co.case_id
    ),
    t as (
      select th.accountability_theme, count(distinct ct.case_id) as n
      from h join case_themes ct on ct.case_id = h.id join themes th on th.id = ct.theme_id
      group by 1
    ),
    a as (
      select a.kind, count(*) as n from advices a join cases c on c.id = a.case_id
      where c.region_id = ${REGION} and a.given_on between ${from}::date and ${to}::date group by 1
    ),
    r as (
      select sum(imposed_cents) filter (where imposed_on >= ${from}::date) as imposed,
        sum(least(imposed_cents, by_end)) filter (where imposed_on >= ${from}::date) as collected,
        sum(imposed_cents - least(imposed_cents, by_end)) filter (where imposed_on >= ${from}::date) as outstanding,
        sum(least(imposed_cents, by_end) - least(imposed_cents, before)) filter (where imposed_on < ${from}::date) as earlier
      from (${paidOff(from, to)}) x
    )
    select
      (select count(*) from analysis_products where region_id = ${REGION} and delivered_on between ${from}::date and ${to}::date) as products,
      (select count(*) from h) as handled,
      (select count(*) from h where started_on >= ${from}::date) as new,
      (select count(*) from h where origin = 'analysis-product') as o_analysis,
      (select count(*) from o where 'municipality' = any(kinds)) as o_municipality,
      (select count(*) from o where 'public_prosecution' = any(kinds)) as o_om,
      (select count(*) from o where 'police' = any(kinds)) as o_police,
      (select count(*) from o where 'tax_administration' = any(kinds)) as o_tax,
      (select count(*) from o where kinds && array['province', 'fiod', 'benefits_agency', 'customs', 'labour_inspectorate',
        'military_police', 'immigration', 'employee_insurance', 'other']) as o_other,
      (select json_agg(json_build_array(accountability_theme, n)) from t) as themes,
      (select json_agg(json_build_array(kind, n)) from a) as advices,
      (select imposed::float8 from r) as imposed,
      (select collected::float8 from r) as collected,
      (select outstanding::float8 from r) as outstanding,
      (select earlier::float8 from r) as earlier`.execute(database.db);
  return toTable(rows[0] ?? {});
}

/**
 * A second hand-written formulation: handled cases and their origin flags in one grouped pass
 * over cases, periods and origin organisations. The faster of the two is the baseline.
 */
async function handWrittenGrouped(database: Database, from: string, to: string) {
  const { rows } = await sql<Record<string, number | string | null>>`
    with h as materialized (
      select c.id, c.origin, c.started_on,
        bool_or(po.kind = 'municipality') as m, bool_or(po.kind = 'public_prosecution') as om,
        bool_or(po.kind = 'police') as pol, bool_or(po.kind = 'tax_administration') as tax,
        bool_or(po.kind not in ('municipality', 'public_prosecution', 'police', 'tax_administration', 'riec')) as oth
      from cases c
      join case_open_periods p on p.case_id = c.id
        and p.opened_on <= ${to}::date and (p.closed_on is null or p.closed_on >= ${from}::date)
      left join case_origin_organisations co on co.case_id = c.id
      left join partner_organisations po on po.id = co.organisation_id
      where c.region_id = ${REGION}
      group by c.id
    )
    select
      (select count(*) from analysis_products where region_id = ${REGION} and delivered_on between ${from}::date and ${to}::date) as products,
      count(*) as handled,
      count(*) filter (where started_on >= ${from}::date) as new,
      count(*) filter (where origin = 'analysis-product') as o_analysis,
      count(*) filter (where m) as o_municipality, count(*) filter (where om) as o_om,
      count(*) filter (where pol) as o_police, count(*) filter (where tax) as o_tax, count(*) filter (where oth) as o_other,
      (select json_agg(json_build_array(theme, n)) from (
        select th.accountability_theme as theme, count(distinct ct.case_id) as n
        from h join case_themes ct on ct.case_id = h.id join themes th on th.id = ct.theme_id group by 1) t) as themes,
      (select json_agg(json_build_array(kind, n)) from (
        select a.kind, count(*) as n from advices a join cases c on c.id = a.case_id
        where c.region_id = ${REGION} and a.given_on between ${from}::date and ${to}::date group by 1) a) as advices,
      (select sum(imposed_cents)::float8 from (${paidOff(from, to)}) x where imposed_on >= ${from}::date) as imposed,
      (select sum(least(imposed_cents, by_end))::float8 from (${paidOff(from, to)}) x
        where imposed_on >= ${from}::date) as collected,
      (select sum(imposed_cents - least(imposed_cents, by_end))::float8 from (${paidOff(from, to)}) x
        where imposed_on >= ${from}::date) as outstanding,
      (select sum(least(imposed_cents, by_end) - least(imposed_cents, before))::float8 from (${paidOff(from, to)}) x
        where imposed_on < ${from}::date) as earlier
    from h`.execute(database.db);
  return toTable(rows[0] ?? {});
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function benchAccountability(database: Database, rounds: number): Promise<void> {
  await generate(database);
  const from = '2021-01-01';
  const to = '2021-12-31';
  const scope = { kind: 'region' as const, regionId: REGION };
  const ours = await accountabilityTable(database.db, scope, { from, to });
  for (const candidate of [handWritten, handWrittenGrouped]) {
    const theirs = await candidate(database, from, to);
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      throw new Error(
        `The engine and ${candidate.name} disagree:\n${JSON.stringify(ours)}\n${JSON.stringify(theirs)}`,
      );
  }
  console.log(
    `2021: ${ours.casesHandled.total.toLocaleString('en')} cases handled, ${Object.values(ours.advices)
      .reduce((a, b) => a + b, 0)
      .toLocaleString('en')} advices; engine and hand-written query agree on every number.`,
  );
  for (let i = 0; i < 3; i++) {
    await accountabilityTable(database.db, scope, { from, to });
    await handWritten(database, from, to);
    await handWrittenGrouped(database, from, to);
  }
  const engine: number[] = [];
  const exists: number[] = [];
  const grouped: number[] = [];
  for (let round = 0; round < rounds * 5; round++) {
    exists.push(await time(() => handWritten(database, from, to)));
    grouped.push(await time(() => handWrittenGrouped(database, from, to)));
    engine.push(await time(() => accountabilityTable(database.db, scope, { from, to })));
  }
  const e = median(engine);
  const b = Math.min(median(exists), median(grouped));
  console.table([
    {
      query: 'hand-written statement A (EXISTS, kinds as array)',
      'median ms': Number(median(exists).toFixed(1)),
    },
    { query: 'hand-written statement B (one grouped pass)', 'median ms': Number(median(grouped).toFixed(1)) },
    { query: 'report engine: accountabilityTable()', 'median ms': Number(e.toFixed(1)) },
  ]);
  console.log(
    `accountability table for a year: ${(e / b).toFixed(2)}x the faster hand-written statement, ${e.toFixed(0)} ms (goals: at most 1.25x, under 1,000 ms)\n`,
  );
}
