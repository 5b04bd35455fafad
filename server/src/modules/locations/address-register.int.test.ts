import { randomBytes } from 'node:crypto';
import { problemCodes, type Role } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import {
  createTestApp,
  createUser,
  ensureOtherRegion,
  OTHER_REGION,
  type TestApp,
  type TestUser,
} from '../../testing/index.js';
import { AddressRegisterService } from './address-register.service.js';

/**
 * The address register on the database: a load replaces it whole, a file with one refused row
 * changes nothing, and a lookup finds an address by its normalised parts. Every address here is
 * invented.
 */
let t: TestApp;
let service: AddressRegisterService;
let admin: RequestContext;
let adminUser: TestUser;
let analyst: RequestContext;
let analystUser: TestUser;

function contextOf(user: TestUser, roles: Role[]): RequestContext {
  return {
    actor: {
      kind: 'user',
      userId: user.id,
      email: user.email,
      regionId: user.regionId,
      organisationId: user.organisationId,
      roles,
      pendingSecondFactor: false,
      sessionHash: 'test',
    },
    trace: {
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      parentSpanId: null,
    },
    client: { address: null, userAgent: 'test' },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  service = new AddressRegisterService({
    db: t.database.db,
    access: t.services.access,
    audit: t.services.audit,
    now: () => new Date(),
  });
  adminUser = await createUser(t.database.db, t.keys, { roles: ['administrator'] });
  admin = contextOf(adminUser, ['administrator']);
  analystUser = await createUser(t.database.db, t.keys, { roles: ['riec_analyst'] });
  analyst = contextOf(analystUser, ['riec_analyst']);
});
afterAll(async () => t?.close());

const HEADER = 'postcode;huisnummer;huisletter;toevoeging;straat;woonplaats;gemeentecode;x;y';

/** A CSV file of these rows under the usual header; a distinct comment-free file each call. */
const file = (...rows: string[]) => Buffer.from(`${[HEADER, ...rows].join('\n')}\n`);

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function loggedResults(userId: string, action = 'address-register.load'): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('userActionLog')
    .select('result')
    .where('action', '=', action)
    .where('userId', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.result);
}

describe('the address register', () => {
  it('replaces the register whole with each load, records the load and logs it', async () => {
    const before = await loggedResults(adminUser.id);
    const first = await service.load(
      admin,
      file(
        '1234AB;1;;;Verzonnenlaan;Testdorp;GM0344;155000;463000',
        '1234AB;3;;;Verzonnenlaan;Testdorp;GM0344;155020;463010',
        '5678CD;10;A;;Bedachtweg;Proefstad;344;155100;463100',
      ),
      'eerste.csv',
    );
    expect(first).toMatchObject({ format: 'csv', rows: 3, accepted: 3, rejected: 0, fileName: 'eerste.csv' });
    expect(await service.lookup(admin, { postcode: '1234AB', houseNumber: 3 })).not.toBeNull();

    const second = await service.load(
      admin,
      file(
        '1234AB;1;;;Verzonnenlaan;Testdorp;GM0344;155500;463500',
        '4321EF;2;;;Nieuwe Straat;Proefstad;GM0344;155200;463200',
      ),
      'tweede.csv',
    );
    // The address only the first file had is gone; the one both had has the second's point.
    expect(await service.lookup(admin, { postcode: '1234AB', houseNumber: 3 })).toBeNull();
    expect(await service.lookup(admin, { postcode: '5678CD', houseNumber: 10, houseLetter: 'A' })).toBeNull();
    const moved = await service.lookup(admin, { postcode: '1234AB', houseNumber: 1 });
    expect(moved?.latitude).toBeGreaterThan(52.159);
    expect(await service.lookup(admin, { postcode: '4321EF', houseNumber: 2 })).toMatchObject({
      street: 'Nieuwe Straat',
    });

    const state = await service.status(admin);
    expect(state).toEqual({
      lastLoad: {
        id: second.loadId,
        fileName: 'tweede.csv',
        fileHash: second.fileHash,
        format: 'csv',
        rows: 2,
        accepted: 2,
        rejected: 0,
        loadedAt: second.loadedAt,
        loadedBy: adminUser.id,
        loadedByName: expect.stringMatching(/^Test administrator \d+$/),
      },
      addresses: 2,
    });
    expect(second.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.fileHash).not.toBe(first.fileHash);
    const rows = await t.database.db
      .selectFrom('addressRegister')
      .select('loadId')
      .where('regionId', '=', adminUser.regionId)
      .distinct()
      .execute();
    expect(rows).toEqual([{ loadId: second.loadId }]);
    expect((await loggedResults(adminUser.id)).slice(before.length)).toEqual(['success', 'success']);
  });

  it("keeps each region's register apart: a load replaces its own region's only, a lookup reads its own", async () => {
    await ensureOtherRegion(t.database.db);
    const otherUser = await createUser(t.database.db, t.keys, {
      roles: ['administrator'],
      regionId: OTHER_REGION,
    });
    const other = contextOf(otherUser, ['administrator']);
    await service.load(admin, file('6666GG;1;;;Verzonnenlaan;Testdorp;GM0344;155000;463000'), 'mn.csv');
    await service.load(
      other,
      file('7777HH;1;;;Elders;Andersdorp;;156000;464000', '7777HH;2;;;Elders;Andersdorp;;156010;464000'),
      'test.csv',
    );
    // The other region's load left Midden-Nederland's register whole, and neither sees the other's.
    expect(await service.lookup(admin, { postcode: '6666GG', houseNumber: 1 })).not.toBeNull();
    expect(await service.lookup(admin, { postcode: '7777HH', houseNumber: 1 })).toBeNull();
    expect(await service.lookup(other, { postcode: '6666GG', houseNumber: 1 })).toBeNull();
    expect(await service.lookup(other, { postcode: '7777HH', houseNumber: 2 })).not.toBeNull();
    expect(await service.status(admin)).toMatchObject({ addresses: 1, lastLoad: { fileName: 'mn.csv' } });
    expect(await service.status(other)).toMatchObject({ addresses: 2, lastLoad: { fileName: 'test.csv' } });
  });

  it('writes nothing when one row is refused, and names every refused row in Dutch', async () => {
    const good = await service.load(
      admin,
      file('1111AA;1;;;Verzonnenlaan;Testdorp;;155000;463000'),
      'goed.csv',
    );
    const before = await loggedResults(adminUser.id);

    const error = await refusal(
      service.load(
        admin,
        file(
          '2222BB;1;;;Verzonnenlaan;Testdorp;;155000;463000',
          '2222BB;2;;;Verzonnenlaan;Testdorp;;155000;463000',
          '2222 SS;3;;;;Testdorp;;155000;463000',
          '2222BB;4;;;Verzonnenlaan;Testdorp;;155000;463000',
        ),
        'fout.csv',
      ),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(problemCodes.invalidRequest);
    expect(error.detail).toContain('1 van de 4 regels');
    expect(error.errors).toEqual([
      {
        name: 'line.4.postcode',
        in: 'body',
        code: 'address.postcode_invalid',
        reason: expect.stringMatching(/^Regel 4, kolom postcode: '2222 SS' is geen geldige postcode/),
      },
      {
        name: 'line.4.straat',
        in: 'body',
        code: 'address.street_missing',
        reason: expect.stringContaining('Regel 4, kolom straat'),
      },
    ]);

    // The register and its loads are as they were: not one of the good rows got in.
    expect(await service.lookup(admin, { postcode: '2222BB', houseNumber: 1 })).toBeNull();
    expect(await service.lookup(admin, { postcode: '1111AA', houseNumber: 1 })).not.toBeNull();
    expect(await service.status(admin)).toMatchObject({ lastLoad: { id: good.loadId }, addresses: 1 });
    expect((await loggedResults(adminUser.id)).slice(before.length)).toEqual(['invalid']);
  });

  it('refuses an empty file, which would wipe the register', async () => {
    const good = await service.load(
      admin,
      file('3333CC;1;;;Verzonnenlaan;Testdorp;;155000;463000'),
      'goed.csv',
    );
    const error = await refusal(service.load(admin, file(), 'leeg.csv'));
    expect(error.errors?.[0]?.code).toBe('address.file_no_rows');
    expect(await service.status(admin)).toMatchObject({ lastLoad: { id: good.loadId }, addresses: 1 });
  });

  it('loads more rows than one insert holds', async () => {
    const rows = Array.from(
      { length: 2_500 },
      (_, i) => `4444DD;${i + 1};;;Verzonnenlaan;Testdorp;;${155_000 + i};463000`,
    );
    const loaded = await service.load(admin, file(...rows), 'groot.csv');
    expect(loaded.accepted).toBe(2_500);
    expect(await service.status(admin)).toMatchObject({ addresses: 2_500 });
    expect(await service.lookup(admin, { postcode: '4444DD', houseNumber: 2_500 })).toMatchObject({
      street: 'Verzonnenlaan',
    });
  });

  it('looks an address up by its normalised parts, letter and addition included, and logs who did', async () => {
    const before = await loggedResults(analystUser.id, 'address-register.lookup');
    await service.load(
      admin,
      file(
        '5555EE;7;A;BIS;Verzonnenlaan;Testdorp;GM0344;155000;463000',
        '5555EE;7;;;Verzonnenlaan;Testdorp;GM0344;155010;463010',
      ),
      'letters.csv',
    );
    const found = await service.lookup(analyst, {
      postcode: '5555 ee',
      houseNumber: '7',
      houseLetter: 'a',
      addition: 'bis',
    });
    expect(found).toEqual({
      postcode: '5555EE',
      houseNumber: 7,
      houseLetter: 'A',
      addition: 'BIS',
      street: 'Verzonnenlaan',
      place: 'Testdorp',
      municipalityCode: 'GM0344',
      bagId: null,
      latitude: expect.closeTo(52.1551744, 5),
      longitude: expect.closeTo(5.3872062, 5),
    });
    expect(await service.lookup(analyst, { postcode: '5555EE', houseNumber: 7 })).toMatchObject({
      houseLetter: null,
      addition: null,
    });
    expect(
      await service.lookup(analyst, { postcode: '5555EE', houseNumber: 7, houseLetter: 'B' }),
    ).toBeNull();

    const error = await refusal(service.lookup(analyst, { postcode: '0555EE', houseNumber: 0 }));
    expect(error.status).toBe(400);
    expect(error.errors?.map((e) => e.code)).toEqual([
      'address.postcode_invalid',
      'address.house_number_invalid',
    ]);
    expect((await loggedResults(analystUser.id, 'address-register.lookup')).slice(before.length)).toEqual([
      'success',
      'success',
      'success',
      'invalid',
    ]);
  });

  it('lets only an administrator load or see the loads; anyone signed in looks up', async () => {
    const good = await service.load(
      admin,
      file('6666FF;1;;;Verzonnenlaan;Testdorp;;155000;463000'),
      'goed.csv',
    );
    const refused = await refusal(
      service.load(analyst, file('6666FF;2;;;Verzonnenlaan;Testdorp;;155000;463000'), 'anders.csv'),
    );
    expect(refused.status).toBe(403);
    expect((await refusal(service.status(analyst))).status).toBe(403);
    expect(await service.status(admin)).toMatchObject({ lastLoad: { id: good.loadId }, addresses: 1 });
    expect(await service.lookup(analyst, { postcode: '6666FF', houseNumber: 1 })).not.toBeNull();

    const anonymous = { ...analyst, actor: null };
    expect((await refusal(service.lookup(anonymous, { postcode: '6666FF', houseNumber: 1 }))).status).toBe(
      401,
    );
    expect((await refusal(service.load(anonymous, file(), 'x.csv'))).status).toBe(401);
  });
});
