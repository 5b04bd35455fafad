import type {
  CaseDetail,
  CasePhase,
  MatchSuggestion,
  Meeting,
  Role,
  SignalDetail,
  subjectInput,
} from '@samenspel/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import { bsnFrom } from '../demo/people.js';
import { organisationByCode } from '../modules/organisations/index.js';
import { amsterdamDate } from '../shared/dates.js';
import { seededRandom } from '../shared/seeded-random.js';
import type { TestApp } from './app.js';
import { createUser, type TestUser } from './identity.js';
import { type ApiSession, signIn } from './session.js';

/** A signed-in user of a test, with the session to call the API with. */
export interface Member extends ApiSession {
  user: TestUser;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The people of one test file, signed in on first use and kept for the file: an analyst, a case
 * director, a chair, partner staff per organisation. Records (signals, cases, rounds) are not
 * kept here: each test makes its own with the factories below.
 */
export class Cast {
  private readonly members = new Map<string, Promise<Member>>();
  private readonly organisations = new Map<string, Promise<string>>();
  private themes: Promise<string> | undefined;

  constructor(readonly t: Pick<TestApp, 'app' | 'database' | 'keys'>) {}

  /** A user with these roles in the organisation (by code), signed in once per file. */
  member(roles: Role[], organisationCode = 'riec', options: { totp?: boolean } = {}): Promise<Member> {
    const key = `${roles.join('+')}@${organisationCode}${options.totp === false ? '-no-totp' : ''}`;
    let found = this.members.get(key);
    if (!found) {
      found = (async () => {
        const user = await createUser(this.t.database.db, this.t.keys, {
          roles,
          organisationCode,
          ...(options.totp === false ? { totp: false } : {}),
        });
        return { ...(await signIn(this.t.app, this.t.database.db, user)), user };
      })();
      this.members.set(key, found);
    }
    return found;
  }

  analyst = () => this.member(['riec_analyst']);
  director = () => this.member(['case_director']);
  chair = () => this.member(['meeting_chair'], 'politie');
  manager = () => this.member(['programme_manager'], 'riec', { totp: false });
  /** Partner staff of an organisation: `GM0344` (Utrecht), `politie`, `belastingdienst`, … */
  staff = (organisationCode: string) => this.member(['partner_staff'], organisationCode);

  /** The id of a partner organisation of Midden-Nederland by its code. */
  org(code: string): Promise<string> {
    let found = this.organisations.get(code);
    if (!found) {
      found = organisationByCode(this.t.database.db, 'midden-nederland', code).then((o) => {
        if (!o) throw new Error(`no organisation ${code}`);
        return o.id;
      });
      this.organisations.set(code, found);
    }
    return found;
  }

  /** A national theme's id. */
  theme(): Promise<string> {
    this.themes ??= this.t.database.db
      .selectFrom('themes')
      .select('id')
      .where('scope', '=', 'national')
      .orderBy('sortOrder')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
    return this.themes;
  }

  /** Calls the API as a member (or without a session). */
  call(
    who: ApiSession | undefined,
    method: Method,
    url: string,
    payload?: object | string,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.t.app.inject({
      method,
      url,
      headers: { ...(who?.headers ?? {}), ...headers },
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  /** Calls the API and fails the test unless the answer is a success; returns the body. */
  async ok<T>(who: ApiSession, method: Method, url: string, payload?: object): Promise<T> {
    const response = await this.call(who, method, url, payload);
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }
}

let serial = 0;
const syllables = ['ba', 'ko', 'mi', 'ru', 'se', 'ta', 'vo', 'ze', 'lu', 'ni', 'da', 'fe', 'go', 'hu', 'pi'];

/**
 * A surname no other record of the test file has and none resembles, so that nothing is matched
 * by accident: consecutive names share no syllable in the same place (the counter is scrambled).
 */
export function uniqueSurname(): string {
  serial += 1;
  let n = (serial * 7919) % 3375;
  let name = '';
  for (let i = 0; i < 3; i += 1) {
    name += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${serial > 3375 ? serial : ''}`;
}

const bsns = seededRandom(20261201);

/** A valid BSN (eleven-test) that no other record of the test file has. */
export function newBsn(): string {
  return bsnFrom(bsns);
}

/** A subject as a request carries it. */
export type NewSubject = z.input<typeof subjectInput>;

/** The date `days` from today in the Netherlands (`YYYY-MM-DD`), as the server dates steps. */
export function dutchDay(days = 0): string {
  return amsterdamDate(new Date(Date.now() + days * 86_400_000));
}

/** A person no other record of the test file resembles. */
export function newPerson(overrides: Partial<Extract<NewSubject, { kind: 'person' }>> = {}): NewSubject {
  return {
    kind: 'person',
    firstNames: 'Jan',
    surname: uniqueSurname(),
    dateOfBirth: '1980-04-12',
    ...overrides,
  };
}

export type SignalStageReached = 'draft' | 'received' | 'discussed' | 'substantiated' | 'triaged';

/**
 * A signal submitted by partner staff of `by` (with the police as co-submitter), moved on by
 * the analyst to the stage asked for. Its subjects are new people unless given.
 */
export async function newSignal(
  cast: Cast,
  options: {
    by?: string;
    submitters?: string[];
    stage?: SignalStageReached;
    subjects?: NewSubject[];
    municipalityCode?: string;
    route?: 'quick' | 'integral';
  } = {},
): Promise<SignalDetail> {
  const by = options.by ?? 'GM0344';
  const submitter = await cast.staff(by);
  const submitters = await Promise.all((options.submitters ?? [by, 'politie']).map((c) => cast.org(c)));
  const stage = options.stage ?? 'received';
  let signal = await cast.ok<SignalDetail>(submitter, 'POST', '/api/v1/signals', {
    submit: stage !== 'draft',
    submittingOrganisationIds: [...new Set(submitters)],
    source: 'partner',
    description: 'Een signaal voor de test, lang genoeg om te beschrijven wat er speelt.',
    municipalityCode: options.municipalityCode ?? 'GM0344',
    themeIds: [await cast.theme()],
    urgency: 'normal',
    subjects: options.subjects ?? [newPerson()],
  });
  const order: SignalStageReached[] = ['received', 'discussed', 'substantiated', 'triaged'];
  const analyst = await cast.analyst();
  const step = async (body: object) =>
    (signal = await cast.ok<SignalDetail>(analyst, 'POST', `/api/v1/signals/${signal.id}/transitions`, body));
  if (order.indexOf(stage) >= 1) await step({ type: 'discussed' });
  if (order.indexOf(stage) >= 2)
    await step({
      type: 'substantiated',
      note: 'Gemeente en politie onderbouwen samen.',
      organisationIds: [await cast.org('GM0344'), await cast.org('politie')],
    });
  if (order.indexOf(stage) >= 3)
    await step({ type: 'triaged', route: options.route ?? 'integral', reason: 'Meerdere partners nodig' });
  return signal;
}

/** A signal the DTO chair accepted, ready to start a case. */
export async function newAcceptedSignal(
  cast: Cast,
  options: Omit<Parameters<typeof newSignal>[1] & object, 'stage'> = {},
): Promise<SignalDetail> {
  const signal = await newSignal(cast, { ...options, stage: 'triaged' });
  return cast.ok<SignalDetail>(await cast.chair(), 'POST', `/api/v1/signals/${signal.id}/transitions`, {
    type: 'decided',
    decision: 'accepted',
  });
}

/**
 * A signal the municipality of Utrecht (GM0303) submitted at a signal table of its own, with the
 * police as partner: a collaboration the RIEC does not take part in, so its analysts do not see
 * what it holds.
 */
export async function newSignalAtMunicipalTable(cast: Cast, subjects: NewSubject[]): Promise<SignalDetail> {
  const admin = await cast.member(['administrator']);
  const table = await cast.ok<{ id: string }>(admin, 'POST', '/api/v1/collaborations', {
    kind: 'signal-table',
    name: `Signalentafel ${Math.random().toString(36).slice(2, 9)}`,
  });
  for (const [code, role] of [
    ['GM0303', 'coordinator'],
    ['politie', 'partner'],
  ] as const)
    await cast.ok(admin, 'PUT', `/api/v1/collaborations/${table.id}/members/${await cast.org(code)}`, {
      role,
    });
  return cast.ok<SignalDetail>(await cast.staff('GM0303'), 'POST', '/api/v1/signals', {
    submit: true,
    collaborationId: table.id,
    submittingOrganisationIds: [await cast.org('GM0303')],
    source: 'partner',
    description: 'Een signaal aan de signalentafel, lang genoeg om te beschrijven.',
    municipalityCode: 'GM0303',
    themeIds: [await cast.theme()],
    urgency: 'normal',
    subjects,
  });
}

/** A hit/no-hit round on a triaged signal, asking the organisations about all its subjects. */
export async function newRound(
  cast: Cast,
  options: { signal?: SignalDetail; organisations?: string[]; deadlineInDays?: number } = {},
): Promise<{ signal: SignalDetail; roundId: string }> {
  const triaged = options.signal ?? (await newSignal(cast, { stage: 'triaged' }));
  const deadline = dutchDay(options.deadlineInDays ?? 7);
  const signal = await cast.ok<SignalDetail>(
    await cast.analyst(),
    'POST',
    `/api/v1/signals/${triaged.id}/hit-check-rounds`,
    {
      necessity: 'Zonder bevraging is het signaal niet te wegen.',
      proportionality: 'Alleen de betrokkenen van het signaal.',
      subsidiarity: 'Eigen bronnen zijn al geraadpleegd.',
      subjectIds: triaged.subjects.map((s) => s.id),
      organisationIds: await Promise.all(
        (options.organisations ?? ['politie', 'belastingdienst']).map((c) => cast.org(c)),
      ),
      deadline,
    },
  );
  const round = signal.rounds.at(-1);
  if (!round) throw new Error('no round started');
  return { signal, roundId: round.id };
}

/** An LOO or DTO meeting of Utrecht-Stad with signals on its agenda. */
export async function newMeeting(
  cast: Cast,
  options: { kind?: 'loo' | 'dto'; signalIds?: string[]; date?: string } = {},
): Promise<Meeting> {
  return cast.ok<Meeting>(await cast.chair(), 'POST', '/api/v1/meetings', {
    kind: options.kind ?? 'loo',
    districtId: 'utrecht-stad',
    date: options.date ?? dutchDay(),
    attendingOrganisationIds: [await cast.org('GM0344'), await cast.org('politie')],
    signalIds: options.signalIds ?? [],
  });
}

const phases: CasePhase[] = ['start', 'information', 'analysis', 'intervention', 'evaluation'];

/**
 * A case directed by the file's case director, with the organisations taking part; from an
 * accepted signal when `fromSignal`, else direct. Moved on to `phase` (goal and strategy first).
 */
export async function newCase(
  cast: Cast,
  options: {
    participants?: string[];
    fromSignal?: SignalDetail | true;
    phase?: Exclude<CasePhase, 'closed'>;
    /** Goal and strategy recorded, even in the start phase. */
    goal?: boolean;
    codeName?: string;
    startedOn?: string;
    /** The case director (default: the file's). */
    director?: Member;
  } = {},
): Promise<CaseDetail> {
  const signal =
    options.fromSignal === true ? await newAcceptedSignal(cast) : (options.fromSignal ?? undefined);
  const director = options.director ?? (await cast.director());
  let detail = await cast.ok<CaseDetail>(await cast.analyst(), 'POST', '/api/v1/cases', {
    origin: signal ? 'signal' : 'direct',
    signalIds: signal ? [signal.id] : [],
    originOrganisationIds: signal ? [] : [await cast.org('politie')],
    codeName: options.codeName ?? 'Testcasus',
    districtId: 'utrecht-stad',
    municipalityCodes: ['GM0344'],
    themeIds: [await cast.theme()],
    type: 'subject',
    directorId: director.user.id,
    participantIds: await Promise.all((options.participants ?? ['politie']).map((c) => cast.org(c))),
    startedOn: options.startedOn ?? dutchDay(),
  });
  const target = phases.indexOf(options.phase ?? 'start');
  if (target > 0 || options.goal) {
    detail = await cast.ok<CaseDetail>(director, 'PUT', `/api/v1/cases/${detail.id}/goal`, {
      goal: 'Criminele inkomsten afpakken',
      strategy: 'Fiscaal en bestuurlijk samen',
    });
    for (const to of phases.slice(1, target + 1))
      detail = await cast.ok<CaseDetail>(director, 'POST', `/api/v1/cases/${detail.id}/phase`, {
        type: 'advance',
        to,
      });
  }
  return detail;
}

/** Adds a subject to a case as its director; returns the case as it is then. */
export async function addCaseSubject(
  cast: Cast,
  caseId: string,
  subject: NewSubject,
  role = 'main-subject',
): Promise<CaseDetail> {
  return cast.ok<CaseDetail>(await cast.director(), 'POST', `/api/v1/cases/${caseId}/subjects`, {
    role,
    subject,
  });
}

let companies = 0;

/**
 * The facilitator's adviser in three cases of their own: case A (the police take part; the
 * adviser and the administration office), case B (only the Tax Administration; the adviser by
 * the same BSN, initials and the tussenvoegsel after a comma), and case C (the police; probably
 * the same man, without a BSN, day and month swapped, the tussenvoegsel in the surname).
 * With `directorship`, the adviser directs the office in case A; with `confirmed`, the analyst
 * has confirmed the suggestion that C's man is the adviser.
 */
export async function newAdviserInThreeCases(
  cast: Cast,
  options: { directorship?: boolean; confirmed?: boolean } = {},
) {
  const surname = uniqueSurname();
  const bsn = newBsn();
  companies += 1;
  const company = `Administratiekantoor ${surname} B.V.`;
  const [caseB, caseC] = [
    await newCase(cast, { participants: ['belastingdienst'], codeName: 'Kluis' }),
    await newCase(cast, { participants: ['politie'], codeName: 'Haven' }),
  ];
  let caseA = await newCase(cast, { participants: ['politie'], codeName: 'Balans' });
  await addCaseSubject(
    cast,
    caseA.id,
    { kind: 'person', firstNames: 'Reinier', prefix: 'de', surname, dateOfBirth: '1971-04-12', bsn },
    'facilitator',
  );
  caseA = await addCaseSubject(cast, caseA.id, {
    kind: 'company',
    name: company,
    kvkNumber: String(30_276_418 + companies),
  });
  const adviser = caseA.subjects.find((s) => s.role === 'facilitator');
  const office = caseA.subjects.find((s) => s.kind === 'company');
  if (!adviser || !office) throw new Error('subjects not added');
  const analyst = await cast.analyst();
  if (options.directorship)
    await cast.ok(analyst, 'POST', `/api/v1/cases/${caseA.id}/relations`, {
      fromSubjectId: adviser.id,
      toSubjectId: office.id,
      type: 'directorship',
      startDate: '2014-09-01',
    });
  await addCaseSubject(
    cast,
    caseB.id,
    { kind: 'person', firstNames: 'R.', surname: `${surname}, de`, dateOfBirth: '1971-04-12', bsn },
    'facilitator',
  );
  await addCaseSubject(cast, caseC.id, {
    kind: 'person',
    firstNames: 'Reinier',
    surname: `de ${surname}`,
    dateOfBirth: '1971-12-04',
  });
  if (options.confirmed) {
    const ours = (label: string) => label.includes(`de ${surname} (`);
    const { items } = await cast.ok<{ items: MatchSuggestion[] }>(
      analyst,
      'GET',
      '/api/v1/subjects/suggestions',
    );
    const suggestion = items.find((s) => ours(s.a.label) && ours(s.b.label));
    if (!suggestion) throw new Error(`no suggestion for ${surname}`);
    await cast.ok(analyst, 'POST', `/api/v1/subjects/suggestions/${suggestion.id}/decision`, {
      decision: 'confirmed',
    });
  }
  return { surname, company, name: `Reinier de ${surname} (12 april 1971)`, caseA, caseB, caseC };
}
