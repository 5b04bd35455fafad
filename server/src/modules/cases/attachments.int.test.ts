import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { organisationByCode } from '../organisations/index.js';

let t: TestApp;
let director: ApiSession;
let police: ApiSession;
let amersfoort: ApiSession;
let caseId = '';
const org: Record<string, string> = {};

/** A real (tiny) PDF header followed by bulk, so type detection sees a PDF. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

function multipart(
  file: Buffer,
  fileName: string,
  type: string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----samenspel${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(session: ApiSession, file: Buffer, fileName = 'stuk.pdf', type = 'application/pdf') {
  const body = multipart(file, fileName, type);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/attachments`,
    payload: body.payload,
    headers: { ...session.headers, ...body.headers },
  });
}

beforeAll(async () => {
  t = await createTestApp({ attachmentMaxBytes: 30 * 1024 * 1024 });
  const db = t.database.db;
  for (const code of ['GM0344', 'politie'])
    org[code] = (await organisationByCode(db, 'midden-nederland', code))?.id ?? '';
  const directorUser = await createUser(db, t.keys, { roles: ['case_director'] });
  director = await signIn(t.app, db, directorUser);
  const analyst = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['riec_analyst'] }));
  police = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'politie' }),
  );
  amersfoort = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0307' }),
  );
  const theme = await db
    .selectFrom('themes')
    .select('id')
    .where('scope', '=', 'national')
    .executeTakeFirstOrThrow();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: analyst.headers,
    payload: {
      origin: 'direct',
      originOrganisationIds: [org.politie],
      codeName: 'Bijlage',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [theme.id],
      type: 'location',
      directorId: directorUser.id,
      participantIds: [org.politie, org.GM0344],
      startedOn: '2026-11-01',
    },
  });
  caseId = created.json().id;
});
afterAll(async () => t?.close());

describe(`attachments on ${testEngine()}`, () => {
  it('stores a large file encrypted, streams it back intact to participants only, and logs each download', async () => {
    const file = pdf(20 * 1024 * 1024);
    const uploaded = await upload(police, file, 'proces-verbaal.pdf');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({
      fileName: 'proces-verbaal.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
    });

    // What lies on disk is not the plaintext.
    const [stored] = await readdir(t.attachmentsDir);
    const onDisk = await readFile(path.join(t.attachmentsDir, stored ?? ''));
    expect(onDisk.length).toBe(file.length + 28);
    expect(onDisk.includes(file.subarray(0, 64))).toBe(false);
    expect(onDisk.subarray(12, 12 + 8).toString('latin1')).not.toBe('%PDF-1.7');

    const url = `/api/v1/cases/${caseId}/attachments/${uploaded.json().id}`;
    const download = await t.app.inject({ method: 'GET', url, headers: director.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(
      createHash('sha256').update(file).digest('hex'),
    );
    expect((await t.app.inject({ method: 'GET', url, headers: amersfoort.headers })).statusCode).toBe(404);
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select('result')
      .where('action', '=', 'case.attachment-download')
      .execute();
    expect(logged.map((l) => l.result).sort()).toEqual(['denied', 'success']);
  });

  it('refuses a disguised file, a type that is not allowed, and a file over the limit, leaving nothing behind', async () => {
    const before = (await readdir(t.attachmentsDir)).length;
    const disguised = await upload(
      police,
      Buffer.from('MZ\x90\x00 dit is een programma, geen pdf', 'latin1'),
      'factuur.pdf',
    );
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().invalidParams[0].reason).toBe(
      'De inhoud van het bestand past niet bij het bestandstype.',
    );
    const script = await upload(
      police,
      Buffer.from('#!/bin/sh\necho hoi\n'),
      'script.sh',
      'application/x-sh',
    );
    expect(script.statusCode).toBe(400);
    const big = await upload(police, pdf(31 * 1024 * 1024), 'te-groot.pdf');
    expect(big.statusCode).toBe(413);
    expect((await readdir(t.attachmentsDir)).length).toBe(before);
    const rows = await t.database.db.selectFrom('attachments').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('stops a download in progress when the organisation is removed from the case', async () => {
    const uploaded = await upload(police, pdf(4 * 1024 * 1024), 'groot.pdf');
    const service = t.services.attachments;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: police.headers });
    const user = me.json();
    const context = {
      actor: {
        kind: 'user' as const,
        userId: user.user.id,
        email: user.user.email,
        regionId: 'midden-nederland',
        organisationId: user.organisation.id,
        roles: user.roles,
        pendingSecondFactor: false,
        sessionHash: 'test',
      },
      trace: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), parentSpanId: null },
      client: { address: null, userAgent: 'test' },
    };
    const file = await service.download(context, caseId, uploaded.json().id);
    let received = 0;
    const finished = new Promise<Error | null>((resolve) => {
      file.stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      file.stream.on('error', resolve);
      file.stream.on('end', () => resolve(null));
    });
    file.stream.pause();
    await new Promise((r) => setTimeout(r, 20));
    await t.database.db
      .updateTable('caseParticipants')
      .set({ removedAt: new Date(), removedReason: 'Midden in de download' })
      .where('caseId', '=', caseId)
      .where('organisationId', '=', org.politie ?? '')
      .where('removedAt', 'is', null)
      .execute();
    file.stream.resume();
    const error = await finished;
    expect(error?.message).toContain('access to the case ended');
    expect(received).toBeLessThan(4 * 1024 * 1024);
    // Put the police back for the next test.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/participants`,
      headers: director.headers,
      payload: { organisationId: org.politie, reason: 'Terug' },
    });
  });

  it('refuses uploads and downloads once an organisation no longer takes part', async () => {
    const uploaded = await upload(police, pdf(1024), 'kort.pdf');
    expect(uploaded.statusCode).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/participants/${org.politie}/remove`,
      headers: director.headers,
      payload: { reason: 'Rol vervuld' },
    });
    const url = `/api/v1/cases/${caseId}/attachments/${uploaded.json().id}`;
    expect((await t.app.inject({ method: 'GET', url, headers: police.headers })).statusCode).toBe(404);
    expect((await upload(police, pdf(1024))).statusCode).toBe(404);
  });
});
