import type { Role } from '@samenspel/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationByCode } from '../modules/organisations/index.js';
import {
  type ApiSession,
  addCaseSubject,
  Cast,
  createTestApp,
  createUser,
  dutchDay,
  multipartFile,
  newAcceptedSignal,
  newBsn,
  newCase,
  newMeeting,
  newPerson,
  newRound,
  newSignal,
  OTHER_REGION,
  signIn,
  smallPdf,
  type TestApp,
  type TestUser,
  testEngine,
  uniqueSurname,
} from '../testing/index.js';
import { registeredRoutes } from './app.js';

/** Today in the Netherlands: the steps on the matrix's cases happen on the day they start. */
const today = dutchDay();

/**
 * Every API route with who may call it. The test walks all of them: without a session 401;
 * with a role that lacks the permission 403, or 404 where the route concerns records; a user
 * of another region 404 on records of this region; and the right user succeeds. A route that
 * is registered but not listed here fails the test.
 */
interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object;
  /** A body sent as it is, with its own headers (multipart uploads). */
  raw?: { body: Buffer; headers: Record<string, string> };
}

interface Entry {
  /** Needs no session (health, sign-in, single sign-on, the API description). */
  public?: boolean;
  /** A role that may; 'any' for every signed-in user. */
  permitted?: Role | 'any';
  /** A role that may not. */
  denied?: Role;
  /** Concerns records of the region: refusals are 404, also for another region's user. */
  records?: boolean;
  /** The role of the other region's user who must get 404 (default: administrator). */
  foreign?: Role;
  /** Partner staff of another organisation in the region must get 404 too. */
  otherOrganisation?: boolean;
  /** Expected status of the successful call. */
  ok: number;
  /**
   * The user action the call must leave in the log (also, refused, for a role without the
   * permission); null for a route that touches no personal data. Every route must say which.
   */
  logs?: string | null;
  call: () => Promise<Call> | Call;
  /** The call ends or changes the session it is made with: use a fresh one. */
  freshSession?: boolean;
}

/**
 * What a partner system may call with its API token (reference data, submitting and reading
 * its own signals, answering the requests addressed to it); every other route refuses it.
 */
const forPartnerSystems = new Set([
  'GET /api/v1/address-register/lookup',
  'GET /api/v1/regions',
  'GET /api/v1/regions/{regionId}',
  'GET /api/v1/regions/{regionId}/municipality-boundaries',
  'GET /api/v1/districts',
  'GET /api/v1/districts/{districtId}',
  'GET /api/v1/municipalities',
  'GET /api/v1/municipalities/{code}',
  'GET /api/v1/partner-organisations',
  'GET /api/v1/themes',
  'POST /api/v1/signals',
  'GET /api/v1/signals',
  'GET /api/v1/signals/export.xlsx',
  'GET /api/v1/signals/{signalId}',
  'GET /api/v1/signals/work',
  'GET /api/v1/hit-check-requests',
  'GET /api/v1/hit-check-requests/open',
  'PUT /api/v1/hit-check-requests/{roundId}/answers',
]);

let t: TestApp;
let cast: Cast;
const users = new Map<Role, TestUser>();
const sessions = new Map<Role, ApiSession>();
const otherRegion = new Map<Role, ApiSession>();
let otherOrganisationStaff: ApiSession;
/** The RIEC's own system, with every right a partner system may have. */
let partnerSystem: ApiSession;
let organisationId: string;
const org: Record<string, string> = {};
let themeId = '';

async function target(): Promise<TestUser> {
  return createUser(t.database.db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0344' });
}

async function token(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    payload: {
      name: 'Matrix',
      organisationId,
      permissions: ['reference.read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
    headers: sessions.get('administrator')?.headers ?? {},
  });
  return response.json().apiToken.id;
}

async function asRole(role: Role, call: Call) {
  const response = await send(call, sessions.get(role));
  if (response.statusCode >= 300)
    throw new Error(`${call.method} ${call.url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** The matrix's own person: every new signal about "Piet Matrix" is probably the same as the earlier ones. */
const pietMatrix = {
  kind: 'person' as const,
  firstNames: 'Piet',
  surname: 'Matrix',
  dateOfBirth: '1970-01-01',
};

/** A signal of the partner staff's organisation (the RIEC here), moved on to the given stage. */
async function signalAt(stage: 'draft' | 'received' | 'triaged' = 'received'): Promise<string> {
  return (await newSignal(cast, { by: 'riec', submitters: ['riec'], stage, subjects: [pietMatrix] })).id;
}

/** A round on a triaged signal, addressed to the RIEC (the partner staff's organisation here). */
async function roundId(): Promise<string> {
  return (
    await newRound(cast, {
      signal: await newSignal(cast, {
        by: 'riec',
        submitters: ['riec'],
        stage: 'triaged',
        subjects: [pietMatrix],
      }),
      organisations: ['riec'],
    })
  ).roundId;
}

/** A notification of the partner staff (of the RIEC here): the request of a new round. */
async function notificationId(): Promise<string> {
  const round = await roundId();
  const row = await t.database.db
    .selectFrom('notifications')
    .select('id')
    .where('recipientId', '=', users.get('partner_staff')?.id ?? '')
    .where('link', '=', `/hit-no-hit#ronde-${round}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function meetingWith(signalId: string): Promise<string> {
  return (await newMeeting(cast, { kind: 'dto', signalIds: [signalId] })).id;
}

/** A case on an accepted signal, directed by the matrix's case director, with the RIEC taking part. */
async function caseId(options: { goal?: boolean; phase?: 'evaluation' } = {}): Promise<string> {
  const signal = await newAcceptedSignal(cast, { by: 'riec', submitters: ['riec'], subjects: [pietMatrix] });
  return (await newCase(cast, { fromSignal: signal, participants: ['riec'], codeName: 'Matrix', ...options }))
    .id;
}

/** An open suggestion: every new "Piet Matrix" signal is probably the same as the earlier ones. */
async function suggestionId(): Promise<string> {
  await signalAt();
  const newest = await subjectId();
  const row = await t.database.db
    .selectFrom('matchSuggestions')
    .select('id')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('subjectA', '=', newest), eb('subjectB', '=', newest)]))
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function mergeId(): Promise<string> {
  const decided = await asRole('riec_analyst', {
    method: 'POST',
    url: `/api/v1/subjects/suggestions/${await suggestionId()}/decision`,
    payload: { decision: 'confirmed' },
  });
  return decided.mergeId;
}

async function subjectId(): Promise<string> {
  await signalAt();
  const row = await t.database.db
    .selectFrom('subjects')
    .select('id')
    .where('regionId', '=', 'midden-nederland')
    .where('mergedInto', 'is', null)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A case with two subjects of its own, for a relation between them. */
async function caseWithSubjects(): Promise<{ id: string; from: string; to: string }> {
  const id = await caseId();
  await asRole('case_director', {
    method: 'POST',
    url: `/api/v1/cases/${id}/subjects`,
    payload: {
      role: 'main-subject',
      subject: { kind: 'company', name: 'Matrix B.V.', kvkNumber: '12345678' },
    },
  });
  const detail = await asRole('case_director', {
    method: 'POST',
    url: `/api/v1/cases/${id}/subjects`,
    payload: { role: 'facilitator', subject: { kind: 'person', firstNames: 'Mies', surname: 'Matrix' } },
  });
  return { id, from: detail.subjects[1].id, to: detail.subjects[0].id };
}

const ftmLines = `${JSON.stringify({ id: 'p1', schema: 'Person', properties: { firstName: ['Kees'], lastName: ['Matrix'] } })}\n`;

async function importId(): Promise<{ caseId: string; importId: string }> {
  const id = await caseId();
  const response = await send(
    {
      method: 'POST',
      url: `/api/v1/cases/${id}/ftm-imports`,
      raw: { body: Buffer.from(ftmLines), headers: { 'content-type': 'application/x-ndjson' } },
    },
    sessions.get('case_director'),
  );
  return { caseId: id, importId: response.json().id };
}

/** A fresh signal table of the region, so that changing its members leaves the covenant alone. */
async function signalTable(): Promise<string> {
  const created = await asRole('administrator', {
    method: 'POST',
    url: '/api/v1/collaborations',
    payload: { kind: 'signal-table', name: `Signalentafel ${Math.random().toString(36).slice(2, 8)}` },
  });
  return created.id;
}

/** A signal table with the administrator's organisation as member. */
async function tableWithMember(): Promise<string> {
  const id = await signalTable();
  await asRole('administrator', {
    method: 'PUT',
    url: `/api/v1/collaborations/${id}/members/${organisationId}`,
    payload: { role: 'coordinator' },
  });
  await asRole('administrator', {
    method: 'PUT',
    url: `/api/v1/collaborations/${id}/members/${await anotherOrganisation()}`,
    payload: { role: 'partner' },
  });
  return id;
}

async function anotherOrganisation(): Promise<string> {
  const { items } = await asRole('administrator', { method: 'GET', url: '/api/v1/partner-organisations' });
  return items.find((o: { id: string }) => o.id !== organisationId).id;
}

const code = () => `m-${Math.random().toString(36).slice(2, 10)}`;

async function configurationId(kind: 'legalBases' | 'interventions'): Promise<string> {
  const configuration = await asRole('case_director', { method: 'GET', url: '/api/v1/case-configuration' });
  return configuration[kind][0].id;
}

/** A risk-location project of the region. */
async function projectAt(): Promise<string> {
  const created = await asRole('riec_analyst', {
    method: 'POST',
    url: '/api/v1/location-projects',
    payload: { name: `Risicolocaties ${code()}`, baselineOn: '2020-01-31' },
  });
  return created.id;
}

/** A risk location in Utrecht, flagged by the RIEC's analyst. */
async function locationAt(): Promise<string> {
  const created = await asRole('riec_analyst', {
    method: 'POST',
    url: '/api/v1/locations',
    payload: {
      kind: 'shed',
      municipalityCode: 'GM0344',
      address: { street: 'Matrixweg', houseNumber: 7, postcode: '3541 AA', place: 'Utrecht' },
    },
  });
  return created.id;
}

/** An integral inspection in Utrecht of the RIEC and the police; held when asked. */
async function inspectionAt(held = false): Promise<string> {
  const created = await asRole('riec_analyst', {
    method: 'POST',
    url: '/api/v1/inspections',
    payload: {
      municipalityCode: 'GM0344',
      integral: true,
      plannedOn: today,
      organisationIds: [org.politie],
      locationIds: [await locationAt()],
    },
  });
  if (held)
    await asRole('riec_analyst', {
      method: 'POST',
      url: `/api/v1/inspections/${created.id}/steps`,
      payload: { type: 'held', happenedOn: today },
    });
  return created.id;
}

/** An opportunity map of one business park. */
const mapLayerPayload = () => ({
  kind: 'opportunity',
  name: `Gelegenheidskaart ${code()}`,
  municipalityCode: 'GM0344',
  madeOn: '2021-06-01',
  csv: 'latitude;longitude;indicator\n52.1;5.1;bedrijventerrein\n',
});

/** A tiny BAG extract as CSV, with the address the lookup asks for. */
const addressCsv = (): Call['raw'] => ({
  body: Buffer.from('postcode;huisnummer;straat;woonplaats;lat;lon\n3541AA;7;Matrixweg;Utrecht;52.1;5.1\n'),
  headers: { 'content-type': 'text/csv' },
});

async function registerLoaded(): Promise<void> {
  const response = await send(
    { method: 'PUT', url: '/api/v1/address-register?fileName=bag.csv', raw: addressCsv() },
    sessions.get('administrator'),
  );
  if (response.statusCode !== 200)
    throw new Error(`address register: ${response.statusCode} ${response.body}`);
}

/** A norm of the region with Utrecht as its member and one ambition, from 2021. */
async function normId(): Promise<string> {
  const norm = await asRole('riec_analyst', {
    method: 'POST',
    url: '/api/v1/norms',
    payload: {
      name: `Matrixnorm ${Math.random().toString(36).slice(2, 8)}`,
      validFrom: '2021-01-01',
      ambitions: [{ code: 'A1', title: 'Ambitie 1 (voorbeeld)' }],
      memberIds: [org.GM0344],
    },
  });
  return norm.id;
}

/** A review of a new norm: its agenda holds Utrecht's open ambition. */
async function normReview(): Promise<{ id: string; points: Array<{ id: string }> }> {
  return asRole('riec_analyst', {
    method: 'POST',
    url: `/api/v1/norms/${await normId()}/reviews`,
    payload: {},
  });
}

const matrixScan = {
  questions: [
    {
      code: 'Q1',
      text: 'Is er een aanspreekpunt?',
      options: [
        { value: 'nee', label: 'Nee', points: 0 },
        { value: 'ja', label: 'Ja', points: 1 },
      ],
    },
  ],
};

async function scanId(): Promise<string> {
  const scan = await asRole('riec_analyst', {
    method: 'POST',
    url: '/api/v1/scans',
    payload: {
      name: `Matrixscan ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'weerbaarheidsscan',
      subject: 'municipality',
      definition: matrixScan,
    },
  });
  return scan.id;
}

/** A run of a new scan in Utrecht, with one follow-up action. */
async function scanRun(): Promise<{ id: string; actions: Array<{ id: string }> }> {
  return asRole('riec_analyst', {
    method: 'POST',
    url: `/api/v1/scans/${await scanId()}/runs`,
    payload: {
      municipalityCode: 'GM0344',
      answers: { Q1: 'nee' },
      actions: [{ title: 'Aanspreekpunt aanwijzen' }],
    },
  });
}

/** A programme of the matrix's own, with one goal recorded by hand. */
async function programmeWithGoal(): Promise<{ id: string; goalId: string }> {
  const created = await asRole('programme_manager', {
    method: 'POST',
    url: '/api/v1/programmes',
    payload: { year: 2021, kind: 'programme', name: `Programma ${code()}` },
  });
  const withGoal = await asRole('programme_manager', {
    method: 'POST',
    url: `/api/v1/programmes/${created.id}/goals`,
    payload: goalPayload(),
  });
  return { id: created.id, goalId: withGoal.items[0].id };
}
const goalPayload = () => ({
  text: 'Twee actieweken',
  scope: { kind: 'region' },
  target: { kind: 'number', minimum: 2 },
  result: { kind: 'recorded' },
});
const activityPayload = () => ({ kind: 'webinar', title: 'Bibob-webinar', heldOn: today, participants: 30 });

/**
 * A destruction list of the region's covenant in the state asked for, with one record due on it
 * (an import's error file that needs no other data): each call a list of a day of its own.
 */
let listDay = 0;
async function destructionList(status: 'draft' | 'submitted'): Promise<{ id: string; itemId: string }> {
  const db = t.database.db;
  const covenant = await db
    .selectFrom('collaborations')
    .select('id')
    .where('regionId', '=', 'midden-nederland')
    .where('kind', '=', 'covenant')
    .executeTakeFirstOrThrow();
  listDay += 1;
  const list = await db
    .insertInto('destructionLists')
    .values({
      regionId: 'midden-nederland',
      collaborationId: covenant.id,
      draftedOn: `2020-01-${String(listDay).padStart(2, '0')}`,
      status,
      submittedAt: status === 'submitted' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('destructionItems')
    .values({
      listId: list.id,
      recordKind: 'import-errors',
      recordId: crypto.randomUUID(),
      label: 'Foutenbestand',
      dueOn: '2020-01-01',
      status: 'due',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: list.id, itemId: item.id };
}
/** A legal hold in force on a signal of the region. */
async function holdId(): Promise<string> {
  const signal = await newSignal(cast);
  const hold = await asRole('privacy_officer', {
    method: 'POST',
    url: '/api/v1/legal-holds',
    payload: { reference: signal.reference, ground: 'woo-request', reason: 'Woo-verzoek loopt' },
  });
  return hold.id;
}

/**
 * A data-subject request about a person only the RIEC holds data on (a case subject added by its
 * director): by BSN, its matches are certain; by name only, they wait for review. With `owned`,
 * the RIEC's task is the analyst's; about nobody, it is ready to answer at once.
 */
async function dsrRequest(
  options: { byName?: boolean; nobody?: boolean; owned?: boolean; answered?: boolean } = {},
): Promise<{ id: string; taskId: string; matchId: string }> {
  const person = newPerson({ surname: uniqueSurname(), bsn: newBsn(), dateOfBirth: '1975-05-05' });
  if (person.kind !== 'person') throw new Error('not a person');
  if (!options.nobody) await addCaseSubject(cast, (await newCase(cast)).id, person);
  const request = await asRole('privacy_officer', {
    method: 'POST',
    url: '/api/v1/data-subject-requests',
    payload: {
      kind: 'access',
      receivedOn: today,
      person: {
        surname: person.surname,
        dateOfBirth: '1975-05-05',
        ...(options.byName ? {} : { bsn: person.bsn }),
      },
      contact: 'Per post',
      identityCheck: 'digid',
      identityCheckedOn: today,
    },
  });
  const task = request.tasks[0];
  if (options.owned && task)
    await asRole('privacy_officer', {
      method: 'PUT',
      url: `/api/v1/data-subject-requests/${request.id}/owners`,
      payload: { owners: [{ taskId: task.id, ownerId: users.get('riec_analyst')?.id }] },
    });
  if (options.answered)
    await asRole('privacy_officer', {
      method: 'POST',
      url: `/api/v1/data-subject-requests/${request.id}/answer`,
    });
  return { id: request.id, taskId: task?.id ?? '', matchId: request.matches[0]?.id ?? '' };
}

/** A new annual report in a year of its own, as the programme manager starts it. */
let reportYear = 2040;
async function draftReport(): Promise<{ id: string; items: Array<{ id: string }> }> {
  return asRole('programme_manager', {
    method: 'POST',
    url: '/api/v1/annual-reports',
    payload: { year: reportYear++ },
  });
}
/** A report whose every section the programme manager wrote, submitted and approved. */
async function approvedReport(): Promise<string> {
  const report = await draftReport();
  for (const s of report.items) {
    const url = `/api/v1/annual-reports/${report.id}/sections/${s.id}`;
    await asRole('programme_manager', { method: 'PUT', url: `${url}/prose`, payload: { prose: 'Tekst.' } });
    await asRole('programme_manager', { method: 'POST', url: `${url}/steps`, payload: { type: 'submit' } });
    await asRole('programme_manager', { method: 'POST', url: `${url}/steps`, payload: { type: 'approve' } });
  }
  return report.id;
}
let published: Promise<string> | undefined;
/** One published report, shared by the routes that read it. */
function publishedReport(): Promise<string> {
  published ??= approvedReport().then(async (id) => {
    await asRole('programme_manager', { method: 'POST', url: `/api/v1/annual-reports/${id}/publication` });
    return id;
  });
  return published;
}

const matrix: Record<string, Entry> = {
  'GET /api/v1/annual-reports': {
    logs: 'annual-report.list',
    permitted: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/annual-reports' }),
  },
  'POST /api/v1/annual-reports': {
    logs: 'annual-report.create',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 201,
    call: () => ({ method: 'POST', url: '/api/v1/annual-reports', payload: { year: reportYear++ } }),
  },
  'GET /api/v1/annual-reports/{reportId}': {
    logs: 'annual-report.read',
    records: true,
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/annual-reports/${(await draftReport()).id}` }),
  },
  'GET /api/v1/annual-reports/{reportId}/possible-owners': {
    logs: 'annual-report.possible-owners',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/annual-reports/${(await draftReport()).id}/possible-owners`,
    }),
  },
  'PUT /api/v1/annual-reports/{reportId}/sections/{sectionId}/owner': {
    logs: 'annual-report.owner',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => {
      const r = await draftReport();
      return {
        method: 'PUT',
        url: `/api/v1/annual-reports/${r.id}/sections/${r.items[0]?.id}/owner`,
        payload: { ownerId: null },
      };
    },
  },
  'PUT /api/v1/annual-reports/{reportId}/sections/{sectionId}/prose': {
    logs: 'annual-report.write',
    records: true,
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: async () => {
      const r = await draftReport();
      return {
        method: 'PUT',
        url: `/api/v1/annual-reports/${r.id}/sections/${r.items[0]?.id}/prose`,
        payload: { prose: 'Tekst.' },
      };
    },
  },
  'POST /api/v1/annual-reports/{reportId}/sections/{sectionId}/steps': {
    logs: 'annual-report.return',
    records: true,
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: async () => {
      const r = await draftReport();
      const url = `/api/v1/annual-reports/${r.id}/sections/${r.items[0]?.id}`;
      await asRole('programme_manager', { method: 'PUT', url: `${url}/prose`, payload: { prose: 'Tekst.' } });
      await asRole('programme_manager', { method: 'POST', url: `${url}/steps`, payload: { type: 'submit' } });
      return { method: 'POST', url: `${url}/steps`, payload: { type: 'return', note: 'Nog niet af.' } };
    },
  },
  'POST /api/v1/annual-reports/{reportId}/publication': {
    logs: 'annual-report.publish',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/annual-reports/${await approvedReport()}/publication`,
    }),
  },
  'GET /api/v1/annual-reports/{reportId}/publication': {
    logs: 'annual-report.read-published',
    records: true,
    permitted: 'partner_staff',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/annual-reports/${await publishedReport()}/publication`,
    }),
  },
  'GET /api/v1/annual-reports/{reportId}/publication.pdf': {
    logs: 'annual-report.read-published',
    records: true,
    permitted: 'meeting_chair',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/annual-reports/${await publishedReport()}/publication.pdf`,
    }),
  },
  'GET /api/v1/annual-reports/{reportId}/publication/tables/{tableId}': {
    logs: 'annual-report.read-published',
    records: true,
    permitted: 'case_director',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/annual-reports/${await publishedReport()}/publication/tables/verantwoordingstabel`,
    }),
  },
  'GET /api/v1/finance/{year}': {
    logs: 'finance.read',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/finance/2021' }),
  },
  'PUT /api/v1/finance/{year}': {
    logs: 'finance.update',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({
      method: 'PUT',
      url: '/api/v1/finance/2021',
      payload: { lines: [{ line: 'municipalities', budget: 291_000, realisation: 312_000 }] },
    }),
  },
  'GET /api/v1/job-runs': {
    logs: 'job.list',
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/job-runs' }),
  },
  'GET /api/v1/destruction-lists': {
    logs: 'retention.list',
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/destruction-lists' }),
  },
  'POST /api/v1/destruction-lists': {
    logs: 'retention.draft',
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'POST', url: '/api/v1/destruction-lists' }),
  },
  'GET /api/v1/destruction-lists/{listId}': {
    logs: 'retention.read',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/destruction-lists/${(await destructionList('draft')).id}`,
    }),
  },
  'POST /api/v1/destruction-lists/{listId}/submit': {
    logs: 'retention.submit',
    records: true,
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/destruction-lists/${(await destructionList('draft')).id}/submit`,
    }),
  },
  'POST /api/v1/destruction-lists/{listId}/approve': {
    logs: 'retention.approve',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/destruction-lists/${(await destructionList('submitted')).id}/approve`,
    }),
  },
  'POST /api/v1/destruction-lists/{listId}/return': {
    logs: 'retention.return',
    records: true,
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/destruction-lists/${(await destructionList('submitted')).id}/return`,
      payload: { reason: 'Eerst de bewaarplichten nagaan' },
    }),
  },
  'POST /api/v1/destruction-lists/{listId}/items/{itemId}/postpone': {
    logs: 'retention.postpone',
    records: true,
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: async () => {
      const list = await destructionList('draft');
      return {
        method: 'POST',
        url: `/api/v1/destruction-lists/${list.id}/items/${list.itemId}/postpone`,
        payload: { until: dutchDay(30), reason: 'Rechtszaak loopt nog' },
      };
    },
  },
  'GET /api/v1/retention-postponements': {
    logs: 'retention.postponements',
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/retention-postponements' }),
  },
  'GET /api/v1/legal-holds': {
    logs: 'legal-hold.list',
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/legal-holds?active=true' }),
  },
  'POST /api/v1/legal-holds': {
    logs: 'legal-hold.place',
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: '/api/v1/legal-holds',
      payload: { reference: (await newSignal(cast)).reference, ground: 'court-case', reason: 'Rechtszaak' },
    }),
  },
  'POST /api/v1/legal-holds/{holdId}/lift': {
    logs: 'legal-hold.lift',
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/legal-holds/${await holdId()}/lift`,
      payload: { reason: 'Het verzoek is afgehandeld' },
    }),
  },
  'GET /api/v1/data-subject-requests': {
    logs: 'dsr.list',
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/data-subject-requests' }),
  },
  'POST /api/v1/data-subject-requests': {
    logs: 'dsr.register',
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/data-subject-requests',
      payload: {
        kind: 'objection',
        receivedOn: today,
        person: { surname: uniqueSurname(), dateOfBirth: '1981-02-03' },
        contact: 'Per e-mail',
        identityCheck: 'id-document-desk',
        identityCheckedOn: today,
      },
    }),
  },
  'GET /api/v1/data-subject-requests/{requestId}': {
    logs: 'dsr.read',
    records: true,
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/data-subject-requests/${(await dsrRequest()).id}` }),
  },
  'POST /api/v1/data-subject-requests/{requestId}/matches/{matchId}/review': {
    logs: 'dsr.review',
    records: true,
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => {
      const request = await dsrRequest({ byName: true });
      return {
        method: 'POST',
        url: `/api/v1/data-subject-requests/${request.id}/matches/${request.matchId}/review`,
        payload: { confirmed: true },
      };
    },
  },
  'PUT /api/v1/data-subject-requests/{requestId}/owners': {
    logs: 'dsr.owners',
    records: true,
    permitted: 'privacy_officer',
    denied: 'administrator',
    ok: 200,
    call: async () => {
      const request = await dsrRequest();
      return {
        method: 'PUT',
        url: `/api/v1/data-subject-requests/${request.id}/owners`,
        payload: { owners: [{ taskId: request.taskId, ownerId: users.get('riec_analyst')?.id }] },
      };
    },
  },
  'POST /api/v1/data-subject-requests/{requestId}/extension': {
    logs: 'dsr.extend',
    records: true,
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/data-subject-requests/${(await dsrRequest({ nobody: true })).id}/extension`,
      payload: { noticeOn: today, reason: 'Drie partners moeten besluiten' },
    }),
  },
  'POST /api/v1/data-subject-requests/{requestId}/answer': {
    logs: 'dsr.answer',
    records: true,
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/data-subject-requests/${(await dsrRequest({ nobody: true })).id}/answer`,
    }),
  },
  'GET /api/v1/data-subject-requests/{requestId}/answer.json': {
    logs: 'dsr.answer-export',
    records: true,
    permitted: 'privacy_officer',
    denied: 'programme_manager',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/data-subject-requests/${(await dsrRequest({ nobody: true, answered: true })).id}/answer.json`,
    }),
  },
  'GET /api/v1/data-subject-requests/{requestId}/answer.pdf': {
    logs: 'dsr.answer-export',
    records: true,
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/data-subject-requests/${(await dsrRequest({ nobody: true, answered: true })).id}/answer.pdf`,
    }),
  },
  'GET /api/v1/data-subject-tasks': {
    logs: 'dsr-task.list',
    permitted: 'riec_analyst',
    denied: 'administrator',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/data-subject-tasks' }),
  },
  'GET /api/v1/data-subject-tasks/{taskId}': {
    logs: 'dsr-task.read',
    records: true,
    // Partner staff may decide on tasks, but only on their own: not on the analyst's.
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/data-subject-tasks/${(await dsrRequest({ owned: true })).taskId}`,
    }),
  },
  'POST /api/v1/data-subject-tasks/{taskId}/matches/{matchId}/decision': {
    logs: 'dsr-task.decide',
    records: true,
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => {
      const request = await dsrRequest({ owned: true });
      return {
        method: 'POST',
        url: `/api/v1/data-subject-tasks/${request.taskId}/matches/${request.matchId}/decision`,
        payload: { decision: 'grant' },
      };
    },
  },
  'GET /api/v1/import-kinds': {
    logs: 'import.kinds',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/import-kinds' }),
  },
  'POST /api/v1/imports/{kind}': {
    logs: 'import.dry-run',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: () => financeImportCall(),
  },
  'POST /api/v1/import-jobs/{kind}': {
    logs: 'import.job-start',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 202,
    call: () => ({
      ...financeImportCall(),
      url: '/api/v1/import-jobs/finance?mode=dry-run&fileName=financien.csv',
    }),
  },
  'GET /api/v1/import-jobs/{jobId}': {
    logs: 'import.job-read',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/import-jobs/${await financeJob()}` }),
  },
  'GET /api/v1/imports': {
    logs: 'import.list',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/imports' }),
  },
  'GET /api/v1/imports/{importId}': {
    logs: 'import.read',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/imports/${await financeImport()}` }),
  },
  'GET /api/v1/imports/{importId}/errors.csv': {
    logs: 'import.error-file',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/imports/${await financeImport()}/errors.csv` }),
  },
  'GET /api/v1/indicators': {
    logs: 'indicator.list',
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/indicators' }),
  },
  'GET /api/v1/programmes': {
    logs: 'programme.list',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/programmes?year=2021' }),
  },
  'POST /api/v1/programmes': {
    logs: 'programme.create',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/programmes',
      payload: { year: 2022, kind: 'programme', name: `Programma ${code()}` },
    }),
  },
  'GET /api/v1/programmes/{programmeId}': {
    logs: 'programme.read',
    records: true,
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/programmes/${(await programmeWithGoal()).id}` }),
  },
  'POST /api/v1/programmes/{programmeId}/goals': {
    logs: 'goal.create',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/programmes/${(await programmeWithGoal()).id}/goals`,
      payload: goalPayload(),
    }),
  },
  'PUT /api/v1/programmes/{programmeId}/goals/{goalId}': {
    logs: 'goal.update',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 200,
    call: async () => {
      const p = await programmeWithGoal();
      return { method: 'PUT', url: `/api/v1/programmes/${p.id}/goals/${p.goalId}`, payload: goalPayload() };
    },
  },
  'DELETE /api/v1/programmes/{programmeId}/goals/{goalId}': {
    logs: 'goal.delete',
    records: true,
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    ok: 200,
    call: async () => {
      const p = await programmeWithGoal();
      return { method: 'DELETE', url: `/api/v1/programmes/${p.id}/goals/${p.goalId}` };
    },
  },
  'POST /api/v1/programmes/{programmeId}/goals/{goalId}/results': {
    logs: 'goal.record-result',
    records: true,
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 201,
    call: async () => {
      const p = await programmeWithGoal();
      return {
        method: 'POST',
        url: `/api/v1/programmes/${p.id}/goals/${p.goalId}/results`,
        payload: { value: 2, source: 'Verslag van het DTO', recordedOn: today },
      };
    },
  },
  'GET /api/v1/case-progress': {
    logs: 'case-progress.read',
    permitted: 'partner_staff',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/case-progress?year=2021' }),
  },
  'GET /api/v1/activity-kinds': {
    logs: 'activity-kind.list',
    permitted: 'case_director',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/activity-kinds' }),
  },
  'POST /api/v1/activity-kinds': {
    logs: 'activity-kind.create',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    ok: 201,
    call: () => {
      const c = code();
      return { method: 'POST', url: '/api/v1/activity-kinds', payload: { code: c, name: `Soort ${c}` } };
    },
  },
  'GET /api/v1/activities': {
    logs: 'activity.list',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/activities' }),
  },
  'GET /api/v1/activities.xlsx': {
    logs: 'activity.export',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/activities.xlsx' }),
  },
  'POST /api/v1/activities': {
    logs: 'activity.create',
    permitted: 'case_director',
    denied: 'partner_staff',
    ok: 201,
    call: () => ({ method: 'POST', url: '/api/v1/activities', payload: activityPayload() }),
  },
  'PUT /api/v1/address-register': {
    logs: 'address-register.load',
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'PUT', url: '/api/v1/address-register?fileName=bag.csv', raw: addressCsv() }),
  },
  'GET /api/v1/address-register': {
    logs: null,
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/address-register' }),
  },
  'GET /api/v1/address-register/lookup': {
    logs: 'address-register.lookup',
    permitted: 'any',
    ok: 200,
    call: async () => {
      await registerLoaded();
      return { method: 'GET', url: '/api/v1/address-register/lookup?postcode=3541AA&houseNumber=7' };
    },
  },
  'GET /api/v1/location-projects': {
    logs: 'location-project.list',
    permitted: 'programme_manager',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/location-projects' }),
  },
  'POST /api/v1/location-projects': {
    logs: 'location-project.create',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/location-projects',
      payload: { name: `Project ${code()}` },
    }),
  },
  'GET /api/v1/location-projects/{projectId}/figures': {
    logs: 'location-project.figures',
    permitted: 'programme_manager',
    denied: 'privacy_officer',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/location-projects/${await projectAt()}/figures?from=2021-01-01&to=2021-12-31`,
    }),
  },
  'GET /api/v1/location-projects/{projectId}/map': {
    logs: 'location-project.map',
    permitted: 'programme_manager',
    denied: 'privacy_officer',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/location-projects/${await projectAt()}/map?year=2021`,
    }),
  },
  'GET /api/v1/region-map': {
    logs: 'region-map.read',
    permitted: 'programme_manager',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/region-map?year=2021' }),
  },
  'GET /api/v1/map-settings': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/map-settings' }),
  },
  'GET /api/v1/map-layers': {
    logs: 'map-layer.list',
    permitted: 'programme_manager',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/map-layers' }),
  },
  'POST /api/v1/map-layers': {
    logs: 'map-layer.create',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 201,
    call: () => ({ method: 'POST', url: '/api/v1/map-layers', payload: mapLayerPayload() }),
  },
  'GET /api/v1/map-layers/{layerId}': {
    logs: 'map-layer.read',
    permitted: 'partner_staff',
    denied: 'privacy_officer',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/map-layers/${(await asRole('riec_analyst', { method: 'POST', url: '/api/v1/map-layers', payload: mapLayerPayload() })).id}`,
    }),
  },
  'GET /api/v1/locations': {
    logs: 'location.list',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/locations' }),
  },
  'POST /api/v1/locations': {
    logs: 'location.create',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/locations',
      payload: { kind: 'farm', municipalityCode: 'GM0344', name: 'Schuur achter de boerderij' },
    }),
  },
  'GET /api/v1/locations/{locationId}': {
    logs: 'location.read',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/locations/${await locationAt()}` }),
  },
  'POST /api/v1/locations/{locationId}/steps': {
    logs: 'location.looked-into',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/locations/${await locationAt()}/steps`,
      payload: { type: 'looked-into' },
    }),
  },
  'POST /api/v1/locations/{locationId}/subjects': {
    logs: 'location.subject',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/locations/${await locationAt()}/subjects`,
      payload: { subjectId: await subjectId(), role: 'tenant' },
    }),
  },
  'POST /api/v1/locations/{locationId}/cases': {
    logs: 'location.case',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/locations/${await locationAt()}/cases`,
      payload: { caseId: await caseId() },
    }),
  },
  'GET /api/v1/inspections': {
    logs: 'inspection.list',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/inspections' }),
  },
  'POST /api/v1/inspections': {
    logs: 'inspection.create',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/inspections',
      payload: {
        municipalityCode: 'GM0344',
        integral: false,
        plannedOn: today,
        organisationIds: [organisationId],
      },
    }),
  },
  'GET /api/v1/inspections/{inspectionId}': {
    logs: 'inspection.read',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/inspections/${await inspectionAt()}` }),
  },
  'POST /api/v1/inspections/{inspectionId}/steps': {
    logs: 'inspection.held',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/inspections/${await inspectionAt()}/steps`,
      payload: { type: 'held', happenedOn: today },
    }),
  },
  'POST /api/v1/inspections/{inspectionId}/findings': {
    logs: 'inspection.finding',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/inspections/${await inspectionAt(true)}/findings`,
      payload: {
        organisationId: org.politie,
        kind: 'drugs',
        description: 'Hennepkwekerij aangetroffen',
        count: 1,
      },
    }),
  },
  'POST /api/v1/inspections/{inspectionId}/follow-ups': {
    logs: 'inspection.follow-up',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/inspections/${await inspectionAt(true)}/follow-ups`,
      payload: { kind: 'other', note: 'Bestuurlijke waarschuwing door de gemeente' },
    }),
  },
  'GET /api/v1/health': { public: true, ok: 200, call: () => ({ method: 'GET', url: '/api/v1/health' }) },
  'GET /api/v1/openapi.json': {
    public: true,
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/openapi.json' }),
  },
  'GET /api/v1/sessions/methods': {
    public: true,
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/sessions/methods' }),
  },
  'POST /api/v1/sessions': {
    logs: 'session.create',
    public: true,
    ok: 201,
    call: async () => {
      const user = await createUser(t.database.db, t.keys, { roles: ['programme_manager'], totp: false });
      return {
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { email: user.email, password: user.password },
      };
    },
  },
  // Not configured in this app: 404 with its own code. The OIDC test covers the configured flow.
  'GET /api/v1/sessions/oidc': {
    public: true,
    ok: 404,
    call: () => ({ method: 'GET', url: '/api/v1/sessions/oidc' }),
  },
  'GET /api/v1/sessions/oidc/callback': {
    public: true,
    ok: 302,
    call: () => ({ method: 'GET', url: '/api/v1/sessions/oidc/callback?code=x&state=y' }),
  },
  'DELETE /api/v1/sessions/current': {
    logs: 'session.delete',
    permitted: 'any',
    ok: 204,
    freshSession: true,
    call: () => ({ method: 'DELETE', url: '/api/v1/sessions/current' }),
  },
  'DELETE /api/v1/sessions': {
    logs: 'session.delete-all',
    permitted: 'any',
    ok: 200,
    freshSession: true,
    call: () => ({ method: 'DELETE', url: '/api/v1/sessions' }),
  },
  'GET /api/v1/me': {
    logs: 'session.read',
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/me' }),
  },
  'POST /api/v1/me/second-factor': {
    logs: 'second-factor.start',
    permitted: 'programme_manager',
    ok: 201,
    freshSession: true,
    call: () => ({ method: 'POST', url: '/api/v1/me/second-factor' }),
  },
  'POST /api/v1/me/second-factor/confirm': {
    logs: 'second-factor.confirm',
    permitted: 'programme_manager',
    ok: 200,
    freshSession: true,
    // The fresh session has started enrolment; the code is filled in by the runner.
    call: () => ({ method: 'POST', url: '/api/v1/me/second-factor/confirm', payload: { code: 'ENROL' } }),
  },
  'PUT /api/v1/me/password': {
    logs: 'password.change',
    permitted: 'any',
    ok: 200,
    freshSession: true,
    // The runner fills in the fresh user's own password.
    call: () => ({
      method: 'PUT',
      url: '/api/v1/me/password',
      payload: {
        currentPassword: 'CURRENT',
        newPassword: 'een nieuw wachtwoord voor de matrix',
        repeatPassword: 'een nieuw wachtwoord voor de matrix',
      },
    }),
  },
  'GET /api/v1/me/notifications': {
    logs: 'notification.list',
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/me/notifications' }),
  },
  // A number about oneself, asked every minute by every open page: not logged.
  'GET /api/v1/me/notifications/unread-count': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/me/notifications/unread-count' }),
  },
  'POST /api/v1/me/notifications/{notificationId}/read': {
    logs: 'notification.read',
    permitted: 'partner_staff',
    records: true,
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/me/notifications/${await notificationId()}/read` }),
  },
  'POST /api/v1/me/notifications/read': {
    logs: 'notification.read-all',
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'POST', url: '/api/v1/me/notifications/read' }),
  },
  'GET /api/v1/me/notification-preferences': {
    logs: 'notification-preferences.read',
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/me/notification-preferences' }),
  },
  'PUT /api/v1/me/notification-preferences': {
    logs: 'notification-preferences.update',
    permitted: 'any',
    ok: 200,
    call: () => ({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      payload: { kinds: [{ kind: 'deadline-near', email: false }] },
    }),
  },

  'GET /api/v1/regions': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/regions' }),
  },
  'GET /api/v1/regions/{regionId}': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/regions/midden-nederland' }),
  },
  'GET /api/v1/regions/{regionId}/municipality-boundaries': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/regions/midden-nederland/municipality-boundaries' }),
  },
  'GET /api/v1/districts': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/districts' }),
  },
  'GET /api/v1/districts/{districtId}': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/districts/utrecht-stad' }),
  },
  'GET /api/v1/municipalities': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/municipalities' }),
  },
  'GET /api/v1/municipalities/{code}': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/municipalities/GM0344' }),
  },
  'GET /api/v1/partner-organisations': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/partner-organisations' }),
  },
  'GET /api/v1/themes': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/themes' }),
  },

  'GET /api/v1/users': {
    logs: 'user.list',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/users' }),
  },
  'POST /api/v1/users': {
    logs: 'user.create',
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: `matrix-${Math.random().toString(36).slice(2)}@test.example`,
        displayName: 'Matrix Gebruiker',
        organisationId,
        roles: ['partner_staff'],
      },
    }),
  },
  'GET /api/v1/users/{userId}': {
    logs: 'user.read',
    permitted: 'administrator',
    denied: 'partner_staff',
    records: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/users/${(await target()).id}` }),
  },
  'PATCH /api/v1/users/{userId}': {
    logs: 'user.update',
    permitted: 'administrator',
    denied: 'case_director',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'PATCH',
      url: `/api/v1/users/${(await target()).id}`,
      payload: { roles: ['partner_staff', 'meeting_chair'] },
    }),
  },
  'POST /api/v1/users/{userId}/deactivate': {
    logs: 'user.deactivate',
    permitted: 'administrator',
    denied: 'meeting_chair',
    records: true,
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/users/${(await target()).id}/deactivate` }),
  },
  'POST /api/v1/users/{userId}/reactivate': {
    logs: 'user.reactivate',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/users/${(await target()).id}/reactivate` }),
  },
  'DELETE /api/v1/users/{userId}/second-factor': {
    logs: 'user.reset-second-factor',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => ({ method: 'DELETE', url: `/api/v1/users/${(await target()).id}/second-factor` }),
  },

  'GET /api/v1/security-settings': {
    logs: 'security-settings.read',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/security-settings' }),
  },
  'PUT /api/v1/security-settings': {
    logs: 'security-settings.update',
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({
      method: 'PUT',
      url: '/api/v1/security-settings',
      payload: { secondFactorRequiredFor: 'personal-data-roles' },
    }),
  },
  'GET /api/v1/api-tokens': {
    logs: 'api-token.list',
    permitted: 'administrator',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/api-tokens' }),
  },
  'POST /api/v1/api-tokens': {
    logs: 'api-token.create',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: {
        name: 'Matrix',
        organisationId,
        permissions: ['reference.read'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    }),
  },
  'DELETE /api/v1/api-tokens/{tokenId}': {
    logs: 'api-token.revoke',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => ({ method: 'DELETE', url: `/api/v1/api-tokens/${await token()}` }),
  },

  'GET /api/v1/collaborations': {
    logs: 'collaboration.list',
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/collaborations' }),
  },
  'POST /api/v1/collaborations': {
    logs: 'collaboration.create',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/collaborations',
      payload: { kind: 'signal-table', name: 'Signalentafel mensenhandel' },
    }),
  },
  'GET /api/v1/collaborations/{collaborationId}': {
    logs: 'collaboration.read',
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    records: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/collaborations/${await signalTable()}` }),
  },
  'PUT /api/v1/collaborations/{collaborationId}/members/{organisationId}': {
    logs: 'collaboration.member.set',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/collaborations/${await signalTable()}/members/${organisationId}`,
      payload: { role: 'coordinator' },
    }),
  },
  'DELETE /api/v1/collaborations/{collaborationId}/members/{organisationId}': {
    logs: 'collaboration.member.remove',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'DELETE',
      url: `/api/v1/collaborations/${await tableWithMember()}/members/${await anotherOrganisation()}`,
    }),
  },
  'POST /api/v1/collaborations/{collaborationId}/purposes': {
    logs: 'collaboration.purpose.add',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/collaborations/${await signalTable()}/purposes`,
      payload: { code: code(), description: 'Signalen van mensenhandel bundelen' },
    }),
  },
  'PATCH /api/v1/collaborations/{collaborationId}/purposes/{purposeId}': {
    logs: 'collaboration.purpose.change',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => {
      const id = await signalTable();
      const added = await asRole('administrator', {
        method: 'POST',
        url: `/api/v1/collaborations/${id}/purposes`,
        payload: { code: code(), description: 'Eerste omschrijving' },
      });
      return {
        method: 'PATCH',
        url: `/api/v1/collaborations/${id}/purposes/${added.purposes[0].id}`,
        payload: { description: 'Tweede omschrijving' },
      };
    },
  },
  'POST /api/v1/collaborations/{collaborationId}/legal-bases': {
    logs: 'collaboration.legal-basis.add',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/collaborations/${await signalTable()}/legal-bases`,
      payload: { code: code(), name: 'Wet politiegegevens, art. 20' },
    }),
  },
  'PATCH /api/v1/collaborations/{collaborationId}/legal-bases/{legalBasisId}': {
    logs: 'collaboration.legal-basis.change',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => {
      const id = await signalTable();
      const added = await asRole('administrator', {
        method: 'POST',
        url: `/api/v1/collaborations/${id}/legal-bases`,
        payload: { code: code(), name: 'Eerste naam' },
      });
      return {
        method: 'PATCH',
        url: `/api/v1/collaborations/${id}/legal-bases/${added.legalBases[0].id}`,
        payload: { name: 'Tweede naam' },
      };
    },
  },
  'PUT /api/v1/collaborations/{collaborationId}/retention-terms/{recordKind}': {
    logs: 'collaboration.retention.set',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/collaborations/${await signalTable()}/retention-terms/signal-not-accepted`,
      payload: { runsFrom: 'decision', months: 6 },
    }),
  },
  'PUT /api/v1/collaborations/{collaborationId}/disclosure': {
    logs: 'collaboration.disclosure.set',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/collaborations/${await signalTable()}/disclosure`,
      payload: { minimum: 10 },
    }),
  },

  'POST /api/v1/signals': {
    logs: 'signal.create-draft',
    permitted: 'partner_staff',
    denied: 'privacy_officer',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/signals',
      payload: {
        submit: false,
        description: 'Concept',
      },
    }),
  },
  'GET /api/v1/signals': {
    logs: 'signal.list',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/signals' }),
  },
  'GET /api/v1/signals/export.xlsx': {
    logs: 'signal.export',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/signals/export.xlsx?open=true' }),
  },
  'GET /api/v1/signals/queue': {
    logs: 'signal.queue',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/signals/queue' }),
  },
  'GET /api/v1/signals/work': {
    logs: 'signal.work',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/signals/work' }),
  },
  'GET /api/v1/signals/lead-times': {
    logs: null,
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/signals/lead-times' }),
  },
  'GET /api/v1/signals/{signalId}': {
    logs: 'signal.read',
    permitted: 'riec_analyst',
    denied: 'administrator',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/signals/${await signalAt()}` }),
  },
  'PUT /api/v1/signals/{signalId}': {
    logs: 'signal.update-draft',
    permitted: 'partner_staff',
    denied: 'meeting_chair',
    records: true,
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/signals/${await signalAt('draft')}`,
      payload: { description: 'Aangevuld concept' },
    }),
  },
  'POST /api/v1/signals/{signalId}/transitions': {
    logs: 'signal.discussed',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/signals/${await signalAt()}/transitions`,
      payload: { type: 'discussed' },
    }),
  },
  'POST /api/v1/signals/{signalId}/hit-check-rounds': {
    logs: 'hitcheck.start',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    ok: 201,
    call: async () => {
      const signalId = await signalAt('triaged');
      const signal = await asRole('riec_analyst', { method: 'GET', url: `/api/v1/signals/${signalId}` });
      return {
        method: 'POST',
        url: `/api/v1/signals/${signalId}/hit-check-rounds`,
        payload: {
          necessity: 'n',
          proportionality: 'p',
          subsidiarity: 's',
          subjectIds: [signal.subjects[0].id],
          organisationIds: [org.politie],
          deadline: dutchDay(7),
        },
      };
    },
  },
  'POST /api/v1/hit-check-rounds/{roundId}/close': {
    logs: 'hitcheck.close',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/hit-check-rounds/${await roundId()}/close` }),
  },
  'GET /api/v1/hit-check-requests': {
    logs: 'hitcheck.inbox',
    permitted: 'partner_staff',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/hit-check-requests' }),
  },
  'GET /api/v1/hit-check-requests/open': {
    logs: 'hitcheck.open-requests',
    permitted: 'partner_staff',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/hit-check-requests/open' }),
  },
  'PUT /api/v1/hit-check-requests/{roundId}/answers': {
    logs: 'hitcheck.answer',
    permitted: 'partner_staff',
    denied: 'riec_analyst',
    records: true,
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => {
      const id = await roundId();
      const inbox = await asRole('partner_staff', { method: 'GET', url: '/api/v1/hit-check-requests' });
      const request = inbox.items.find((r: { roundId: string }) => r.roundId === id);
      return {
        method: 'PUT',
        url: `/api/v1/hit-check-requests/${id}/answers`,
        payload: { answers: [{ subjectId: request.subjects[0].id, answer: 'no-hit' }] },
      };
    },
  },
  'POST /api/v1/meetings': {
    logs: 'meeting.create',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: {
        kind: 'loo',
        districtId: 'utrecht-stad',
        date: '2026-12-01',
        attendingOrganisationIds: [organisationId],
      },
    }),
  },
  'GET /api/v1/meetings': {
    logs: 'meeting.list',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/meetings' }),
  },
  'GET /api/v1/meetings/{meetingId}': {
    logs: 'meeting.read',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    records: true,
    foreign: 'meeting_chair',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/meetings/${await meetingWith(await signalAt())}` }),
  },
  'POST /api/v1/meetings/{meetingId}/outcomes': {
    logs: 'meeting.outcome',
    permitted: 'meeting_chair',
    denied: 'privacy_officer',
    records: true,
    foreign: 'meeting_chair',
    ok: 200,
    call: async () => {
      const signalId = await signalAt();
      return {
        method: 'POST',
        url: `/api/v1/meetings/${await meetingWith(signalId)}/outcomes`,
        payload: { signalId, outcome: 'Besproken' },
      };
    },
  },
  'PUT /api/v1/meetings/{meetingId}/priorities': {
    logs: 'meeting.priorities',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    records: true,
    foreign: 'meeting_chair',
    ok: 200,
    call: async () => {
      const signalId = await signalAt();
      return {
        method: 'PUT',
        url: `/api/v1/meetings/${await meetingWith(signalId)}/priorities`,
        payload: { signalIds: [signalId] },
      };
    },
  },
  'GET /api/v1/case-configuration': {
    logs: 'case.configuration',
    permitted: 'case_director',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/case-configuration' }),
  },
  'POST /api/v1/cases': {
    logs: 'case.create',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 201,
    call: async () => {
      const signalId = await signalAt('triaged');
      await asRole('meeting_chair', {
        method: 'POST',
        url: `/api/v1/signals/${signalId}/transitions`,
        payload: { type: 'decided', decision: 'accepted' },
      });
      return {
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          origin: 'signal',
          signalIds: [signalId],
          codeName: 'Matrix',
          districtId: 'utrecht-stad',
          municipalityCodes: ['GM0344'],
          themeIds: [themeId],
          type: 'subject',
          directorId: users.get('case_director')?.id,
          participantIds: [organisationId],
          startedOn: today,
        },
      };
    },
  },
  'GET /api/v1/reports/accountability': {
    logs: 'report.accountability',
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/reports/accountability?year=2021&district=utrecht-stad' }),
  },
  'GET /api/v1/reports/accountability.csv': {
    logs: 'report.accountability',
    permitted: 'riec_analyst',
    denied: 'case_director',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/reports/accountability.csv?year=2021' }),
  },
  'GET /api/v1/reports/accountability.xlsx': {
    logs: 'report.accountability',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/reports/accountability.xlsx?year=2021&quarter=1' }),
  },
  'GET /api/v1/district-targets': {
    logs: 'target.list',
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/district-targets?year=2021' }),
  },
  'PUT /api/v1/district-targets/{districtId}/{year}': {
    logs: 'target.update',
    permitted: 'programme_manager',
    denied: 'riec_analyst',
    records: true,
    foreign: 'programme_manager',
    ok: 200,
    call: () => ({
      method: 'PUT',
      url: '/api/v1/district-targets/flevoland/2021',
      payload: { targets: [{ measure: 'handled', minimum: 12, maximum: 15 }] },
    }),
  },
  'GET /api/v1/analysis-products': {
    logs: 'analysis-product.list',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/analysis-products?year=2021' }),
  },
  'POST /api/v1/analysis-products': {
    logs: 'analysis-product.create',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/analysis-products',
      payload: { title: 'Ondermijningsbeeld Almere', districtId: 'flevoland', deliveredOn: '2021-03-01' },
    }),
  },
  'GET /api/v1/subjects/suggestions': {
    logs: 'subject.suggestions',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/subjects/suggestions' }),
  },
  'POST /api/v1/subjects/suggestions/{suggestionId}/decision': {
    logs: 'subject.suggestion-rejected',
    permitted: 'riec_analyst',
    denied: 'case_director',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/subjects/suggestions/${await suggestionId()}/decision`,
      payload: { decision: 'rejected' },
    }),
  },
  'POST /api/v1/subjects/merges/{mergeId}/undo': {
    logs: 'subject.merge-undo',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/subjects/merges/${await mergeId()}/undo` }),
  },
  'GET /api/v1/subjects/cross-record': {
    logs: 'subject.cross-record',
    permitted: 'riec_analyst',
    denied: 'case_director',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/subjects/cross-record' }),
  },
  'GET /api/v1/subjects/{subjectId}': {
    logs: 'subject.read',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/subjects/${await subjectId()}` }),
  },
  'GET /api/v1/subjects/{subjectId}/compare/{otherId}': {
    logs: 'subject.compare',
    permitted: 'riec_analyst',
    denied: 'case_director',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'GET',
      url: `/api/v1/subjects/${await subjectId()}/compare/${await subjectId()}`,
    }),
  },
  'GET /api/v1/subjects/{subjectId}/network': {
    logs: 'subject.network',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/subjects/${await subjectId()}/network?depth=2` }),
  },
  'GET /api/v1/cases/{caseId}/network': {
    logs: 'case.network',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/cases/${await caseId()}/network` }),
  },
  'POST /api/v1/cases/{caseId}/relations': {
    logs: 'case.relation-add',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 201,
    call: async () => {
      const c = await caseWithSubjects();
      return {
        method: 'POST',
        url: `/api/v1/cases/${c.id}/relations`,
        payload: { fromSubjectId: c.from, toSubjectId: c.to, type: 'directorship' },
      };
    },
  },
  'GET /api/v1/cases/{caseId}/ftm': {
    logs: 'case.ftm-export',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/cases/${await caseId()}/ftm` }),
  },
  'POST /api/v1/cases/{caseId}/ftm-imports': {
    logs: 'case.ftm-import-preview',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/ftm-imports`,
      raw: { body: Buffer.from(ftmLines), headers: { 'content-type': 'application/x-ndjson' } },
    }),
  },
  'POST /api/v1/cases/{caseId}/ftm-imports/{importId}/apply': {
    logs: 'case.ftm-import-apply',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => {
      const pending = await importId();
      return { method: 'POST', url: `/api/v1/cases/${pending.caseId}/ftm-imports/${pending.importId}/apply` };
    },
  },
  'GET /api/v1/cases': {
    logs: 'case.list',
    permitted: 'case_director',
    denied: 'programme_manager',
    ok: 200,
    // Narrowed to the case of one signal, as the signal page asks.
    call: async () => ({ method: 'GET', url: `/api/v1/cases?signalId=${await signalAt('received')}` }),
  },
  'GET /api/v1/cases/work': {
    logs: 'case.work',
    permitted: 'case_director',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/cases/work' }),
  },
  'GET /api/v1/cases/export.xlsx': {
    logs: 'case.export',
    permitted: 'case_director',
    denied: 'programme_manager',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/cases/export.xlsx?open=true' }),
  },
  'POST /api/v1/search': {
    logs: 'search',
    permitted: 'riec_analyst',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'POST', url: '/api/v1/search', payload: { q: 'Matrix' } }),
  },
  'GET /api/v1/cases/{caseId}': {
    logs: 'case.read',
    permitted: 'case_director',
    denied: 'administrator',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/cases/${await caseId()}` }),
  },
  'PUT /api/v1/cases/{caseId}/goal': {
    logs: 'case.goal',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/cases/${await caseId()}/goal`,
      payload: { goal: 'Doel', strategy: 'Plan' },
    }),
  },
  'POST /api/v1/cases/{caseId}/phase': {
    logs: 'case.phase',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId({ goal: true })}/phase`,
      payload: { type: 'advance', to: 'information' },
    }),
  },
  'POST /api/v1/cases/{caseId}/participants': {
    logs: 'case.participant-add',
    permitted: 'case_director',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/participants`,
      payload: { organisationId: org.politie, reason: 'Opsporing' },
    }),
  },
  'POST /api/v1/cases/{caseId}/participants/{organisationId}/remove': {
    logs: 'case.participant-remove',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/participants/${organisationId}/remove`,
      payload: { reason: 'Klaar' },
    }),
  },
  'POST /api/v1/cases/{caseId}/subjects': {
    logs: 'case.subject-add',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/subjects`,
      payload: { role: 'facilitator', subject: { kind: 'company', name: 'Adviesbureau X' } },
    }),
  },
  'POST /api/v1/cases/{caseId}/provisions': {
    logs: 'case.provision-add',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    records: true,
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/provisions`,
      payload: {
        providedOn: today,
        legalBasisId: await configurationId('legalBases'),
        classification: 'intern',
        title: 'Verstrekking',
        body: 'Inhoud',
      },
    }),
  },
  'POST /api/v1/cases/{caseId}/matrix': {
    logs: 'case.matrix-add',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/matrix`,
      payload: { barrier: 'Vergunning', catalogueId: await configurationId('interventions'), organisationId },
    }),
  },
  'POST /api/v1/cases/{caseId}/advices': {
    logs: 'case.advice-add',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/advices`,
      payload: { kind: 'administrative', organisationId, givenOn: today, description: 'Sluiten' },
    }),
  },
  'PUT /api/v1/cases/{caseId}/advices/{adviceId}/status': {
    logs: 'case.advice-status',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => {
      const id = await caseId();
      const advised = await asRole('case_director', {
        method: 'POST',
        url: `/api/v1/cases/${id}/advices`,
        payload: { kind: 'bibob', organisationId, givenOn: today, description: 'Bibob' },
      });
      return {
        method: 'PUT',
        url: `/api/v1/cases/${id}/advices/${advised.advices[0].id}/status`,
        payload: { status: 'adopted' },
      };
    },
  },
  'POST /api/v1/cases/{caseId}/interventions': {
    logs: 'case.intervention-add',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    records: true,
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/interventions`,
      payload: { kind: 'administrative', carriedOutOn: today, description: 'Pand gesloten' },
    }),
  },
  'POST /api/v1/cases/{caseId}/results': {
    logs: 'case.result-add',
    permitted: 'partner_staff',
    denied: 'administrator',
    records: true,
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/results`,
      // Naming the partner: the caller's own organisation (the RIEC takes part in the matrix's cases).
      payload: { kind: 'closure', count: 1, organisationId: org.riec },
    }),
  },
  'POST /api/v1/cases/{caseId}/communications': {
    logs: 'case.communication-add',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/communications`,
      payload: { onDate: today, channel: 'Persbericht', description: 'Sluiting bekendgemaakt' },
    }),
  },
  'PUT /api/v1/cases/{caseId}/evaluation': {
    logs: 'case.evaluate',
    permitted: 'case_director',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/cases/${await caseId({ phase: 'evaluation' })}/evaluation`,
      payload: { whatWorked: 'Samen', whatDidNot: 'Traag', lessons: 'Eerder' },
    }),
  },
  'PUT /api/v1/cases/{caseId}/priority': {
    logs: 'case.priority',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    records: true,
    foreign: 'meeting_chair',
    ok: 200,
    call: async () => ({
      method: 'PUT',
      url: `/api/v1/cases/${await caseId()}/priority`,
      payload: { quarter: '2026-Q4', priority: 2 },
    }),
  },
  'GET /api/v1/cases/{caseId}/attachments': {
    logs: 'case.attachment-list',
    permitted: 'partner_staff',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/cases/${await caseId()}/attachments` }),
  },
  'POST /api/v1/cases/{caseId}/attachments': {
    logs: 'case.attachment-upload',
    permitted: 'partner_staff',
    denied: 'administrator',
    records: true,
    foreign: 'partner_staff',
    otherOrganisation: true,
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseId()}/attachments`,
      raw: pdfUpload(),
    }),
  },
  'GET /api/v1/cases/{caseId}/attachments/{attachmentId}': {
    logs: 'case.attachment-download',
    permitted: 'case_director',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => {
      const id = await caseId();
      const uploaded = await send(
        { method: 'POST', url: `/api/v1/cases/${id}/attachments`, raw: pdfUpload() },
        sessions.get('partner_staff'),
      );
      return { method: 'GET', url: `/api/v1/cases/${id}/attachments/${uploaded.json().id}` };
    },
  },
  'GET /api/v1/audit/attention': {
    logs: 'audit.attention',
    permitted: 'privacy_officer',
    denied: 'administrator',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/audit/attention' }),
  },
  'GET /api/v1/audit/entries': {
    logs: 'audit.read',
    permitted: 'privacy_officer',
    denied: 'administrator',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/audit/entries' }),
  },
  'GET /api/v1/audit/entries/export': {
    logs: 'audit.export',
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/audit/entries/export' }),
  },
  'POST /api/v1/audit/subject-pseudonyms': {
    logs: 'audit.subject-search',
    permitted: 'privacy_officer',
    denied: 'administrator',
    ok: 200,
    call: () => ({ method: 'POST', url: '/api/v1/audit/subject-pseudonyms', payload: { bsn: '111222333' } }),
  },
  'GET /api/v1/processing-activities': {
    logs: null,
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/processing-activities' }),
  },
  'GET /api/v1/processing-activities/{activityId}': {
    logs: null,
    permitted: 'administrator',
    denied: 'case_director',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/processing-activities/samenspel.signals' }),
  },
  'GET /api/v1/sharing-matrix': {
    logs: 'sharing-matrix.read',
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/sharing-matrix?year=2026' }),
  },
  'GET /api/v1/norms': {
    logs: 'norm.list',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/norms' }),
  },
  'POST /api/v1/norms': {
    logs: 'norm.create',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/norms',
      payload: {
        name: `Matrixnorm ${Math.random().toString(36).slice(2, 8)}`,
        validFrom: '2021-01-01',
        ambitions: [{ code: 'A1', title: 'Ambitie 1 (voorbeeld)' }],
        memberIds: [org.GM0344],
      },
    }),
  },
  'GET /api/v1/norms/{normId}': {
    logs: 'norm.read',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/norms/${await normId()}` }),
  },
  'POST /api/v1/norms/{normId}/versions': {
    logs: 'norm.version',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'programme_manager',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/norms/${await normId()}/versions`,
      payload: {
        validFrom: '2022-01-01',
        ambitions: [{ code: 'A1', title: 'Ambitie 1 (voorbeeld)' }],
        memberIds: [org.GM0344],
      },
    }),
  },
  'GET /api/v1/norms/{normId}/matrix': {
    logs: 'norm.matrix',
    permitted: 'programme_manager',
    denied: 'partner_staff',
    records: true,
    foreign: 'meeting_chair',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/norms/${await normId()}/matrix?on=2021-06-30` }),
  },
  'GET /api/v1/norms/{normId}/members/{organisationId}': {
    logs: 'norm.timeline',
    permitted: 'meeting_chair',
    denied: 'case_director',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/norms/${await normId()}/members/${org.GM0344}` }),
  },
  'POST /api/v1/norms/{normId}/statuses': {
    logs: 'norm.status',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    records: true,
    foreign: 'programme_manager',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/norms/${await normId()}/statuses`,
      payload: { organisationId: org.GM0344, ambitionCode: 'A1', status: 'in-progress' },
    }),
  },
  'POST /api/v1/norms/{normId}/reviews': {
    logs: 'norm-review.create',
    permitted: 'riec_analyst',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    ok: 201,
    call: async () => ({ method: 'POST', url: `/api/v1/norms/${await normId()}/reviews`, payload: {} }),
  },
  'GET /api/v1/norm-reviews/{reviewId}': {
    logs: 'norm-review.read',
    permitted: 'meeting_chair',
    denied: 'partner_staff',
    records: true,
    foreign: 'meeting_chair',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/norm-reviews/${(await normReview()).id}` }),
  },
  'PUT /api/v1/norm-reviews/{reviewId}/points/{pointId}': {
    logs: 'norm-review.outcome',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    records: true,
    foreign: 'programme_manager',
    ok: 200,
    call: async () => {
      const review = await normReview();
      return {
        method: 'PUT',
        url: `/api/v1/norm-reviews/${review.id}/points/${review.points[0]?.id}`,
        payload: { outcome: 'Gemeente stelt een plan op.' },
      };
    },
  },
  'GET /api/v1/scans': {
    logs: 'scan.list',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/scans' }),
  },
  'POST /api/v1/scans': {
    logs: 'scan.create',
    permitted: 'programme_manager',
    denied: 'partner_staff',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/scans',
      payload: {
        name: `Matrixscan ${Math.random().toString(36).slice(2, 8)}`,
        kind: 'weerbaarheidsscan',
        subject: 'municipality',
        definition: matrixScan,
      },
    }),
  },
  'GET /api/v1/scans/{scanId}': {
    logs: 'scan.read',
    permitted: 'partner_staff',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/scans/${await scanId()}` }),
  },
  'POST /api/v1/scans/{scanId}/versions': {
    logs: 'scan.version',
    permitted: 'riec_analyst',
    denied: 'partner_staff',
    records: true,
    foreign: 'programme_manager',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/scans/${await scanId()}/versions`,
      payload: { definition: matrixScan, note: 'Tweede versie' },
    }),
  },
  'GET /api/v1/scans/{scanId}/runs': {
    logs: 'scan-run.list',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/scans/${await scanId()}/runs` }),
  },
  'POST /api/v1/scans/{scanId}/runs': {
    logs: 'scan-run.create',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/scans/${await scanId()}/runs`,
      payload: { municipalityCode: 'GM0344', answers: { Q1: 'ja' } },
    }),
  },
  'GET /api/v1/scans/{scanId}/comparison': {
    logs: 'scan.comparison',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    records: true,
    foreign: 'programme_manager',
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/scans/${await scanId()}/comparison` }),
  },
  'GET /api/v1/scan-runs/{runId}': {
    logs: 'scan-run.read',
    permitted: 'programme_manager',
    denied: 'meeting_chair',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/scan-runs/${(await scanRun()).id}` }),
  },
  'POST /api/v1/scan-runs/{runId}/actions': {
    logs: 'scan-action.create',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/scan-runs/${(await scanRun()).id}/actions`,
      payload: { title: 'Training voor handhavers' },
    }),
  },
  'POST /api/v1/scan-actions/{actionId}/steps': {
    logs: 'scan-action.step',
    permitted: 'riec_analyst',
    denied: 'programme_manager',
    records: true,
    foreign: 'riec_analyst',
    otherOrganisation: true,
    ok: 201,
    call: async () => ({
      method: 'POST',
      url: `/api/v1/scan-actions/${(await scanRun()).actions[0]?.id}/steps`,
      payload: { status: 'in-progress' },
    }),
  },
};

const roleList: Role[] = [
  'partner_staff',
  'riec_analyst',
  'case_director',
  'meeting_chair',
  'programme_manager',
  'privacy_officer',
  'administrator',
];

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
  // One user per role, all of the RIEC; the factories' records are made by the same people.
  for (const role of roleList) {
    const member = await cast.member([role], 'riec');
    users.set(role, member.user);
    sessions.set(role, member);
  }
  organisationId = users.get('administrator')?.organisationId ?? '';
  for (const role of [
    'administrator',
    'riec_analyst',
    'meeting_chair',
    'partner_staff',
    'programme_manager',
  ] as const) {
    const other = await createUser(t.database.db, t.keys, { roles: [role], regionId: OTHER_REGION });
    otherRegion.set(role, await signIn(t.app, t.database.db, other));
  }
  const system = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    payload: {
      name: 'Partnersysteem',
      organisationId: users.get('administrator')?.organisationId,
      permissions: ['reference.read', 'signal.create', 'signal.read', 'hitcheck.answer'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
    headers: sessions.get('administrator')?.headers ?? {},
  });
  partnerSystem = { cookie: '', csrfToken: '', headers: { authorization: `Bearer ${system.json().token}` } };
  otherOrganisationStaff = await signIn(
    t.app,
    t.database.db,
    await createUser(t.database.db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0307' }),
  );
  for (const code of ['GM0344', 'politie', 'riec'])
    org[code] = (await organisationByCode(t.database.db, 'midden-nederland', code))?.id ?? '';
  const theme = await t.database.db
    .selectFrom('themes')
    .select('id')
    .where('scope', '=', 'national')
    .executeTakeFirst();
  themeId = theme?.id ?? '';
});
afterAll(async () => t?.close());

async function loggedActions(response: { headers: Record<string, unknown> }) {
  const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
  return t.database.db
    .selectFrom('userActionLog')
    .select(['action', 'result'])
    .where('traceId', '=', traceId)
    .execute();
}

async function send(call: Call, session?: ApiSession) {
  return t.app.inject({
    method: call.method,
    url: call.url,
    ...(call.payload ? { payload: call.payload } : {}),
    ...(call.raw ? { payload: call.raw.body } : {}),
    headers: { ...(session?.headers ?? {}), ...(call.raw?.headers ?? {}) },
  });
}

/** A dry run of a finance import of two lines, one of them refused. */
function financeImportCall(): Call {
  return {
    method: 'POST',
    url: '/api/v1/imports/finance?mode=dry-run&fileName=financien.csv',
    raw: {
      body: Buffer.from('Jaar;Regel;Begroting\n2021;Bijdragen gemeenten;291000\n2021;Geen regel;5\n'),
      headers: { 'content-type': 'text/csv' },
    },
  };
}

/** An import of the programme manager's organisation, made once. */
let financeImportId: Promise<string> | undefined;
function financeImport(): Promise<string> {
  financeImportId ??= send(financeImportCall(), sessions.get('programme_manager')).then((r) => r.json().id);
  return financeImportId;
}

/** A background import of the programme manager's organisation, started once (no runner takes it up). */
let financeJobId: Promise<string> | undefined;
function financeJob(): Promise<string> {
  financeJobId ??= send(
    { ...financeImportCall(), url: '/api/v1/import-jobs/finance?mode=dry-run&fileName=financien.csv' },
    sessions.get('programme_manager'),
  ).then((r) => r.json().id);
  return financeJobId;
}

/** A small PDF as a multipart upload. */
function pdfUpload(): Call['raw'] {
  const { payload, headers } = multipartFile(smallPdf, 'stuk.pdf', 'application/pdf', {
    title: 'Stuk',
    documentType: 'overig',
    classification: 'intern',
  });
  return { body: payload, headers };
}

/** A fresh session of a fresh user with the role; for confirm, one that has started enrolment. */
async function freshSession(
  role: Role | 'any',
  entry: Entry,
  call: Call,
): Promise<{ session: ApiSession; call: Call }> {
  const user = await createUser(t.database.db, t.keys, {
    roles: [role === 'any' ? 'partner_staff' : role],
    totp: role !== 'programme_manager',
  });
  const session = await signIn(t.app, t.database.db, user);
  if (call.payload && 'currentPassword' in call.payload)
    return { session, call: { ...call, payload: { ...call.payload, currentPassword: user.password } } };
  if (call.payload && 'code' in call.payload && entry.ok === 200) {
    const started = await send({ method: 'POST', url: '/api/v1/me/second-factor' }, session);
    return {
      session,
      call: { ...call, payload: { code: await generate({ secret: started.json().secret }) } },
    };
  }
  return { session, call };
}

describe(`access matrix on ${testEngine()}`, () => {
  it('lists every registered API route, and nothing else', () => {
    const routes = registeredRoutes(t.app).filter((r) => r.split(' ')[1]?.startsWith('/api/'));
    expect([...routes].sort()).toEqual(Object.keys(matrix).sort());
  });

  it('says for every route that needs a session what it must leave in the log', () => {
    const silent = Object.entries(matrix).filter(([, e]) => !e.public && e.logs === undefined);
    expect(silent.map(([route]) => route)).toEqual([]);
  });

  for (const [route, entry] of Object.entries(matrix)) {
    describe(route, () => {
      // The refusals change nothing, so they share one set-up of the route's records (made on
      // first use, in whatever order the shuffled tests come); a call that is let through gets
      // records of its own. Setting up a case or a round per refusal made this file the slowest.
      let refused: Promise<Call> | undefined;
      const refusedCall = () => {
        refused ??= Promise.resolve(entry.call());
        return refused;
      };
      // A read changes nothing either: the calls that are let through share that set-up too.
      const reads = route.startsWith('GET ');
      if (entry.public) {
        it('needs no session', async () => {
          const response = await send(await entry.call());
          expect(response.statusCode).toBe(entry.ok);
        });
        return;
      }

      it(`${forPartnerSystems.has(route) ? 'lets' : 'refuses'} a partner system's token`, async () => {
        const call = forPartnerSystems.has(route) && !reads ? await entry.call() : await refusedCall();
        const response = await send(call, partnerSystem);
        if (forPartnerSystems.has(route)) expect(response.statusCode, response.body).toBe(entry.ok);
        else expect([400, 401, 403, 404]).toContain(response.statusCode);
      });

      it('answers 401 without a session', async () => {
        const response = await send(await refusedCall());
        expect(response.statusCode).toBe(401);
        expect(response.json().code).toBe('auth.unauthenticated');
      });

      if (entry.denied) {
        const denied = entry.denied;
        it(`refuses ${denied} (${entry.records ? 404 : 403})`, async () => {
          const response = await send(await refusedCall(), sessions.get(denied));
          expect(response.statusCode).toBe(entry.records ? 404 : 403);
          if (entry.logs)
            expect(await loggedActions(response)).toEqual([{ action: entry.logs, result: 'denied' }]);
        });
      }

      if (entry.records) {
        const foreign = entry.foreign ?? 'administrator';
        it(`answers 404 to a ${foreign} of another region`, async () => {
          const response = await send(await refusedCall(), otherRegion.get(foreign));
          expect(response.statusCode).toBe(404);
          expect(response.json().detail).toBe('Dit bestaat niet of u heeft er geen toegang toe.');
        });
      }

      if (entry.otherOrganisation) {
        it('answers 404 to partner staff of another organisation', async () => {
          const response = await send(await refusedCall(), otherOrganisationStaff);
          expect(response.statusCode).toBe(404);
        });
      }

      it(`lets ${entry.permitted === 'any' ? 'any signed-in user' : entry.permitted} through`, async () => {
        const role = entry.permitted ?? 'any';
        let call = reads ? await refusedCall() : await entry.call();
        let session = role === 'any' ? sessions.get('partner_staff') : sessions.get(role);
        if (entry.freshSession) ({ session, call } = await freshSession(role as Role, entry, call));
        const response = await send(call, session);
        expect(response.statusCode, response.body).toBe(entry.ok);
        expect(await loggedActions(response)).toEqual(
          entry.logs ? [{ action: entry.logs, result: 'success' }] : [],
        );
      });
    });
  }

  it("shows an administrator of another region none of this region's users or tokens", async () => {
    const otherRegionAdmin = otherRegion.get('administrator');
    const usersAnswer = await send({ method: 'GET', url: '/api/v1/users' }, otherRegionAdmin);
    const ours = new Set([...users.values()].map((u) => u.id));
    expect(usersAnswer.json().items.length).toBeGreaterThan(0);
    expect(usersAnswer.json().items.some((u: { id: string }) => ours.has(u.id))).toBe(false);
    const tokensAnswer = await send({ method: 'GET', url: '/api/v1/api-tokens' }, otherRegionAdmin);
    expect(tokensAnswer.json().items).toEqual([]);
  });
});
