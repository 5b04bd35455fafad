import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../shared/context.js';
import {
  type ApiSession,
  Cast,
  createTestApp,
  multipartFile,
  newCase,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

let t: TestApp;
let cast: Cast;

/** A real (tiny) PDF header followed by bulk, so type detection sees a PDF. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

/** A description of the file, as the upload form sends it before the file. */
const described = {
  title: 'Proces-verbaal van bevindingen',
  documentType: 'proces-verbaal',
  classification: 'vertrouwelijk',
};

function upload(
  session: ApiSession,
  caseId: string,
  file: Buffer,
  fileName = 'stuk.pdf',
  type = 'application/pdf',
  fields: Record<string, string> = described,
) {
  const body = multipartFile(file, fileName, type, fields);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/attachments`,
    payload: body.payload,
    headers: { ...session.headers, ...body.headers },
  });
}

/** A case of its own, in which the police and the municipality of Utrecht take part. */
const caseWithPolice = async () => (await newCase(cast, { participants: ['politie', 'GM0344'] })).id;

async function removePolice(caseId: string) {
  await cast.ok(
    await cast.director(),
    'POST',
    `/api/v1/cases/${caseId}/participants/${await cast.org('politie')}/remove`,
    {
      reason: 'Rol vervuld',
    },
  );
}

beforeAll(async () => {
  t = await createTestApp({ attachmentMaxBytes: 30 * 1024 * 1024 });
  cast = new Cast(t);
});
afterAll(async () => t?.close());

describe(`attachments on ${testEngine()}`, () => {
  it('stores a large file encrypted, streams it back intact to participants only, and logs each download', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const file = pdf(20 * 1024 * 1024);
    const uploaded = await upload(police, caseId, file, 'proces-verbaal.pdf');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({
      fileName: 'proces-verbaal.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
    });

    // What lies on disk is not the plaintext.
    const row = await t.database.db
      .selectFrom('attachments')
      .select('storageName')
      .where('id', '=', uploaded.json().id)
      .executeTakeFirstOrThrow();
    const onDisk = await readFile(path.join(t.attachmentsDir, row.storageName));
    expect(onDisk.length).toBe(file.length + 28);
    expect(onDisk.includes(file.subarray(0, 64))).toBe(false);
    expect(onDisk.subarray(12, 12 + 8).toString('latin1')).not.toBe('%PDF-1.7');

    const url = `/api/v1/cases/${caseId}/attachments/${uploaded.json().id}`;
    const download = await t.app.inject({ method: 'GET', url, headers: (await cast.director()).headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(
      createHash('sha256').update(file).digest('hex'),
    );
    const outsider = await cast.staff('GM0307');
    expect((await t.app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode).toBe(404);
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select(['result', 'userId'])
      .where('action', '=', 'case.attachment-download')
      .where('userId', 'in', [(await cast.director()).user.id, outsider.user.id])
      .execute();
    expect(logged.map((l) => l.result).sort()).toEqual(['denied', 'success']);
  });

  it('refuses a disguised file, a type that is not allowed, and a file over the limit, leaving nothing behind', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const before = (await readdir(t.attachmentsDir)).length;
    const disguised = await upload(
      police,
      caseId,
      Buffer.from('MZ\x90\x00 dit is een programma, geen pdf', 'latin1'),
      'factuur.pdf',
    );
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().invalidParams[0].reason).toBe(
      'De inhoud van het bestand past niet bij het bestandstype.',
    );
    const script = await upload(
      police,
      caseId,
      Buffer.from('#!/bin/sh\necho hoi\n'),
      'script.sh',
      'application/x-sh',
    );
    expect(script.statusCode).toBe(400);
    const big = await upload(police, caseId, pdf(31 * 1024 * 1024), 'te-groot.pdf');
    expect(big.statusCode).toBe(413);
    expect((await readdir(t.attachmentsDir)).length).toBe(before);
    const rows = await t.database.db
      .selectFrom('attachments')
      .select('id')
      .where('caseId', '=', caseId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('stops a download in progress when the organisation is removed from the case', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const uploaded = await upload(police, caseId, pdf(4 * 1024 * 1024), 'groot.pdf');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: police.headers })).json();
    const context: RequestContext = {
      actor: {
        kind: 'user',
        userId: me.user.id,
        email: me.user.email,
        regionId: 'midden-nederland',
        organisationId: me.organisation.id,
        roles: me.roles,
        pendingSecondFactor: false,
        sessionHash: 'test',
      },
      trace: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), parentSpanId: null },
      client: { address: null, userAgent: 'test' },
    };
    const file = await t.services.attachments.download(context, caseId, uploaded.json().id);
    let received = 0;
    const finished = new Promise<Error | null>((resolve) => {
      file.stream.on('error', resolve);
      file.stream.on('end', () => resolve(null));
    });
    // The first chunk arrives, then the police leave the case while the rest is on its way.
    await new Promise<void>((resolve) =>
      file.stream.once('data', (chunk: Buffer) => {
        received += chunk.length;
        file.stream.pause();
        resolve();
      }),
    );
    file.stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    await removePolice(caseId);
    file.stream.resume();
    const error = await finished;
    expect(error?.message).toContain('access to the case ended');
    expect(received).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses uploads and downloads once an organisation no longer takes part', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const uploaded = await upload(police, caseId, pdf(1024), 'kort.pdf');
    expect(uploaded.statusCode).toBe(201);
    await removePolice(caseId);
    const url = `/api/v1/cases/${caseId}/attachments/${uploaded.json().id}`;
    expect((await t.app.inject({ method: 'GET', url, headers: police.headers })).statusCode).toBe(404);
    expect((await upload(police, caseId, pdf(1024))).statusCode).toBe(404);
  });
});

describe(`attachments described by title, kind and classification on ${testEngine()}`, () => {
  it('lists each attachment with its title, kind of document and classification', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const uploaded = await upload(police, caseId, pdf(2048), 'pv-2026-114.pdf', 'application/pdf', {
      title: 'Verslag doorzoeking',
      documentType: 'rapportage',
      classification: 'geheim',
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { items } = await cast.ok<{ items: unknown[] }>(
      await cast.director(),
      'GET',
      `/api/v1/cases/${caseId}/attachments`,
    );
    expect(items).toEqual([
      expect.objectContaining({
        title: 'Verslag doorzoeking',
        documentType: 'rapportage',
        classification: 'geheim',
        fileName: 'pv-2026-114.pdf',
        organisation: expect.objectContaining({ name: 'Politie eenheid Midden-Nederland' }),
      }),
    ]);
  });

  it('names every problem with the description and the file at once, and stores nothing', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const before = (await readdir(t.attachmentsDir)).length;
    const refused = await upload(
      police,
      caseId,
      Buffer.from('MZ\x90\x00 geen pdf', 'latin1'),
      'factuur.pdf',
      'application/pdf',
      { title: ' ', documentType: 'memo', classification: '' },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'title', reason: 'Geef de bijlage een titel.' }),
      expect.objectContaining({ name: 'documentType', reason: 'Kies het soort document.' }),
      expect.objectContaining({ name: 'classification', reason: 'Kies de rubricering.' }),
      expect.objectContaining({
        name: 'file',
        reason: 'De inhoud van het bestand past niet bij het bestandstype.',
      }),
    ]);
    // A form sent without choosing a file: the browser sends an empty part without a name.
    const noFile = await upload(police, caseId, Buffer.alloc(0), '', 'application/octet-stream');
    expect(noFile.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'file', reason: 'Kies een bestand.' }),
    ]);
    expect((await readdir(t.attachmentsDir)).length).toBe(before);
    const rows = await t.database.db
      .selectFrom('attachments')
      .select('id')
      .where('caseId', '=', caseId)
      .execute();
    expect(rows).toHaveLength(0);
  });
});

describe(`attachment uploads that are not files on ${testEngine()}`, () => {
  it('refuses an empty file in Dutch, at once, and logs the refusal', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const empty = await upload(police, caseId, Buffer.alloc(0), 'leeg.pdf');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().invalidParams).toMatchObject([
      { name: 'file', code: 'empty', reason: 'Dit bestand is leeg.' },
    ]);
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select('result')
      .where('action', '=', 'case.attachment-upload')
      .where('userId', '=', police.user.id)
      .where('traceId', '=', String(empty.headers.traceparent).split('-')[1] ?? '')
      .execute();
    expect(logged.map((l) => l.result)).toEqual(['invalid']);
  });

  it('answers a body that is not multipart with 415 and a Dutch problem', async () => {
    const caseId = await caseWithPolice();
    const police = await cast.staff('politie');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/attachments`,
      headers: { ...police.headers, 'content-type': 'application/json' },
      payload: { file: 'niet zo' },
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 415, title: 'Verkeerd soort inhoud' });
    expect(response.json().detail).toContain('multipart/form-data');
  });
});
