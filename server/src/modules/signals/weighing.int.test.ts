import type { HitCheckRequestSummary, Meeting, SignalDetail, SignalWork } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  dutchDay,
  newMeeting,
  newRound,
  newSignal,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * What was written while weighing a signal stays with it: the LOO note, the joint
 * substantiation, the triage reason and a round's legal test for those who weigh (analyst,
 * chair: the chair reads them before deciding), the decision and its explanation for every
 * reader. And each reader's start page lists their signal work without personal data.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

async function weighed(): Promise<SignalDetail> {
  const signal = await newSignal(cast, { stage: 'received' });
  const analyst = await cast.analyst();
  const step = (body: object) =>
    cast.ok<SignalDetail>(analyst, 'POST', `/api/v1/signals/${signal.id}/transitions`, body);
  await step({ type: 'discussed', note: 'In het LOO: de wijkagent kent het pand.' });
  await step({
    type: 'substantiated',
    note: 'Gemeente en politie zien samen signalen van witwassen via de kapsalon.',
    organisationIds: [await cast.org('GM0344'), await cast.org('politie')],
  });
  return step({ type: 'triaged', route: 'integral', reason: 'Bestuurlijk en fiscaal samen nodig.' });
}

describe(`the weighing of a signal on ${testEngine()}`, () => {
  it('shows the analyst and the chair every note of the weighing, the chair also the legal test', async () => {
    const signal = await weighed();
    const { roundId } = await newRound(cast, { signal });
    for (const reader of [await cast.analyst(), await cast.chair()]) {
      const seen = await cast.ok<SignalDetail>(reader, 'GET', `/api/v1/signals/${signal.id}`);
      expect(seen.weighing).toMatchObject({
        discussions: [{ note: 'In het LOO: de wijkagent kent het pand.', happenedOn: dutchDay() }],
        substantiation: {
          note: 'Gemeente en politie zien samen signalen van witwassen via de kapsalon.',
          organisations: expect.arrayContaining(['Gemeente Utrecht']),
        },
        triage: { route: 'integral', reason: 'Bestuurlijk en fiscaal samen nodig.' },
      });
      const round = seen.rounds.find((r) => r.id === roundId);
      expect(round?.test?.necessity).toContain('Zonder bevraging');
      // The timeline carries each note with its step, too.
      expect(seen.events.find((e) => e.type === 'triaged')?.details.reason).toBe(
        'Bestuurlijk en fiscaal samen nodig.',
      );
    }
  });

  it('keeps the weighing from the submitting partner, who sees the decision and its explanation', async () => {
    const signal = await weighed();
    const chair = await cast.chair();
    await cast.ok(chair, 'POST', `/api/v1/signals/${signal.id}/transitions`, {
      type: 'decided',
      decision: 'referred',
      referredToOrganisationId: await cast.org('belastingdienst'),
      note: 'Fiscaal op te pakken door de Belastingdienst.',
    });
    const staff = await cast.staff('GM0344');
    const seen = await cast.ok<SignalDetail>(staff, 'GET', `/api/v1/signals/${signal.id}`);
    expect(seen.weighing).toBeNull();
    const body = JSON.stringify(seen);
    expect(body).not.toContain('wijkagent');
    expect(body).not.toContain('witwassen via de kapsalon');
    expect(body).not.toContain('fiscaal samen nodig');
    // That the steps were taken stays visible.
    expect(seen.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['discussed', 'substantiated', 'triaged', 'decided']),
    );
    expect(seen.outcome).toEqual({
      happenedOn: dutchDay(),
      decision: 'referred',
      reason: null,
      note: 'Fiscaal op te pakken door de Belastingdienst.',
      referredTo: { id: await cast.org('belastingdienst'), name: 'Belastingdienst' },
    });
  });

  it('gives the decision of a signal not accepted with its reason to every reader', async () => {
    const signal = await weighed();
    await cast.ok(await cast.chair(), 'POST', `/api/v1/signals/${signal.id}/transitions`, {
      type: 'decided',
      decision: 'not-accepted',
      reason: 'regular-enforcement',
      note: 'Past bij de reguliere handhaving van de gemeente.',
    });
    const seen = await cast.ok<SignalDetail>(
      await cast.staff('GM0344'),
      'GET',
      `/api/v1/signals/${signal.id}`,
    );
    expect(seen.outcome).toMatchObject({
      decision: 'not-accepted',
      reason: 'regular-enforcement',
      note: 'Past bij de reguliere handhaving van de gemeente.',
      referredTo: null,
    });
  });
});

describe(`the start page's signal work on ${testEngine()}`, () => {
  it("lists a partner's drafts and own signals with what became of them, and nothing of others", async () => {
    const draft = await newSignal(cast, { by: 'GM0307', submitters: ['GM0307'], stage: 'draft' });
    const submitted = await newSignal(cast, { by: 'GM0307', submitters: ['GM0307', 'politie'] });
    const elsewhere = await newSignal(cast, { by: 'GM0344' });
    const work = await cast.ok<SignalWork>(await cast.staff('GM0307'), 'GET', '/api/v1/signals/work');
    expect(work.drafts?.map((s) => s.id)).toEqual([draft.id]);
    expect(work.recent?.map((s) => s.id)).toContain(submitted.id);
    expect(work.recent?.map((s) => s.id)).not.toContain(elsewhere.id);
    expect(work.stageCounts).toBeNull();
    expect(work.awaitingDecision).toBeNull();
    expect(work.overdueRounds).toBeNull();
    // The police co-submitted: the signal is theirs too, the draft is not.
    const police = await cast.ok<SignalWork>(await cast.staff('politie'), 'GET', '/api/v1/signals/work');
    expect(police.recent?.map((s) => s.id)).toContain(submitted.id);
    expect(police.drafts?.map((s) => s.id)).not.toContain(draft.id);
  });

  it('counts open stages and lists overdue rounds for the analyst', async () => {
    const analyst = await cast.analyst();
    const before = await cast.ok<SignalWork>(analyst, 'GET', '/api/v1/signals/work');
    const count = (w: SignalWork, stage: string) => w.stageCounts?.find((c) => c.stage === stage)?.count ?? 0;
    await newSignal(cast, { stage: 'discussed' });
    const { signal, roundId } = await newRound(cast, { organisations: ['belastingdienst'] });
    // The deadline passes: the round is dated back as if started earlier.
    await t.database.db
      .updateTable('hitcheckRounds')
      .set({ deadline: dutchDay(-1) })
      .where('id', '=', roundId)
      .execute();
    const after = await cast.ok<SignalWork>(analyst, 'GET', '/api/v1/signals/work');
    expect(count(after, 'discussed')).toBe(count(before, 'discussed') + 1);
    expect(count(after, 'hit-check')).toBe(count(before, 'hit-check') + 1);
    expect(after.stageCounts?.some((c) => c.stage === ('decided' as string))).toBe(false);
    expect(after.overdueRounds).toContainEqual({
      signal: { id: signal.id, reference: signal.reference },
      roundId,
      deadline: dutchDay(-1),
      missing: [{ id: await cast.org('belastingdienst'), name: 'Belastingdienst' }],
    });
    expect(after.drafts).toEqual([]);
  });

  it('lists for the chair the weighed signals without an open round, the longest waiting first', async () => {
    const quick = await newSignal(cast, { stage: 'triaged', route: 'quick' });
    const { signal: checking } = await newRound(cast);
    const closed = await newRound(cast);
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/hit-check-rounds/${closed.roundId}/close`);
    const work = await cast.ok<SignalWork>(await cast.chair(), 'GET', '/api/v1/signals/work');
    const ids = work.awaitingDecision?.map((s) => s.id) ?? [];
    expect(ids).toContain(quick.id);
    expect(ids).toContain(closed.signal.id);
    expect(ids).not.toContain(checking.id);
    const since = work.awaitingDecision?.map((s) => s.waitingSince) ?? [];
    expect(since).toEqual([...since].sort());
    expect(JSON.stringify(work)).not.toContain(quick.subjects[0]?.label ?? 'x');
  });

  it("counts a partner's open requests without the data searched on", async () => {
    const { roundId, signal } = await newRound(cast, { organisations: ['belastingdienst'] });
    const tax = await cast.staff('belastingdienst');
    const open = await cast.ok<{ items: HitCheckRequestSummary[] }>(
      tax,
      'GET',
      '/api/v1/hit-check-requests/open',
    );
    const mine = open.items.find((r) => r.roundId === roundId);
    expect(mine).toEqual({ roundId, deadline: dutchDay(7), subjects: 1, answered: 0 });
    expect(JSON.stringify(open)).not.toContain(signal.subjects[0]?.label ?? 'x');
    // Answered in full, it is no longer waiting.
    const subjectId = (
      await cast.ok<{ items: Array<{ roundId: string; subjects: Array<{ id: string }> }> }>(
        tax,
        'GET',
        '/api/v1/hit-check-requests',
      )
    ).items.find((r) => r.roundId === roundId)?.subjects[0]?.id;
    await cast.ok(tax, 'PUT', `/api/v1/hit-check-requests/${roundId}/answers`, {
      answers: [{ subjectId, answer: 'no-hit' }],
    });
    const after = await cast.ok<{ items: HitCheckRequestSummary[] }>(
      tax,
      'GET',
      '/api/v1/hit-check-requests/open',
    );
    expect(after.items.map((r) => r.roundId)).not.toContain(roundId);
    // The police were not asked.
    const police = await cast.ok<{ items: HitCheckRequestSummary[] }>(
      await cast.staff('politie'),
      'GET',
      '/api/v1/hit-check-requests/open',
    );
    expect(police.items.map((r) => r.roundId)).not.toContain(roundId);
  });

  it('lists the next meetings, soonest first, from a date on', async () => {
    const later = await newMeeting(cast, { date: dutchDay(14) });
    const sooner = await newMeeting(cast, { date: dutchDay(3) });
    const past = await newMeeting(cast, { date: dutchDay(-3) });
    const { items } = await cast.ok<{ items: Meeting[] }>(
      await cast.chair(),
      'GET',
      `/api/v1/meetings?from=${dutchDay()}`,
    );
    const ids = items.map((m) => m.id);
    expect(ids).not.toContain(past.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
  });
});
