import type { AccountabilityReport, LeadTimeRow, QueueItem, SignalDetail } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  dutchDay,
  newMeeting,
  newPerson,
  newSignal,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * Signal steps recorded after the fact: each takes the date it happened (today when left out),
 * never in the future and never before the step before it; the record keeps apart when and by
 * whom it was recorded, and lead times and reports go by the date it happened.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

async function submit(happenedOn: string | undefined) {
  return cast.call(await cast.staff('GM0344'), 'POST', '/api/v1/signals', {
    submit: true,
    submittingOrganisationIds: [await cast.org('GM0344'), await cast.org('politie')],
    source: 'partner',
    description: 'Een signaal dat vorige week telefonisch binnenkwam en nu wordt vastgelegd.',
    municipalityCode: 'GM0344',
    themeIds: [await cast.theme()],
    urgency: 'normal',
    subjects: [newPerson()],
    ...(happenedOn ? { happenedOn } : {}),
  });
}

async function move(signalId: string, body: object, who?: 'chair') {
  const member = who === 'chair' ? await cast.chair() : await cast.analyst();
  return cast.call(member, 'POST', `/api/v1/signals/${signalId}/transitions`, body);
}

const joint = async () => ({
  note: 'Gemeente en politie onderbouwen samen.',
  organisationIds: [await cast.org('GM0344'), await cast.org('politie')],
});

async function stageOf(signalId: string): Promise<string> {
  return (await cast.ok<SignalDetail>(await cast.analyst(), 'GET', `/api/v1/signals/${signalId}`)).stage;
}

function expectRefusedDate(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  code: string,
  reason: string | RegExp,
) {
  expect(response.statusCode).toBe(400);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const problem = response.json() as { invalidParams: Array<{ name: string; code: string; reason: string }> };
  const param = problem.invalidParams.find((p) => p.name === 'happenedOn');
  expect(param?.code).toBe(code);
  expect(param?.reason).toMatch(reason);
}

describe(`dated signal steps on ${testEngine()}`, () => {
  it('refuses a date in the future for every step, and leaves the signal as it was', async () => {
    const tomorrow = dutchDay(1);
    const count = async () =>
      (
        await t.database.db
          .selectFrom('signals')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .execute()
      )[0]?.n;
    const before = Number(await count());
    expectRefusedDate(await submit(tomorrow), 'in_the_future', 'Deze datum ligt in de toekomst.');
    expect(Number(await count())).toBe(before);

    const received = await newSignal(cast, { stage: 'received' });
    expectRefusedDate(
      await move(received.id, { type: 'discussed', happenedOn: tomorrow }),
      'in_the_future',
      'Deze datum ligt in de toekomst.',
    );
    expectRefusedDate(
      await move(received.id, { type: 'withdrawn', note: 'Elders opgepakt', happenedOn: tomorrow }),
      'in_the_future',
      'Deze datum ligt in de toekomst.',
    );
    expect(await stageOf(received.id)).toBe('received');

    const discussed = await newSignal(cast, { stage: 'discussed' });
    expectRefusedDate(
      await move(discussed.id, { type: 'substantiated', ...(await joint()), happenedOn: tomorrow }),
      'in_the_future',
      'Deze datum ligt in de toekomst.',
    );
    expect(await stageOf(discussed.id)).toBe('discussed');

    const substantiated = await newSignal(cast, { stage: 'substantiated' });
    expectRefusedDate(
      await move(substantiated.id, {
        type: 'triaged',
        route: 'integral',
        reason: 'Meerdere partners nodig',
        happenedOn: tomorrow,
      }),
      'in_the_future',
      'Deze datum ligt in de toekomst.',
    );
    expect(await stageOf(substantiated.id)).toBe('substantiated');

    const triaged = await newSignal(cast, { stage: 'triaged' });
    expectRefusedDate(
      await move(triaged.id, { type: 'decided', decision: 'accepted', happenedOn: tomorrow }, 'chair'),
      'in_the_future',
      'Deze datum ligt in de toekomst.',
    );
    expect(await stageOf(triaged.id)).toBe('triaged');
  });

  it('refuses a step dated before the step before it, naming that step', async () => {
    const response = await submit(dutchDay(-20));
    expect(response.statusCode).toBe(201);
    const signal = response.json() as SignalDetail;
    expectRefusedDate(
      await move(signal.id, { type: 'discussed', happenedOn: dutchDay(-21) }),
      'before_previous_step',
      /vóór de ontvangst/,
    );
    expect((await move(signal.id, { type: 'discussed', happenedOn: dutchDay(-15) })).statusCode).toBe(200);
    expect(
      (await move(signal.id, { type: 'substantiated', ...(await joint()), happenedOn: dutchDay(-14) }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await move(signal.id, {
          type: 'triaged',
          route: 'quick',
          reason: 'Eén partner',
          happenedOn: dutchDay(-10),
        })
      ).statusCode,
    ).toBe(200);
    const early = await move(
      signal.id,
      { type: 'decided', decision: 'accepted', happenedOn: dutchDay(-12) },
      'chair',
    );
    expectRefusedDate(early, 'before_previous_step', /vóór de weging/);
    expect(await stageOf(signal.id)).toBe('triaged');
    // The same day as the step before it is fine.
    expect(
      (await move(signal.id, { type: 'decided', decision: 'accepted', happenedOn: dutchDay(-10) }, 'chair'))
        .statusCode,
    ).toBe(200);
  });

  it('lists every problem at once: the date with the rest of the step', async () => {
    const signal = await newSignal(cast, { stage: 'triaged' });
    const response = await move(
      signal.id,
      { type: 'decided', decision: 'not-accepted', happenedOn: dutchDay(2) },
      'chair',
    );
    expect(response.statusCode).toBe(400);
    const names = (response.json() as { invalidParams: Array<{ name: string }> }).invalidParams.map(
      (p) => p.name,
    );
    expect(names).toEqual(expect.arrayContaining(['happenedOn', 'reason']));
  });

  it('dates a step today when no date is given, and keeps when and by whom it was recorded', async () => {
    const before = Date.now();
    const signal = await newSignal(cast, { stage: 'discussed' });
    const analyst = await cast.analyst();
    const event = signal.events.find((e) => e.type === 'discussed');
    expect(event?.happenedOn).toBe(dutchDay(0));
    expect(Date.parse(event?.recordedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(event?.recordedBy.userId).toBe(analyst.user.id);
    expect(event?.recordedBy.name).toBeTruthy();
    expect(signal.receivedOn).toBe(dutchDay(0));
  });

  it('takes lead times, the lead-time statistics and the report from the dates the steps happened', async () => {
    const response = await submit('2025-03-03');
    expect(response.statusCode).toBe(201);
    const id = (response.json() as SignalDetail).id;
    await move(id, { type: 'discussed', happenedOn: '2025-03-10' });
    await move(id, { type: 'substantiated', ...(await joint()), happenedOn: '2025-03-12' });
    await move(id, { type: 'triaged', route: 'quick', reason: 'Eén partner', happenedOn: '2025-03-14' });
    const decided = await move(
      id,
      { type: 'decided', decision: 'accepted', happenedOn: '2025-03-24' },
      'chair',
    );
    expect(decided.statusCode).toBe(200);
    const detail = decided.json() as SignalDetail;
    expect(detail.leadTimes).toEqual({
      intakeToLoo: 7,
      looToTriage: 4,
      triageToDecision: 10,
      intakeToDecision: 21,
    });
    expect(detail.receivedOn).toBe('2025-03-03');
    // Recorded today, happened in March 2025: the timeline keeps both, in the order they happened.
    expect(detail.events.filter((e) => e.type !== 'created').map((e) => e.happenedOn)).toEqual([
      '2025-03-03',
      '2025-03-10',
      '2025-03-12',
      '2025-03-14',
      '2025-03-24',
    ]);
    for (const e of detail.events) expect(e.recordedAt.slice(0, 4)).not.toBe('2025');
    const chair = await cast.chair();
    expect(detail.events.find((e) => e.type === 'decided')?.recordedBy.userId).toBe(chair.user.id);

    const rows = (
      await cast.ok<{ items: LeadTimeRow[] }>(
        await cast.manager(),
        'GET',
        '/api/v1/signals/lead-times?from=2025-03-01&to=2025-03-31',
      )
    ).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.month).toBe('2025-03');
    expect(rows[0]?.segments.intakeToDecision.median).toBe(21);
    expect(rows[0]?.segments.intakeToLoo.median).toBe(7);

    const report = await cast.ok<AccountabilityReport>(
      await cast.manager(),
      'GET',
      '/api/v1/reports/accountability?from=2025-03-01&to=2025-03-31',
    );
    expect(report.leadTimes.signalToDecision).toEqual({ count: 1, median: 21, p90: 21 });
    expect(report.signalsBySource).toEqual([{ month: '2025-03', source: 'partner', count: 1 }]);
  });

  it("counts the work queue's days in each stage from the dates the steps happened", async () => {
    const signal = (await submit(dutchDay(-12))).json() as SignalDetail;
    await move(signal.id, { type: 'discussed', happenedOn: dutchDay(-5) });
    const queue = await cast.ok<{ items: QueueItem[] }>(await cast.analyst(), 'GET', '/api/v1/signals/queue');
    const item = queue.items.find((i) => i.id === signal.id);
    expect(item?.daysOpen).toBe(12);
    expect(item?.daysInStage).toBe(5);
    expect(item?.timeInStages).toEqual({ received: 7, discussed: 5 });
  });

  it('dates an LOO discussion on the day the meeting was held', async () => {
    const response = await submit(dutchDay(-10));
    const signal = response.json() as SignalDetail;
    const meeting = await newMeeting(cast, { signalIds: [signal.id], date: dutchDay(-3) });
    await cast.ok(await cast.chair(), 'POST', `/api/v1/meetings/${meeting.id}/outcomes`, {
      signalId: signal.id,
      outcome: 'Besproken; onderbouwing volgt.',
    });
    const detail = await cast.ok<SignalDetail>(await cast.analyst(), 'GET', `/api/v1/signals/${signal.id}`);
    expect(detail.stage).toBe('discussed');
    expect(detail.events.find((e) => e.type === 'discussed')?.happenedOn).toBe(dutchDay(-3));
    expect(detail.leadTimes.intakeToLoo).toBe(7);
  });
});
