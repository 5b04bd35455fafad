import type {
  ActivityList,
  CaseProgress,
  IndicatorDefinition,
  Programme,
  ProgrammeGoal,
  SignalDetail,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, newCase, newPerson, type TestApp, testEngine } from '../../testing/index.js';

/**
 * Programmes and goals on small hand-made histories. Tests run in any order, so each works in a
 * year of its own (2010–2015), one no other record of the test database has: each figure is
 * exactly what that test made.
 */
let t: TestApp;
let cast: Cast;
const YEAR = 2016;
const on = (monthDay: string, year = YEAR) => `${year}-${monthDay}`;
const yearOf = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const api = '/api/v1';
let plan: Programme;

async function goal(body: object): Promise<ProgrammeGoal> {
  const manager = await cast.manager();
  const after = await cast.ok<Programme>(manager, 'POST', `${api}/programmes/${plan.id}/goals`, body);
  const added = after.items.at(-1);
  if (!added) throw new Error('no goal added');
  return added;
}

const computed = (...indicators: Array<string | [string, string]>) => ({
  kind: 'computed',
  indicators: indicators.map((i) =>
    Array.isArray(i) ? { indicator: i[0], option: i[1] } : { indicator: i },
  ),
});

const substantiated = async (happenedOn: string) => ({
  type: 'substantiated',
  note: 'Gemeente en politie onderbouwen samen.',
  organisationIds: [await cast.org('GM0344'), await cast.org('politie')],
  happenedOn,
});

async function fiuSignal(municipalityCode: string, received: string, referredTo: string | null) {
  const staff = await cast.staff('politie');
  const signal = await cast.ok<SignalDetail>(staff, 'POST', `${api}/signals`, {
    submit: true,
    submittingOrganisationIds: [await cast.org('politie')],
    source: 'fiu',
    description: 'Verdachte transacties gemeld door FIU-Nederland, voor de test.',
    municipalityCode,
    themeIds: [await cast.theme()],
    urgency: 'normal',
    subjects: [newPerson()],
    happenedOn: received,
  });
  if (!referredTo) return signal;
  const analyst = await cast.analyst();
  const move = (body: object) => cast.ok(analyst, 'POST', `${api}/signals/${signal.id}/transitions`, body);
  await move({ type: 'discussed', happenedOn: received });
  await move(await substantiated(received));
  await move({ type: 'triaged', route: 'quick', reason: 'Eén partner', happenedOn: received });
  return cast.ok<SignalDetail>(await cast.chair(), 'POST', `${api}/signals/${signal.id}/transitions`, {
    type: 'decided',
    decision: 'referred',
    referredToOrganisationId: await cast.org(referredTo),
    happenedOn: received,
  });
}

describe(`programmes and their indicators on ${testEngine()}`, () => {
  beforeAll(async () => {
    const manager = await cast.manager();
    plan = await cast.ok<Programme>(manager, 'POST', `${api}/programmes`, {
      year: YEAR,
      kind: 'district',
      districtId: 'utrecht-stad',
      name: `Districtsplan Utrecht-Stad ${YEAR}`,
    });
  });

  it('lists every indicator with the definition docs/programmes.md gives', async () => {
    const { items } = await cast.ok<{ items: IndicatorDefinition[] }>(
      await cast.manager(),
      'GET',
      `${api}/indicators`,
    );
    const { readFile } = await import('node:fs/promises');
    const docs = await readFile(new URL('../../../../docs/programmes.md', import.meta.url), 'utf8');
    expect(items.length).toBeGreaterThan(25);
    for (const i of items) {
      expect(docs, i.id).toContain(`\`${i.id}\``);
      expect(docs, i.id).toContain(i.definition);
    }
  });

  it('counts cases handled and new in the district, against a range', async () => {
    const Y = 2011;
    await newCase(cast, { startedOn: on('03-01', Y) });
    await newCase(cast, { startedOn: on('05-01', Y) });
    const g = await goal({
      text: '1 tot 3 casussen',
      period: yearOf(Y),
      scope: { kind: 'district', districtId: 'utrecht-stad' },
      target: { kind: 'range', minimum: 1, maximum: 3 },
      result: computed('cases.handled', 'cases.new', 'cases.closed'),
    });
    expect(g.figures.map((f) => [f.indicator, f.value])).toEqual([
      ['cases.handled', 2],
      ['cases.new', 2],
      ['cases.closed', 0],
    ]);
    expect(g).toMatchObject({
      status: 'reached',
      target: { label: '1–3' },
      resultLabel: '2 (nieuwe casussen: 2, afgesloten casussen: 0)',
      scope: { label: 'District Utrecht-Stad' },
      period: yearOf(Y),
    });
    const above = await goal({
      text: 'Hooguit één casus',
      period: yearOf(Y),
      scope: { kind: 'municipality', municipalityCode: 'GM0344' },
      target: { kind: 'range', minimum: 0, maximum: 1 },
      result: computed('cases.handled'),
    });
    expect(above).toMatchObject({
      status: 'above-range',
      figures: [{ value: 2 }],
      scope: { label: 'Gemeente Utrecht' },
    });
    // Before the cases started, nothing was handled: a period of its own.
    const early = await goal({
      text: 'Eerste kwartaal',
      scope: { kind: 'region' },
      period: { from: on('01-01', Y), to: on('02-28', Y) },
      target: { kind: 'number', minimum: 1 },
      result: computed('cases.handled'),
    });
    expect(early).toMatchObject({ status: 'not-reached', figures: [{ value: 0 }] });
  });

  it('counts local meetings held, structural (every quarter) and building, per municipality', async () => {
    const chair = await cast.chair();
    const attending = [await cast.org('politie')];
    const meeting = (districtId: string, municipalityCode: string, date: string) =>
      cast.ok(chair, 'POST', `${api}/meetings`, {
        kind: 'loo',
        districtId,
        municipalityCode,
        date,
        attendingOrganisationIds: attending,
      });
    const Y = 2012;
    for (const d of ['01-20', '04-14', '07-07', '10-06', '11-03'])
      await meeting('utrecht-stad', 'GM0344', on(d, Y));
    // Nieuwegein (West-Utrecht) meets twice: held, in the making.
    for (const d of ['02-10', '09-15']) await meeting('west-utrecht', 'GM0356', on(d, Y));
    const region = await goal({
      text: 'Twee LOO',
      period: yearOf(Y),
      scope: { kind: 'region' },
      target: { kind: 'number', minimum: 2 },
      result: computed('loo.held', 'loo.structural', 'loo.building'),
    });
    expect(region.figures.map((f) => f.value)).toEqual([2, 1, 1]);
    expect(region.status).toBe('reached');
    const west = await goal({
      text: 'LOO in West-Utrecht',
      period: yearOf(Y),
      scope: { kind: 'district', districtId: 'west-utrecht' },
      target: { kind: 'number', minimum: 1 },
      result: computed('loo.structural'),
    });
    expect(west).toMatchObject({ status: 'not-reached', figures: [{ value: 0 }] });
    // A municipality outside the meeting's district, or a DTO of one municipality: refused, both named.
    const bad = await cast.call(chair, 'POST', `${api}/meetings`, {
      kind: 'dto',
      districtId: 'utrecht-stad',
      municipalityCode: 'GM0356',
      date: on('03-03'),
      attendingOrganisationIds: attending,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { code: string }) => p.code)).toEqual(['not_local']);
  });

  it('follows FIU signals of the period: referred for criminal or fiscal follow-up, or a case', async () => {
    const Y = 2013;
    await fiuSignal('GM0344', on('02-01', Y), 'politie');
    await fiuSignal('GM0344', on('03-01', Y), 'belastingdienst');
    await fiuSignal('GM0344', on('04-01', Y), null);
    const signal = await fiuSignal('GM0344', on('05-01', Y), null);
    const analyst = await cast.analyst();
    const move = (body: object) => cast.ok(analyst, 'POST', `${api}/signals/${signal.id}/transitions`, body);
    await move({ type: 'discussed', happenedOn: on('05-02', Y) });
    await move(await substantiated(on('05-02', Y)));
    await move({
      type: 'triaged',
      route: 'integral',
      reason: 'Meerdere partners',
      happenedOn: on('05-03', Y),
    });
    const accepted = await cast.ok<SignalDetail>(
      await cast.chair(),
      'POST',
      `${api}/signals/${signal.id}/transitions`,
      {
        type: 'decided',
        decision: 'accepted',
        happenedOn: on('05-04', Y),
      },
    );
    await newCase(cast, { fromSignal: accepted, startedOn: on('05-10', Y) });
    // Received in another year: not this period's.
    await fiuSignal('GM0344', on('12-20', Y - 1), 'om');
    const g = await goal({
      text: 'Samenwerking met FIU-Nederland intensiveren',
      period: yearOf(Y),
      scope: { kind: 'region' },
      target: { kind: 'qualitative', text: 'Meer gebruik van FIU-informatie' },
      result: computed('fiu.signals', 'fiu.criminal', 'fiu.cases', 'fiu.fiscal'),
    });
    expect(g.figures.map((f) => f.value)).toEqual([4, 1, 1, 1]);
    expect(g.status).toBe('qualitative');
    const elsewhere = await goal({
      text: 'FIU in Flevoland',
      period: yearOf(Y),
      scope: { kind: 'district', districtId: 'flevoland' },
      target: { kind: 'number', minimum: 0 },
      result: computed('fiu.signals'),
    });
    expect(elsewhere.figures[0]?.value).toBe(0);
  });

  it('counts activities by kind, with their municipalities and counts', async () => {
    const analyst = await cast.analyst();
    const Y = 2014;
    const add = (body: object) => cast.ok(analyst, 'POST', `${api}/activities`, body);
    await add({
      kind: 'school-programme',
      title: 'Kapot Sterk',
      heldOn: on('03-01', Y),
      municipalityCode: 'GM0344',
      pupils: 30,
    });
    await add({
      kind: 'school-programme',
      title: 'Kapot Sterk',
      heldOn: on('04-01', Y),
      municipalityCode: 'GM0356',
      pupils: 40,
    });
    await add({ kind: 'q-college', title: 'Q-college drugs', heldOn: on('05-01', Y), participants: 100 });
    await add({ kind: 'q-college', title: 'Q-college geld', heldOn: on('06-01', Y), participants: 151 });
    const school = await goal({
      text: 'Kapot Sterk op scholen',
      period: yearOf(Y),
      scope: { kind: 'region' },
      target: { kind: 'number', minimum: 2 },
      result: computed(
        ['activities.count', 'school-programme'],
        ['activities.pupils', 'school-programme'],
        ['activities.municipalities', 'school-programme'],
      ),
    });
    expect(school.figures.map((f) => f.value)).toEqual([2, 70, 2]);
    const colleges = await goal({
      text: 'Q-colleges',
      period: yearOf(Y),
      scope: { kind: 'region' },
      target: { kind: 'range', minimum: 100, maximum: 150 },
      result: computed(['activities.participants-average', 'q-college'], ['activities.count', 'q-college']),
    });
    expect(colleges).toMatchObject({ status: 'reached', figures: [{ value: 126 }, { value: 2 }] });
    // In Utrecht-Stad only Utrecht's: activities without a municipality count for the region alone.
    const stad = await goal({
      text: 'Activiteiten in de stad',
      period: yearOf(Y),
      scope: { kind: 'district', districtId: 'utrecht-stad' },
      target: { kind: 'number', minimum: 1 },
      result: computed('activities.count'),
    });
    expect(stad.figures[0]?.value).toBe(1);
    const list = await cast.ok<ActivityList>(
      analyst,
      'GET',
      `${api}/activities?from=${on('01-01', Y)}&to=${on('12-31', Y)}`,
    );
    expect(list.totals).toMatchObject({ activities: 4, municipalities: 2, pupils: 70, participants: 251 });
    const workbook = await cast.call(
      analyst,
      'GET',
      `${api}/activities.xlsx?kind=q-college&from=${on('01-01', Y)}`,
    );
    expect(workbook.statusCode).toBe(200);
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
  });

  it('counts inspections held and integral, and opportunity maps, in their municipality', async () => {
    const Y = 2015;
    const analyst = await cast.analyst();
    const inspect = async (integral: boolean, held: boolean) => {
      const i = await cast.ok<{ id: string }>(analyst, 'POST', `${api}/inspections`, {
        municipalityCode: 'GM0344',
        integral,
        plannedOn: on('06-01', Y),
        organisationIds: [await cast.org('politie'), await cast.org('GM0344')],
      });
      if (held)
        await cast.ok(analyst, 'POST', `${api}/inspections/${i.id}/steps`, {
          type: 'held',
          happenedOn: on('06-02', Y),
        });
    };
    await inspect(true, true);
    await inspect(false, true);
    await inspect(true, false);
    await cast.ok(analyst, 'POST', `${api}/map-layers`, {
      kind: 'opportunity',
      name: `Gelegenheidskaart Utrecht ${Y}`,
      municipalityCode: 'GM0344',
      madeOn: on('07-01', Y),
      csv: 'latitude;longitude;indicator\n52,09;5,12;bedrijventerrein\n',
    });
    const g = await goal({
      text: 'Integrale controles',
      period: yearOf(Y),
      scope: { kind: 'municipality', municipalityCode: 'GM0344' },
      target: { kind: 'number', minimum: 2 },
      result: computed(
        'inspections.integral',
        'inspections.held',
        'inspections.other',
        'maps.opportunity',
        'maps.risk',
      ),
    });
    expect(g.figures.map((f) => f.value)).toEqual([1, 2, 1, 1, 0]);
    expect(g.status).toBe('not-reached');
  });

  it('records a result by hand with its source, and never over a computed one', async () => {
    const manager = await cast.manager();
    const g = await goal({
      text: 'Twee actieweken',
      scope: { kind: 'district', districtId: 'utrecht-stad' },
      target: { kind: 'number', minimum: 2 },
      result: { kind: 'recorded' },
    });
    expect(g).toMatchObject({ status: 'no-result', recorded: [] });
    const url = `${api}/programmes/${plan.id}/goals/${g.id}/results`;
    const after = await cast.ok<Programme>(manager, 'POST', url, {
      value: 2,
      text: '1 integraal en 1 multidisciplinair',
      source: 'Verslag DTO december',
      recordedOn: on('12-20'),
    });
    expect(after.items.find((x) => x.id === g.id)).toMatchObject({
      status: 'reached',
      resultLabel: '2 — 1 integraal en 1 multidisciplinair',
      recorded: [{ value: 2, source: 'Verslag DTO december', recordedOn: on('12-20') }],
    });
    const computedGoal = await goal({
      text: 'Berekend doel',
      scope: { kind: 'region' },
      target: { kind: 'number', minimum: 1 },
      result: computed('cases.handled'),
    });
    const refused = await cast.call(
      manager,
      'POST',
      `${api}/programmes/${plan.id}/goals/${computedGoal?.id}/results`,
      {
        source: 'Eigen telling',
        recordedOn: '2099-01-01',
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .invalidParams.map((p: { code: string }) => p.code)
        .sort(),
    ).toEqual(['computed_result', 'in_the_future', 'result_missing'].sort());
    const unchanged = await cast.ok<Programme>(manager, 'GET', `${api}/programmes/${plan.id}`);
    expect(unchanged.items.find((x) => x.id === computedGoal?.id)?.recorded).toEqual([]);
  });

  it('refuses a bad goal with every error at once, and writes nothing', async () => {
    const manager = await cast.manager();
    const before = await cast.ok<Programme>(manager, 'GET', `${api}/programmes/${plan.id}`);
    const bad = await cast.call(manager, 'POST', `${api}/programmes/${plan.id}/goals`, {
      text: 'Fout doel',
      scope: { kind: 'district', districtId: 'bestaat-niet' },
      period: { from: on('12-01'), to: on('01-01') },
      target: { kind: 'range', minimum: 10, maximum: 5 },
      result: computed(['cases.handled', 'bibob'], ['activities.count', 'bestaat-niet']),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`)
        .sort(),
    ).toEqual(
      [
        'period.to:period_reversed',
        'result.indicators.0.option:option_not_allowed',
        'result.indicators.1.option:unknown_activity_kind',
        'scope.districtId:unknown_district',
        'target.maximum:range_reversed',
      ].sort(),
    );
    const after = await cast.ok<Programme>(manager, 'GET', `${api}/programmes/${plan.id}`);
    expect(after.items).toHaveLength(before.items.length);
    // A goal is changed and removed as a whole.
    const first = await goal({
      text: 'Te wijzigen',
      period: yearOf(2010),
      scope: { kind: 'region' },
      target: { kind: 'number', minimum: 5 },
      result: { kind: 'recorded' },
    });
    const changed = await cast.ok<Programme>(
      manager,
      'PUT',
      `${api}/programmes/${plan.id}/goals/${first.id}`,
      {
        text: 'Geen casussen in 2009',
        period: yearOf(2009),
        scope: { kind: 'district', districtId: 'utrecht-stad' },
        target: { kind: 'number', minimum: 0 },
        result: computed('cases.handled'),
      },
    );
    expect(changed.items.find((g) => g.id === first.id)).toMatchObject({
      text: 'Geen casussen in 2009',
      status: 'reached',
      target: { label: '0' },
      figures: [{ value: 0 }],
    });
    const removed = await cast.ok<Programme>(
      manager,
      'DELETE',
      `${api}/programmes/${plan.id}/goals/${first.id}`,
    );
    expect(removed.items.some((g) => g.id === first.id)).toBe(false);
    const twice = await cast.call(manager, 'POST', `${api}/programmes`, {
      year: YEAR,
      kind: 'district',
      districtId: 'utrecht-stad',
      name: `Districtsplan Utrecht-Stad ${YEAR}`,
    });
    expect(
      twice
        .json()
        .invalidParams.map((p: { code: string }) => p.code)
        .sort(),
    ).toEqual(['name_taken', 'plan_exists']);
  });

  it('shows steering roles the programmes, partners none, and gates the case progress for partners', async () => {
    const staff = await cast.staff('GM0344');
    expect((await cast.call(staff, 'GET', `${api}/programmes`)).statusCode).toBe(403);
    expect((await cast.call(staff, 'GET', `${api}/programmes/${plan.id}`)).statusCode).toBe(404);
    const chair = await cast.chair();
    expect(
      (await cast.call(chair, 'GET', `${api}/programmes?year=${YEAR}`))
        .json()
        .items.map((p: Programme) => p.id),
    ).toEqual([plan.id]);
    const aGoal = {
      text: 'Een doel',
      scope: { kind: 'region' },
      target: { kind: 'number', minimum: 1 },
      result: { kind: 'recorded' },
    };
    expect((await cast.call(chair, 'POST', `${api}/programmes/${plan.id}/goals`, aGoal)).statusCode).toBe(
      404,
    );
    for (const d of ['02-01', '03-01', '04-01']) await newCase(cast, { startedOn: on(d, 2010) });
    const gated = await cast.ok<CaseProgress>(staff, 'GET', `${api}/case-progress?year=2010`);
    const exact = await cast.ok<CaseProgress>(await cast.analyst(), 'GET', `${api}/case-progress?year=2010`);
    const stad = (p: CaseProgress) => p.districts.find((d) => d.district.id === 'utrecht-stad');
    expect(exact.protected).toBe(false);
    expect(stad(exact)).toMatchObject({ handled: 3, new: 3 });
    expect(stad(exact)?.byPhase.find((p) => p.phase === 'start')?.count).toBe(3);
    // Three cases are fewer than the covenant's minimum of five: the partner sees none of them.
    expect(gated).toMatchObject({ protected: true, minimum: 5 });
    expect(stad(gated)).toMatchObject({ handled: null, new: null });
    expect(stad(gated)?.leadTime.startToFirstInterventionMedianDays).toBeNull();
  });
});
