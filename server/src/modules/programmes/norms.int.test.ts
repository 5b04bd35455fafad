import type { NormDetail, NormMatrix, NormReview, NormTimeline } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  createUser,
  dutchDay,
  OTHER_REGION,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * Norm monitoring through the API: a norm's dated statuses as of a day (the matrix) and per
 * member (the timeline), a new version, the review whose agenda is the open points, refusals
 * that name every problem and write nothing, and who may do what.
 */
let t: TestApp;
let cast: Cast;
const members: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
  for (const code of ['GM0034', 'GM0995', 'PV24', 'politie']) members[code] = await cast.org(code);
});
afterAll(async () => t?.close());

const name = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const ambitions = [
  { code: 'A1', title: 'Ambitie 1 (voorbeeld)' },
  { code: 'A2', title: 'Ambitie 2 (voorbeeld)' },
  { code: 'A3', title: 'Ambitie 3 (voorbeeld)' },
];

/** A norm of Flevoland for Almere, Lelystad and the province, from 1 January 2021. */
async function newNorm(): Promise<NormDetail> {
  return cast.ok<NormDetail>(await cast.analyst(), 'POST', '/api/v1/norms', {
    name: name('Flevolandse norm'),
    districtId: 'flevoland',
    validFrom: '2021-01-01',
    ambitions,
    memberIds: [members.PV24, members.GM0995, members.GM0034],
  });
}

async function status(
  normId: string,
  member: string,
  ambitionCode: string,
  value: 'not-started' | 'in-progress' | 'met',
  happenedOn: string,
) {
  return cast.ok(await cast.analyst(), 'POST', `/api/v1/norms/${normId}/statuses`, {
    organisationId: members[member],
    ambitionCode,
    status: value,
    happenedOn,
    ...(value === 'met' ? { evidence: `Raadsbesluit over ${ambitionCode}` } : {}),
  });
}

const cells = (matrix: NormMatrix) =>
  Object.fromEntries(
    matrix.members.map((m) => [
      m.name,
      m.cells.map((c) => `${c.ambitionCode}:${c.status}:${c.since ?? '-'}`),
    ]),
  );

describe(`norm monitoring on ${testEngine()}`, () => {
  it('shows the statuses as of each day in the matrix and per member on the timeline, across versions', async () => {
    const norm = await newNorm();
    expect(norm.versions[0]?.members.map((m) => m.name)).toEqual([
      'Gemeente Almere',
      'Gemeente Lelystad',
      'Provincie Flevoland',
    ]);
    await status(norm.id, 'GM0034', 'A1', 'in-progress', '2021-03-01');
    await status(norm.id, 'GM0995', 'A2', 'met', '2021-05-01');
    await status(norm.id, 'GM0034', 'A1', 'met', '2021-09-01');
    // Recorded after the fact: it counts from the day it happened.
    await status(norm.id, 'PV24', 'A3', 'in-progress', '2021-02-15');
    const analyst = await cast.analyst();
    const matrixOn = (on: string) =>
      cast.ok<NormMatrix>(analyst, 'GET', `/api/v1/norms/${norm.id}/matrix?on=${on}`);

    expect(cells(await matrixOn('2020-12-31'))).toEqual({
      'Gemeente Almere': ['A1:not-started:-', 'A2:not-started:-', 'A3:not-started:-'],
      'Gemeente Lelystad': ['A1:not-started:-', 'A2:not-started:-', 'A3:not-started:-'],
      'Provincie Flevoland': ['A1:not-started:-', 'A2:not-started:-', 'A3:not-started:-'],
    });
    const midyear = await matrixOn('2021-06-30');
    expect(cells(midyear)).toEqual({
      'Gemeente Almere': ['A1:in-progress:2021-03-01', 'A2:not-started:-', 'A3:not-started:-'],
      'Gemeente Lelystad': ['A1:not-started:-', 'A2:met:2021-05-01', 'A3:not-started:-'],
      'Provincie Flevoland': ['A1:not-started:-', 'A2:not-started:-', 'A3:in-progress:2021-02-15'],
    });
    expect(midyear.totals).toEqual({ met: 1, inProgress: 2, notStarted: 6 });
    expect(midyear.members.find((m) => m.name === 'Gemeente Lelystad')?.cells[1]?.evidence).toBe(
      'Raadsbesluit over A2',
    );
    expect(midyear.ambitionCounts.map((a) => [a.ambitionCode, a.met, a.inProgress])).toEqual([
      ['A1', 0, 1],
      ['A2', 1, 0],
      ['A3', 0, 1],
    ]);
    expect((await matrixOn('2021-12-31')).members[0]?.counts).toEqual({
      met: 1,
      inProgress: 0,
      notStarted: 2,
    });

    // Version 2 from 2022: a fourth ambition, Lelystad no longer a member; A1 keeps its status.
    const analystSession = await cast.analyst();
    await cast.ok(analystSession, 'POST', `/api/v1/norms/${norm.id}/versions`, {
      validFrom: '2022-01-01',
      ambitions: [...ambitions, { code: 'A4', title: 'Ambitie 4 (voorbeeld)' }],
      memberIds: [members.GM0034, members.PV24],
      note: 'Ambitie 4 toegevoegd',
    });
    const v2 = await matrixOn('2022-06-01');
    expect(v2.version).toEqual({ number: 2, validFrom: '2022-01-01' });
    expect(cells(v2)).toEqual({
      'Gemeente Almere': ['A1:met:2021-09-01', 'A2:not-started:-', 'A3:not-started:-', 'A4:not-started:-'],
      'Provincie Flevoland': [
        'A1:not-started:-',
        'A2:not-started:-',
        'A3:in-progress:2021-02-15',
        'A4:not-started:-',
      ],
    });
    expect((await matrixOn('2021-06-30')).version.number).toBe(1);

    const timeline = await cast.ok<NormTimeline>(
      analyst,
      'GET',
      `/api/v1/norms/${norm.id}/members/${members.GM0034}`,
    );
    expect(timeline.member).toEqual({ id: members.GM0034, name: 'Gemeente Almere', kind: 'municipality' });
    expect(timeline.entries.map((e) => [e.happenedOn, e.ambitionCode, e.previousStatus, e.status])).toEqual([
      ['2021-03-01', 'A1', 'not-started', 'in-progress'],
      ['2021-09-01', 'A1', 'in-progress', 'met'],
    ]);
    expect(timeline.entries[1]).toMatchObject({
      ambitionTitle: 'Ambitie 1 (voorbeeld)',
      evidence: 'Raadsbesluit over A1',
      organisation: { name: 'RIEC Midden-Nederland' },
    });
    expect(timeline.counts).toEqual({ met: 1, inProgress: 0, notStarted: 3 });
    // A member of no version has no timeline.
    const police = await cast.call(analyst, 'GET', `/api/v1/norms/${norm.id}/members/${members.politie}`);
    expect(police.statusCode).toBe(404);
  });

  it("holds a review whose agenda is the points open on its day, and records a point's outcome", async () => {
    const norm = await newNorm();
    await status(norm.id, 'GM0034', 'A1', 'met', '2021-04-01');
    await status(norm.id, 'GM0034', 'A2', 'in-progress', '2021-04-15');
    await status(norm.id, 'GM0995', 'A1', 'met', '2021-05-01');
    await status(norm.id, 'GM0995', 'A2', 'met', '2021-05-01');
    await status(norm.id, 'GM0995', 'A3', 'met', '2021-07-01');
    const manager = await cast.manager();
    const review = await cast.ok<NormReview>(manager, 'POST', `/api/v1/norms/${norm.id}/reviews`, {
      heldOn: '2021-06-10',
      note: 'Zeswekelijks overleg van de districtelijke werkgroep',
    });
    expect(review.points.map((p) => `${p.member.name} ${p.ambitionCode} ${p.status}`)).toEqual([
      'Gemeente Almere A2 in-progress',
      'Gemeente Almere A3 not-started',
      'Gemeente Lelystad A3 not-started',
      'Provincie Flevoland A1 not-started',
      'Provincie Flevoland A2 not-started',
      'Provincie Flevoland A3 not-started',
    ]);
    expect(review.points[0]).toMatchObject({ since: '2021-04-15', ambitionTitle: 'Ambitie 2 (voorbeeld)' });
    const point = review.points.find(
      (p) => p.member.name === 'Provincie Flevoland' && p.ambitionCode === 'A1',
    );
    const updated = await cast.ok<NormReview>(
      manager,
      'PUT',
      `/api/v1/norm-reviews/${review.id}/points/${point?.id}`,
      { outcome: 'Provincie legt voor 1 september een plan voor.' },
    );
    expect(updated.points.filter((p) => p.outcome)).toEqual([
      expect.objectContaining({ id: point?.id, outcome: 'Provincie legt voor 1 september een plan voor.' }),
    ]);
    // The agenda stays as it was, whatever is recorded about that day later.
    await status(norm.id, 'PV24', 'A2', 'met', '2021-06-01');
    const chair = await cast.chair();
    const read = await cast.ok<NormReview>(chair, 'GET', `/api/v1/norm-reviews/${review.id}`);
    expect(read.points).toHaveLength(6);
    expect(read.canManage).toBe(false);
    const detail = await cast.ok<NormDetail>(chair, 'GET', `/api/v1/norms/${norm.id}`);
    expect(detail.reviews).toEqual([
      expect.objectContaining({ id: review.id, heldOn: '2021-06-10', points: 6, outcomes: 1 }),
    ]);
    // A chair reads but does not record; a point of another review is not found.
    const refused = await cast.call(chair, 'PUT', `/api/v1/norm-reviews/${review.id}/points/${point?.id}`, {
      outcome: 'Nee',
    });
    expect(refused.statusCode).toBe(404);
    const other = await cast.ok<NormReview>(manager, 'POST', `/api/v1/norms/${norm.id}/reviews`, {
      heldOn: '2021-07-22',
    });
    expect(other.points).toHaveLength(4);
    const wrong = await cast.call(manager, 'PUT', `/api/v1/norm-reviews/${other.id}/points/${point?.id}`, {
      outcome: 'Verkeerd punt',
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('refuses bad input with every problem at once and writes nothing', async () => {
    const analyst = await cast.analyst();
    const norm = await newNorm();
    const bad = await cast.call(analyst, 'POST', '/api/v1/norms', {
      name: norm.name,
      districtId: 'atlantis',
      validFrom: '2021-01-01',
      ambitions: [
        { code: 'A1', title: 'Een' },
        { code: 'a1', title: 'Twee' },
        { code: 'A 3', title: '' },
      ],
      memberIds: [members.GM0034, members.politie],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code])).toEqual([
      ['ambitions.2.code', 'invalid_format'],
      ['ambitions.2.title', 'too_small'],
    ]);
    const fixed = await cast.call(analyst, 'POST', '/api/v1/norms', {
      name: norm.name,
      districtId: 'atlantis',
      validFrom: '2021-01-01',
      ambitions: [
        { code: 'A1', title: 'Een' },
        { code: 'a1', title: 'Twee' },
      ],
      memberIds: [members.GM0034, members.politie],
    });
    expect(fixed.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code])).toEqual([
      ['name', 'name_taken'],
      ['ambitions.1.code', 'duplicate_code'],
      ['memberIds.1', 'not_a_member'],
      ['districtId', 'unknown_district'],
    ]);
    const statuses = await cast.call(analyst, 'POST', `/api/v1/norms/${norm.id}/statuses`, {
      organisationId: members.politie,
      ambitionCode: 'A9',
      status: 'met',
      happenedOn: dutchDay(3),
    });
    expect(statuses.statusCode).toBe(400);
    expect(
      statuses.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code]),
    ).toEqual([
      ['happenedOn', 'in_the_future'],
      ['organisationId', 'not_a_member'],
      ['ambitionCode', 'unknown_ambition'],
      ['evidence', 'evidence_missing'],
    ]);
    const early = await cast.call(analyst, 'POST', `/api/v1/norms/${norm.id}/statuses`, {
      organisationId: members.GM0034,
      ambitionCode: 'A1',
      status: 'in-progress',
      happenedOn: '2020-06-01',
    });
    expect(early.json().invalidParams.map((p: { code: string }) => p.code)).toEqual(['before_norm']);
    await status(norm.id, 'GM0034', 'A1', 'met', '2021-08-01');
    const backwards = await cast.call(analyst, 'POST', `/api/v1/norms/${norm.id}/statuses`, {
      organisationId: members.GM0034,
      ambitionCode: 'A1',
      status: 'in-progress',
      happenedOn: '2021-07-01',
    });
    expect(backwards.json().invalidParams.map((p: { code: string }) => p.code)).toEqual([
      'before_previous_step',
    ]);
    const version = await cast.call(analyst, 'POST', `/api/v1/norms/${norm.id}/versions`, {
      validFrom: '2021-01-01',
      ambitions,
      memberIds: [members.GM0034],
    });
    expect(version.json().invalidParams.map((p: { code: string }) => p.code)).toEqual(['not_after_previous']);
    // Nothing of it was written: one norm of that name, one status, one version.
    const { items } = await cast.ok<{ items: Array<{ name: string }> }>(analyst, 'GET', '/api/v1/norms');
    expect(items.filter((n) => n.name === norm.name)).toHaveLength(1);
    const timeline = await cast.ok<NormTimeline>(
      analyst,
      'GET',
      `/api/v1/norms/${norm.id}/members/${members.GM0034}`,
    );
    expect(timeline.entries).toHaveLength(1);
    expect((await cast.ok<NormDetail>(analyst, 'GET', `/api/v1/norms/${norm.id}`)).versions).toHaveLength(1);
  });

  it('lets steering roles read and the programme manager and analysts record, logs each, and hides the norm elsewhere', async () => {
    const norm = await newNorm();
    expect((await cast.call(undefined, 'GET', `/api/v1/norms/${norm.id}/matrix`)).statusCode).toBe(401);
    const staff = await cast.staff('GM0034');
    expect((await cast.call(staff, 'GET', '/api/v1/norms')).statusCode).toBe(403);
    expect((await cast.call(staff, 'GET', `/api/v1/norms/${norm.id}/matrix`)).statusCode).toBe(404);
    const chair = await cast.chair();
    expect((await cast.call(chair, 'GET', `/api/v1/norms/${norm.id}/matrix`)).statusCode).toBe(200);
    const byChair = await cast.call(chair, 'POST', `/api/v1/norms/${norm.id}/statuses`, {
      organisationId: members.GM0034,
      ambitionCode: 'A1',
      status: 'in-progress',
    });
    expect(byChair.statusCode).toBe(404);
    const foreign = await signIn(
      t.app,
      t.database.db,
      await createUser(t.database.db, t.keys, { roles: ['riec_analyst'], regionId: OTHER_REGION }),
    );
    expect((await cast.call(foreign, 'GET', `/api/v1/norms/${norm.id}`)).statusCode).toBe(404);
    const { items } = await cast.ok<{ items: Array<{ id: string }> }>(foreign, 'GET', '/api/v1/norms');
    expect(items.some((n) => n.id === norm.id)).toBe(false);

    const manager = await cast.manager();
    const recorded = await cast.call(manager, 'POST', `/api/v1/norms/${norm.id}/statuses`, {
      organisationId: members.GM0034,
      ambitionCode: 'A1',
      status: 'in-progress',
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ happenedOn: dutchDay(), previousStatus: 'not-started' });
    const traceId = String(recorded.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select(['action', 'result'])
      .where('traceId', '=', traceId)
      .execute();
    expect(logged).toEqual([{ action: 'norm.status', result: 'success' }]);
  });
});
