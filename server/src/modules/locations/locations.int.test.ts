import type {
  Inspection,
  LocationDetail,
  LocationPage,
  LocationProject,
  ProjectFigures,
  ProjectMap,
  RegionMap,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  dutchDay,
  newCase,
  newSignal,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * Places: a project's locations walk their status path with real dates, inspections are held
 * with partners, findings and follow-up, the figures come from those records, and each reader
 * sees only the locations of their own organisation, municipality or cases.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

let serial = 0;
async function project(baselineOn = '2020-01-31'): Promise<LocationProject> {
  serial += 1;
  return cast.ok<LocationProject>(await cast.analyst(), 'POST', '/api/v1/location-projects', {
    name: `Risicolocaties test ${serial} ${Math.random().toString(36).slice(2, 7)}`,
    districtId: 'utrecht-stad',
    baselineOn,
  });
}

async function flag(
  options: {
    projectId?: string;
    on?: string;
    inBaseline?: boolean;
    municipalityCode?: string;
    by?: string;
  } = {},
): Promise<LocationDetail> {
  const who = options.by ? await cast.staff(options.by) : await cast.analyst();
  return cast.ok<LocationDetail>(who, 'POST', '/api/v1/locations', {
    kind: 'business-unit',
    municipalityCode: options.municipalityCode ?? 'GM0344',
    address: { street: 'Industrieweg', houseNumber: 10 + serial, postcode: '3542 AD', place: 'Utrecht' },
    ...(options.projectId ? { projectId: options.projectId } : {}),
    ...(options.inBaseline ? { inBaseline: true } : {}),
    ...(options.on ? { happenedOn: options.on } : {}),
  });
}

async function step(id: string, type: string, happenedOn?: string) {
  return cast.call(await cast.analyst(), 'POST', `/api/v1/locations/${id}/steps`, {
    type,
    ...(happenedOn ? { happenedOn } : {}),
  });
}

describe(`places on ${testEngine()}`, () => {
  it('walks the status path with its dates, and refuses a skipped step, a future date and a date before the last step', async () => {
    const p = await project();
    const location = await flag({ projectId: p.id, on: '2020-01-10', inBaseline: true });
    expect(location.status).toBe('flagged');
    expect(location.nextSteps).toEqual(['looked-into']);

    const skipped = await step(location.id, 'addressed', '2020-03-01');
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().detail).toBe('Na "gesignaleerd" volgt "onderzocht", niet "aangepakt".');

    const future = await step(location.id, 'looked-into', dutchDay(2));
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams[0]).toMatchObject({ name: 'happenedOn', code: 'in_the_future' });

    const before = await step(location.id, 'looked-into', '2019-12-31');
    expect(before.statusCode).toBe(400);
    expect(before.json().invalidParams[0].name).toBe('happenedOn');

    for (const [type, on] of [
      ['looked-into', '2020-02-01'],
      ['confirmed', '2020-03-01'],
      ['addressed', '2021-04-01'],
      ['closed', '2021-05-01'],
    ] as const)
      expect((await step(location.id, type, on)).statusCode).toBe(200);
    const done = await cast.ok<LocationDetail>(
      await cast.analyst(),
      'GET',
      `/api/v1/locations/${location.id}`,
    );
    expect(done.status).toBe('closed');
    expect(done.statusSince).toBe('2021-05-01');
    expect(done.events.map((e) => [e.type, e.happenedOn])).toEqual([
      ['flagged', '2020-01-10'],
      ['looked-into', '2020-02-01'],
      ['confirmed', '2020-03-01'],
      ['addressed', '2021-04-01'],
      ['closed', '2021-05-01'],
    ]);
    expect(done.nextSteps).toEqual([]);
    expect((await step(location.id, 'looked-into')).statusCode).toBe(409);
  });

  it('refuses a baseline location flagged after the baseline, and a location nobody could find', async () => {
    const p = await project('2020-01-31');
    const late = await cast.call(await cast.analyst(), 'POST', '/api/v1/locations', {
      kind: 'shed',
      municipalityCode: 'GM0344',
      name: 'Loods',
      projectId: p.id,
      inBaseline: true,
      happenedOn: '2020-06-01',
    });
    expect(late.statusCode, late.body).toBe(400);
    expect(late.json().invalidParams.map((e: { code: string }) => e.code)).toEqual(['after_baseline']);
    const nowhere = await cast.call(await cast.analyst(), 'POST', '/api/v1/locations', {
      kind: 'shed',
      municipalityCode: 'GM9999',
    });
    expect(nowhere.statusCode, nowhere.body).toBe(400);
    expect(
      nowhere
        .json()
        .invalidParams.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['no_place', 'unknown_municipality']);
  });

  it("computes a project's figures for a period from the steps and inspections", async () => {
    const p = await project('2020-01-31');
    const base = [];
    for (let i = 0; i < 3; i += 1)
      base.push(await flag({ projectId: p.id, on: '2020-01-15', inBaseline: true }));
    const new2020 = [
      await flag({ projectId: p.id, on: '2020-06-01' }),
      await flag({ projectId: p.id, on: '2020-07-01' }),
    ];
    await flag({ projectId: p.id, on: '2021-03-01', municipalityCode: 'GM0356' });
    await flag({ projectId: p.id, on: '2022-01-05' }); // after the period: not counted
    const [a, b, c] = base;
    if (!a || !b || !c) throw new Error('no baseline');
    // a: looked into 2020, confirmed 2020, addressed 2021; b: looked into 2021, dispelled 2021;
    // c: looked into 2021; the first new one looked into 2022 (after the period).
    for (const [id, type, on] of [
      [a.id, 'looked-into', '2020-05-01'],
      [a.id, 'confirmed', '2020-06-01'],
      [a.id, 'addressed', '2021-02-01'],
      [b.id, 'looked-into', '2021-03-01'],
      [b.id, 'dispelled', '2021-04-01'],
      [c.id, 'looked-into', '2021-05-01'],
      [new2020[0]?.id ?? '', 'looked-into', '2022-01-10'],
    ] as const)
      expect((await step(id, type, on)).statusCode).toBe(200);
    const analyst = await cast.analyst();
    const inspect = async (integral: boolean, heldOn: string, municipalityCode = 'GM0344') => {
      const created = await cast.ok<Inspection>(analyst, 'POST', '/api/v1/inspections', {
        municipalityCode,
        integral,
        plannedOn: heldOn,
        projectId: p.id,
        organisationIds: [await cast.org('politie')],
        locationIds: [a.id],
      });
      await cast.ok(analyst, 'POST', `/api/v1/inspections/${created.id}/steps`, {
        type: 'held',
        happenedOn: heldOn,
      });
    };
    await inspect(true, '2021-03-10');
    await inspect(false, '2021-06-10', 'GM0356');
    await inspect(true, '2020-11-10'); // before the period
    const figures = await cast.ok<ProjectFigures>(
      analyst,
      'GET',
      `/api/v1/location-projects/${p.id}/figures?from=2021-01-01&to=2021-12-31`,
    );
    expect(figures.total).toEqual({
      flagged: 6,
      flaggedInBaseline: 3,
      flaggedNew: 1,
      lookedInto: 3,
      lookedIntoInPeriod: 2,
      confirmed: 1,
      dispelled: 1,
      open: 4,
      addressed: 1,
      addressedInPeriod: 1,
      inspections: 2,
      integralInspections: 1,
      addressedMunicipalities: 1,
    });
    expect(figures.municipalities.map((m) => [m.municipality.name, m.flagged, m.inspections])).toEqual([
      ['Nieuwegein', 1, 1],
      ['Utrecht', 5, 1],
    ]);
    expect(figures.protected).toBe(false);
    // The programme manager sees the totals, and only municipalities with at least five, rounded.
    const manager = await cast.ok<ProjectFigures>(
      await cast.manager(),
      'GET',
      `/api/v1/location-projects/${p.id}/figures?from=2021-01-01&to=2021-12-31`,
    );
    expect(manager.protected).toBe(true);
    expect(manager.total.flagged).toBe(6);
    expect(
      manager.municipalities.map((m) => [m.municipality.name, m.flagged, m.open, m.inspections]),
    ).toEqual([['Utrecht', 5, 5, 0]]);
  });

  it('shows a location to its own municipality and organisation, to the partners of its case, and to nobody else', async () => {
    const location = await flag({ by: 'GM0344' });
    const utrecht = await cast.staff('GM0344');
    const police = await cast.staff('politie');
    const amersfoort = await cast.staff('GM0307');
    expect((await cast.call(utrecht, 'GET', `/api/v1/locations/${location.id}`)).statusCode).toBe(200);
    expect((await cast.call(police, 'GET', `/api/v1/locations/${location.id}`)).statusCode).toBe(404);
    expect((await cast.call(amersfoort, 'GET', `/api/v1/locations/${location.id}`)).statusCode).toBe(404);
    const listed = async (who: typeof police) =>
      (await cast.ok<LocationPage>(who, 'GET', '/api/v1/locations?pageSize=100')).items.some(
        (l) => l.id === location.id,
      );
    expect(await listed(police)).toBe(false);
    expect(await listed(utrecht)).toBe(true);
    // Tied to a case the police take part in, the police see it (and list it).
    const caseDetail = await newCase(cast);
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/locations/${location.id}/cases`, {
      caseId: caseDetail.id,
    });
    expect((await cast.call(police, 'GET', `/api/v1/locations/${location.id}`)).statusCode).toBe(200);
    expect(await listed(police)).toBe(true);
    expect(await listed(amersfoort)).toBe(false);
    // Reading, not managing: the police may not take its next step.
    const refused = await cast.call(police, 'POST', `/api/v1/locations/${location.id}/steps`, {
      type: 'looked-into',
    });
    expect(refused.statusCode).toBe(404);
    // Steering roles read no location at all.
    expect((await cast.call(await cast.manager(), 'GET', '/api/v1/locations')).statusCode).toBe(403);
  });

  it('maps the points a reader may open, the cells through the gate, and a cluster as a hotspot', async () => {
    const p = await project();
    const put = async (latitude: number, longitude: number, by?: string) =>
      (
        await cast.ok<LocationDetail>(
          by ? await cast.staff(by) : await cast.analyst(),
          'POST',
          '/api/v1/locations',
          {
            kind: 'business-unit',
            // The RIEC's in Nieuwegein, Utrecht's own in Utrecht: Utrecht's staff see only theirs.
            municipalityCode: by ? 'GM0344' : 'GM0356',
            name: 'Unit',
            projectId: p.id,
            point: { latitude, longitude },
            happenedOn: '2021-03-01',
          },
        )
      ).id;
    // Twelve units on one business park, six scattered over the city, one flagged by Utrecht itself.
    for (let i = 0; i < 12; i += 1) await put(52.1 + i * 0.0002, 5.05 + i * 0.0002);
    for (let i = 0; i < 6; i += 1) await put(52.05 + i * 0.02, 5.0 + (i % 3) * 0.06);
    const own = await put(52.09, 5.12, 'GM0344');
    const url = `/api/v1/location-projects/${p.id}/map?year=2021`;
    const analyst = await cast.ok<ProjectMap>(await cast.analyst(), 'GET', url);
    expect(analyst.points).toHaveLength(19);
    expect(analyst.cells.reduce((sum, c) => sum + c.count, 0)).toBe(19);
    expect(analyst.hotspots.some((h) => h.class.startsWith('hot') && (h.z ?? 0) > 0)).toBe(true);
    expect(analyst.neighbourhood).toMatchObject({ resolution: 8, ring: 1 });
    // Utrecht's staff see their own point only; the cells and hotspots through the gate.
    const utrecht = await cast.ok<ProjectMap>(await cast.staff('GM0344'), 'GET', url);
    expect(utrecht.points.map((x) => x.id)).toEqual([own]);
    expect(utrecht.protected).toBe(true);
    expect(utrecht.cells.every((c) => c.count >= 5 && c.count % 5 === 0)).toBe(true);
    expect(utrecht.hotspots.every((h) => h.z === null)).toBe(true);
    // The programme manager sees no point at all.
    const manager = await cast.ok<ProjectMap>(await cast.manager(), 'GET', url);
    expect(manager.points).toEqual([]);
    expect(manager.cells.length).toBeGreaterThan(0);
  });

  it("gates with the collaboration's own smallest group when it sets more than five", async () => {
    const p = await project();
    for (let i = 0; i < 7; i += 1)
      await cast.ok(await cast.analyst(), 'POST', '/api/v1/locations', {
        kind: 'shed',
        municipalityCode: 'GM0344',
        name: 'Loods',
        projectId: p.id,
        point: { latitude: 52.1 + i * 0.0001, longitude: 5.1 },
        happenedOn: '2021-03-01',
      });
    const figures = `/api/v1/location-projects/${p.id}/figures?from=2021-01-01&to=2021-12-31`;
    const map = `/api/v1/location-projects/${p.id}/map?year=2021`;
    const manager = await cast.manager();
    const seen = async () => ({
      rows: (await cast.ok<ProjectFigures>(manager, 'GET', figures)).municipalities.map((m) => m.flagged),
      cells: (await cast.ok<ProjectMap>(manager, 'GET', map)).cells.map((c) => c.count),
    });
    expect(await seen()).toEqual({ rows: [5], cells: [5] });
    const collaborationId = (
      await cast.ok<{ items: Array<{ id: string; kind: string }> }>(
        await cast.member(['administrator']),
        'GET',
        '/api/v1/collaborations',
      )
    ).items.find((c) => c.kind === 'covenant')?.id;
    const setMinimum = async (minimum: number) =>
      cast.ok(
        await cast.member(['administrator']),
        'PUT',
        `/api/v1/collaborations/${collaborationId}/disclosure`,
        { minimum },
      );
    await setMinimum(10);
    try {
      expect(await seen()).toEqual({ rows: [], cells: [] });
      // The analyst, who may open every location of the region, is not gated.
      const analyst = await cast.ok<ProjectMap>(await cast.analyst(), 'GET', map);
      expect(analyst.cells.map((c) => c.count)).toEqual([7]);
    } finally {
      await setMinimum(5);
    }
  });

  it("maps the region's signals, cases and locations as aggregates at their addresses, through the gate", async () => {
    // An invented register: two neighbouring addresses in Utrecht and one in Amersfoort (RD metres).
    const register = [
      'postcode;huisnummer;huisletter;toevoeging;straat;woonplaats;gemeentecode;x;y',
      '3454ZZ;1;;;Verzonnenlaan;Utrecht;GM0344;131000;455000',
      '3454ZZ;2;A;;Verzonnenlaan;Utrecht;GM0344;131020;455010',
      '3811ZZ;5;;;Bedachtweg;Amersfoort;GM0307;155000;463000',
    ].join('\n');
    const loaded = await cast.call(
      await cast.member(['administrator']),
      'PUT',
      '/api/v1/address-register?fileName=register.csv',
      register,
      { 'content-type': 'text/csv' },
    );
    expect(loaded.statusCode, loaded.body).toBe(200);
    const address = (postcode: string, houseNumber: number, houseNumberAddition?: string) => ({
      kind: 'address' as const,
      postcode,
      houseNumber,
      ...(houseNumberAddition ? { houseNumberAddition } : {}),
    });
    // Six signals at the two Utrecht addresses (one of them as a person's address), one in Amersfoort.
    for (let i = 0; i < 5; i += 1)
      await newSignal(cast, { subjects: [address('3454 zz', i % 2 ? 1 : 2, i % 2 ? undefined : 'a')] });
    await newSignal(cast, {
      subjects: [
        {
          kind: 'person',
          firstNames: 'Jan',
          surname: 'Verzonnen',
          address: { postcode: '3454ZZ', houseNumber: 1 },
        },
      ],
    });
    await newSignal(cast, { subjects: [address('3811ZZ', 5)] });
    // A case at a location tied to it, in Amersfoort.
    const c = await newCase(cast);
    const location = await cast.ok<LocationDetail>(await cast.analyst(), 'POST', '/api/v1/locations', {
      kind: 'shed',
      municipalityCode: 'GM0307',
      name: 'Loods',
      point: { latitude: 52.156, longitude: 5.387 },
    });
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/locations/${location.id}/cases`, { caseId: c.id });

    const year = Number(dutchDay().slice(0, 4));
    const url = `/api/v1/region-map?year=${year}`;
    const analyst = await cast.ok<RegionMap>(await cast.analyst(), 'GET', url);
    expect(analyst.protected).toBe(false);
    const counts = (cells: RegionMap['layers']['signals']['cells']) => cells.map((x) => x.count).sort();
    // The other tests' signals name no address in this register: only these seven are placed.
    expect(counts(analyst.layers.signals.cells)).toEqual([1, 6]);
    expect(analyst.layers.signals.placed).toBe(7);
    expect(analyst.layers.signals.records).toBeGreaterThanOrEqual(7);
    expect(analyst.layers.cases.cells.map((x) => x.count)).toEqual([1]);
    expect(analyst.layers.locations.cells.reduce((sum, x) => sum + x.count, 0)).toBeGreaterThan(0);
    // Steering roles and partners get the cells of five or more, rounded, and rounded totals.
    for (const reader of [await cast.manager(), await cast.staff('GM0344')]) {
      const gated = await cast.ok<RegionMap>(reader, 'GET', url);
      expect(gated.protected).toBe(true);
      expect(gated.minimum).toBe(5);
      expect(gated.layers.signals.cells.map((x) => x.count)).toEqual([5]);
      expect(gated.layers.signals.placed).toBe(5);
      expect(gated.layers.cases.cells).toEqual([]);
      expect((gated.layers.signals.records ?? 0) % 5).toBe(0);
    }
    // A year without records: empty layers, no error.
    const empty = await cast.ok<RegionMap>(await cast.analyst(), 'GET', '/api/v1/region-map?year=2001');
    expect(empty.layers.signals).toEqual({ cells: [], records: 0, placed: 0 });
  });

  it('logs every subject a location shows, in the same action', async () => {
    const signal = await newSignal(cast);
    const sighting = await t.database.db
      .selectFrom('subjectSightings')
      .select('subjectId')
      .where('signalId', '=', signal.id)
      .executeTakeFirstOrThrow();
    const location = await flag();
    const analyst = await cast.analyst();
    const tied = await cast.ok<LocationDetail>(analyst, 'POST', `/api/v1/locations/${location.id}/subjects`, {
      subjectId: sighting.subjectId,
      role: 'tenant',
    });
    expect(tied.subjects.map((s) => s.role)).toEqual(['tenant']);
    const response = await cast.call(analyst, 'GET', `/api/v1/locations/${location.id}`);
    const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('processingLog')
      .select(['recordType', 'recordId', 'dataSubjectPseudonym'])
      .where('traceId', '=', traceId)
      .execute();
    expect(logged.filter((r) => r.dataSubjectPseudonym)).toEqual([
      expect.objectContaining({ recordType: 'location', recordId: location.id }),
    ]);
  });

  it('holds an inspection with partners, records findings per partner and what followed', async () => {
    const analyst = await cast.analyst();
    const police = await cast.staff('politie');
    const location = await flag();
    const planned = await cast.ok<Inspection>(analyst, 'POST', '/api/v1/inspections', {
      municipalityCode: 'GM0344',
      integral: true,
      plannedOn: dutchDay(7),
      organisationIds: [await cast.org('politie'), await cast.org('GM0344')],
      locationIds: [location.id],
    });
    expect(planned.organisations.map((o) => o.name).sort()).toEqual(
      ['Gemeente Utrecht', 'Politie eenheid Midden-Nederland', 'RIEC Midden-Nederland'].sort(),
    );
    const early = await cast.call(police, 'POST', `/api/v1/inspections/${planned.id}/findings`, {
      organisationId: await cast.org('politie'),
      kind: 'drugs',
      description: 'Hennep',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().invalidParams[0].code).toBe('not_held');
    await cast.ok(police, 'POST', `/api/v1/inspections/${planned.id}/steps`, { type: 'held' });
    const again = await cast.call(police, 'POST', `/api/v1/inspections/${planned.id}/steps`, {
      type: 'cancelled',
    });
    expect(again.statusCode).toBe(409);
    const forOthers = await cast.call(police, 'POST', `/api/v1/inspections/${planned.id}/findings`, {
      organisationId: await cast.org('GM0344'),
      kind: 'permit',
      description: 'Geen omgevingsvergunning',
    });
    expect(forOthers.statusCode).toBe(400);
    expect(forOthers.json().invalidParams[0].code).toBe('other_partner');
    await cast.ok(police, 'POST', `/api/v1/inspections/${planned.id}/findings`, {
      organisationId: await cast.org('politie'),
      kind: 'drugs',
      description: 'Hennepkwekerij van 400 planten',
      count: 400,
    });
    const signal = await newSignal(cast, { by: 'politie' });
    const after = await cast.ok<Inspection>(police, 'POST', `/api/v1/inspections/${planned.id}/follow-ups`, {
      kind: 'signal',
      signalId: signal.id,
    });
    expect(after.findings.map((f) => [f.organisation.name, f.kind, f.count])).toEqual([
      ['Politie eenheid Midden-Nederland', 'drugs', 400],
    ]);
    expect(after.followUps.map((f) => [f.kind, f.signalId, f.label])).toEqual([
      ['signal', signal.id, signal.reference],
    ]);
    // Utrecht took part in the inspection but may not open the police's signal: a signal followed, not which.
    const utrecht = await cast.ok<Inspection>(
      await cast.staff('GM0344'),
      'GET',
      `/api/v1/inspections/${planned.id}`,
    );
    expect(utrecht.followUps.map((f) => [f.kind, f.signalId, f.label])).toEqual([['signal', null, null]]);
    // The police see the inspection, not the location the RIEC flagged: that is Utrecht's and the RIEC's.
    expect(after.locations).toEqual([]);
    const seen = await cast.ok<Inspection>(analyst, 'GET', `/api/v1/inspections/${planned.id}`);
    expect(seen.locations.map((l) => l.id)).toEqual([location.id]);
    // Amersfoort took no part and is another municipality: it does not know the inspection exists.
    expect(
      (await cast.call(await cast.staff('GM0307'), 'GET', `/api/v1/inspections/${planned.id}`)).statusCode,
    ).toBe(404);
  });
});
