import type { DsrAnswer, DsrDetail, DsrTaskDetail } from '@samenspel/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseSubject,
  Cast,
  createTestApp,
  dutchDay,
  newBsn,
  newCase,
  newPerson,
  newRound,
  newSignal,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';
import { monthsAfter } from './dsr.service.js';

/**
 * A data-subject request from intake to answer: the contact point registers it with the
 * identity checked, everything about the person is found across the partners (by BSN at once,
 * by name and date of birth for review, never a namesake born the same day), each partner's
 * owner decides for its own records — a refusal only with a legal ground — and the answer is one
 * package that gives what may be given and the grounds for the rest.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const fg = () => cast.member(['privacy_officer']);
const POLICE = 'Politie eenheid Midden-Nederland';

describe(`data-subject requests on ${testEngine()}`, () => {
  it('counts the statutory month in calendar months, to the last day where the day is missing', () => {
    expect(monthsAfter('2026-01-15', 1)).toBe('2026-02-15');
    expect(monthsAfter('2026-01-31', 1)).toBe('2026-02-28');
    expect(monthsAfter('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthsAfter('2026-11-30', 3)).toBe('2027-02-28');
    expect(monthsAfter('2026-12-07', -3)).toBe('2026-09-07');
  });

  it('goes from intake to answer: found everywhere, reviewed, decided per partner with a ground, answered once', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const born = '1979-03-14';
    const jan = newPerson({ firstNames: 'Jan Willem', surname, dateOfBirth: born, bsn });
    // Utrecht's signal knows him by BSN; it goes to a hit/no-hit round.
    const utrecht = await newSignal(cast, { by: 'GM0344', stage: 'triaged', subjects: [jan] });
    const round = await newRound(cast, { signal: utrecht });
    // The police's signal has his name and date of birth only.
    const police = await newSignal(cast, {
      by: 'politie',
      subjects: [newPerson({ firstNames: 'Jan', surname, dateOfBirth: born })],
    });
    // A case with him in it; and a namesake born the same day with another first name.
    const c = await newCase(cast);
    await addCaseSubject(cast, c.id, jan);
    const namesake = await newSignal(cast, {
      by: 'GM0344',
      subjects: [newPerson({ firstNames: 'Pieter', surname, dateOfBirth: born })],
    });

    const registration = {
      kind: 'access',
      receivedOn: dutchDay(-3),
      person: { surname, firstNames: 'Jan', dateOfBirth: born, bsn },
      contact: 'Per post: Oudegracht 1, 3511 AA Utrecht',
      identityCheck: 'id-document-desk',
      identityCheckedOn: dutchDay(-3),
      details: 'Wil weten wat de gemeente en de politie over hem vastleggen.',
    };
    // Refused without a session, for a partner, and with a date in the future: nothing written.
    const requests = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from data_subject_requests`.execute(
            t.database.db,
          )
        ).rows[0]?.n,
      );
    const before = await requests();
    expect(
      (await cast.call(undefined, 'POST', '/api/v1/data-subject-requests', registration)).statusCode,
    ).toBe(401);
    expect(
      (await cast.call(await cast.staff('GM0344'), 'POST', '/api/v1/data-subject-requests', registration))
        .statusCode,
    ).toBe(403);
    const future = await cast.call(await fg(), 'POST', '/api/v1/data-subject-requests', {
      ...registration,
      receivedOn: dutchDay(2),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'receivedOn', reason: 'Deze datum ligt in de toekomst.' }),
    ]);
    expect(await requests()).toBe(before);

    let request = await cast.ok<DsrDetail>(await fg(), 'POST', '/api/v1/data-subject-requests', registration);
    expect(request).toMatchObject({
      kind: 'access',
      status: 'review',
      deadline: monthsAfter(dutchDay(-3), 1),
    });
    expect(request.reference).toMatch(/^AVG-\d{4}-\d{4}$/);
    const byLabel = (label: string) => request.matches.find((m) => m.label === label);
    // By BSN: Utrecht's signal, the case, the round, the register; certain.
    expect(byLabel(utrecht.reference)).toMatchObject({
      recordKind: 'signal',
      matchedBy: 'bsn',
      review: 'confirmed',
      organisation: 'Gemeente Utrecht',
    });
    expect(byLabel(utrecht.reference)?.found).toContain('Jan Willem');
    expect(byLabel(c.reference)).toMatchObject({ recordKind: 'case', matchedBy: 'bsn', review: 'confirmed' });
    // The round asked about Utrecht's signal goes with it, and names no signal number.
    const roundMatch = request.matches.find((m) => m.recordKind === 'round');
    expect(roundMatch).toMatchObject({ organisation: 'Gemeente Utrecht', matchedBy: 'bsn' });
    expect(roundMatch?.label).not.toContain(round.signal.reference);
    expect(request.matches.some((m) => m.recordKind === 'register')).toBe(true);
    // The processing log knows him too (the signals' creation, at least).
    expect(request.matches.some((m) => m.recordKind === 'log' && /\d+ verwerking/.test(m.found))).toBe(true);
    // The police's record by name and date of birth waits for review; the namesake is not found.
    const policeMatch = byLabel(police.reference);
    expect(policeMatch).toMatchObject({ matchedBy: 'name-and-birth', review: 'pending' });
    expect(byLabel(namesake.reference)).toBeUndefined();

    // Not answerable while a match waits for review.
    const early = await cast.call(await fg(), 'POST', `/api/v1/data-subject-requests/${request.id}/answer`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('Beoordeel eerst alle treffers op naam en geboortedatum.');
    // The contact point reviews each: the police's record is him, and so is what came with it.
    for (const m of request.matches.filter((x) => x.review === 'pending'))
      request = await cast.ok<DsrDetail>(
        await fg(),
        'POST',
        `/api/v1/data-subject-requests/${request.id}/matches/${m.id}/review`,
        { confirmed: true },
      );
    const again = await cast.call(
      await fg(),
      'POST',
      `/api/v1/data-subject-requests/${request.id}/matches/${policeMatch?.id}/review`,
      { confirmed: false },
    );
    expect(again.statusCode).toBe(409);
    expect(request.status).toBe('with-partners');

    // The contact point names an owner at each partner; only someone of that partner will do.
    const utrechtStaff = await cast.staff('GM0344');
    const policeStaff = await cast.staff('politie');
    const analyst = await cast.analyst();
    const task = (name: string) => {
      const k = request.tasks.find((x) => x.organisation === name);
      if (!k) throw new Error(`no task for ${name}: ${request.tasks.map((x) => x.organisation)}`);
      return k;
    };
    const wrongOwner = await cast.call(
      await fg(),
      'PUT',
      `/api/v1/data-subject-requests/${request.id}/owners`,
      {
        owners: [{ taskId: task('Gemeente Utrecht').id, ownerId: policeStaff.user.id }],
      },
    );
    expect(wrongOwner.statusCode).toBe(400);
    expect(wrongOwner.json().invalidParams[0]).toMatchObject({ name: 'owners.0.ownerId' });
    const riecTask = request.tasks.find((k) => k.candidates.some((c) => c.id === analyst.user.id));
    if (!riecTask) throw new Error('no RIEC task');
    request = await cast.ok<DsrDetail>(
      await fg(),
      'PUT',
      `/api/v1/data-subject-requests/${request.id}/owners`,
      {
        owners: [
          { taskId: task('Gemeente Utrecht').id, ownerId: utrechtStaff.user.id },
          { taskId: task(POLICE).id, ownerId: policeStaff.user.id },
          { taskId: riecTask.id, ownerId: analyst.user.id },
        ],
      },
    );

    // Each owner sees only their own task; another partner's is not there for them.
    const policeTasks = await cast.ok<{ items: Array<{ id: string }> }>(
      policeStaff,
      'GET',
      '/api/v1/data-subject-tasks',
    );
    expect(policeTasks.items.map((k) => k.id)).toEqual([task(POLICE).id]);
    expect(
      (await cast.call(policeStaff, 'GET', `/api/v1/data-subject-tasks/${task('Gemeente Utrecht').id}`))
        .statusCode,
    ).toBe(404);
    const policeTask = await cast.ok<DsrTaskDetail>(
      policeStaff,
      'GET',
      `/api/v1/data-subject-tasks/${task(POLICE).id}`,
    );
    expect(policeTask.matches.map((m) => m.label)).toEqual([police.reference]);

    // A refusal without a legal ground and explanation is refused, in Dutch, field by field.
    const decide = (who: typeof policeStaff, taskId: string, matchId: string, body: object) =>
      cast.call(who, 'POST', `/api/v1/data-subject-tasks/${taskId}/matches/${matchId}/decision`, body);
    const bare = await decide(policeStaff, policeTask.id, policeTask.matches[0]?.id ?? '', {
      decision: 'refuse',
    });
    expect(bare.statusCode).toBe(400);
    expect(
      bare.json().invalidParams.map((p: { name: string; reason: string }) => [p.name, p.reason]),
    ).toEqual([
      ['ground', 'Een weigering of beperking heeft een wettelijke grond nodig.'],
      ['explanation', 'Licht toe wat er wordt geweigerd of beperkt en waarom.'],
    ]);
    // Nor may one partner decide for another's record.
    const utrechtMatch = request.matches.find((m) => m.label === utrecht.reference);
    expect(
      (await decide(policeStaff, policeTask.id, utrechtMatch?.id ?? '', { decision: 'grant' })).statusCode,
    ).toBe(404);
    expect(
      (
        await decide(policeStaff, policeTask.id, policeTask.matches[0]?.id ?? '', {
          decision: 'refuse',
          ground: 'wpg',
          explanation: 'Politiegegevens uit een lopend onderzoek worden niet verstrekt.',
        })
      ).statusCode,
    ).toBe(200);
    for (const [who, taskId] of [
      [utrechtStaff, task('Gemeente Utrecht').id],
      [analyst, riecTask.id],
    ] as const) {
      const mine = await cast.ok<DsrTaskDetail>(who, 'GET', `/api/v1/data-subject-tasks/${taskId}`);
      for (const m of mine.matches)
        await cast.ok(who, 'POST', `/api/v1/data-subject-tasks/${taskId}/matches/${m.id}/decision`, {
          decision: m.recordKind === 'case' ? 'restrict' : 'grant',
          ...(m.recordKind === 'case'
            ? { ground: 'uavg-41-crime', explanation: 'De namen van anderen in de casus zijn weggelaten.' }
            : {}),
        });
    }

    // The clock: extended once, with notice given within the first month and not before receipt.
    const url = `/api/v1/data-subject-requests/${request.id}`;
    const tooEarly = await cast.call(await fg(), 'POST', `${url}/extension`, {
      noticeOn: dutchDay(-10),
      reason: 'Vijf partners moeten besluiten',
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().invalidParams[0].name).toBe('noticeOn');
    request = await cast.ok<DsrDetail>(await fg(), 'POST', `${url}/extension`, {
      noticeOn: dutchDay(),
      reason: 'Vijf partners moeten besluiten',
    });
    expect(request.deadline).toBe(monthsAfter(dutchDay(-3), 3));
    expect(
      (await cast.call(await fg(), 'POST', `${url}/extension`, { noticeOn: dutchDay(), reason: 'Nog eens' }))
        .statusCode,
    ).toBe(409);

    // Every partner decided: answered once, as one package.
    expect(request.status).toBe('ready');
    expect((await cast.call(await fg(), 'GET', `${url}/answer.json`)).statusCode).toBe(409);
    request = await cast.ok<DsrDetail>(await fg(), 'POST', `${url}/answer`);
    expect(request).toMatchObject({ status: 'answered', answeredOn: dutchDay() });
    expect((await cast.call(await fg(), 'POST', `${url}/answer`)).statusCode).toBe(409);
    const answer = await cast.ok<DsrAnswer>(await fg(), 'GET', `${url}/answer.json`);
    expect(answer.controllers).toEqual(expect.arrayContaining(['Gemeente Utrecht', POLICE]));
    expect(answer.provided.find((p) => p.record === utrecht.reference)).toMatchObject({
      organisation: 'Gemeente Utrecht',
      restricted: false,
    });
    expect(answer.provided.find((p) => p.record === c.reference)).toMatchObject({
      restricted: true,
      explanation: 'De namen van anderen in de casus zijn weggelaten.',
    });
    // The refusal says who and on which ground, never which record.
    expect(answer.refused).toEqual([
      {
        organisation: POLICE,
        ground: 'de Wet politiegegevens (artikelen 25 tot en met 27)',
        explanation: 'Politiegegevens uit een lopend onderzoek worden niet verstrekt.',
      },
    ]);
    expect(JSON.stringify(answer)).not.toContain(police.reference);
    const pdf = await cast.call(await fg(), 'GET', `${url}/answer.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('pdfaid');
    // Decisions are closed once answered; the owners' task lists are empty.
    expect(
      (await cast.ok<{ items: unknown[] }>(policeStaff, 'GET', '/api/v1/data-subject-tasks')).items,
    ).toEqual([]);

    // Every step is in the log under the request's activity.
    const { rows } = await sql<{ action: string }>`
      select distinct a.action from user_action_log a
      join processing_log p on p.trace_id = a.trace_id
      where p.processing_activity_id = 'samenspel.data-subject-requests'`.execute(t.database.db);
    expect(rows.map((r) => r.action).sort()).toEqual(
      expect.arrayContaining([
        'dsr.register',
        'dsr.review',
        'dsr.owners',
        'dsr-task.read',
        'dsr-task.decide',
        'dsr.extend',
        'dsr.answer',
        'dsr.answer-export',
      ]),
    );
  });

  it('answers a person nobody holds data about at once, with nothing to give', async () => {
    const request = await cast.ok<DsrDetail>(await fg(), 'POST', '/api/v1/data-subject-requests', {
      kind: 'erasure',
      receivedOn: dutchDay(),
      person: { surname: uniqueSurname(), dateOfBirth: '1990-01-01' },
      contact: 'per e-mail',
      identityCheck: 'digid',
      identityCheckedOn: dutchDay(),
    });
    expect(request).toMatchObject({ status: 'ready', tasks: [] });
    const answered = await cast.ok<DsrDetail>(
      await fg(),
      'POST',
      `/api/v1/data-subject-requests/${request.id}/answer`,
    );
    expect(answered.status).toBe('answered');
  });
});
