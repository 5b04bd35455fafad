import * as followTheMoney from '@alephdata/followthemoney';
import {
  type AddressParts,
  parseDutchAddress,
  type RegisterData,
  type RelationType,
  relationTypes,
  splitFullName,
  splitSurname,
  subjectInput,
} from '@samenspel/contracts';
import { registerLabel } from './register.js';

/**
 * FollowTheMoney: the register's subjects and relations as FtM entities, and back. The library
 * supplies the model (schema and property names, checked on the way out and on the way in); it
 * does not validate values, so identifiers go through our own schemas (the BSN's 11-test, IBAN
 * check digits, KvK's eight digits). Criminal networks are Organizations with topic "crime".
 */
// The package is a UMD bundle with an ES build beside it: Node sees a default export, bundlers
// and the test runner see named ones.
const ftm: typeof followTheMoney =
  'Model' in followTheMoney
    ? followTheMoney
    : (followTheMoney as unknown as { default: typeof followTheMoney }).default;
export const ftmModel = new ftm.Model(ftm.defaultModel);
const model = ftmModel;

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** Which FtM interval schema a relation becomes, and which properties hold its two ends. */
const relationSchemata: Record<RelationType, { schema: string; from: string; to: string; role?: string }> = {
  ownership: { schema: 'Ownership', from: 'owner', to: 'asset' },
  directorship: { schema: 'Directorship', from: 'director', to: 'organization' },
  employment: { schema: 'Employment', from: 'employee', to: 'employer' },
  family: { schema: 'Family', from: 'person', to: 'relative' },
  associate: { schema: 'Associate', from: 'person', to: 'associate' },
  represents: { schema: 'Representation', from: 'agent', to: 'client' },
  facilitates: { schema: 'UnknownLink', from: 'subject', to: 'object', role: 'facilitator' },
  member: { schema: 'Membership', from: 'member', to: 'organization' },
  'registered-at': { schema: 'UnknownLink', from: 'subject', to: 'object', role: 'registered address' },
};

function entity(
  id: string,
  schema: string,
  properties: Record<string, Array<string | number | undefined | null>>,
): FtmEntity {
  const s = model.getSchema(schema);
  const props: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(properties)) {
    if (!s.hasProperty(name)) throw new Error(`FtM ${schema} has no property ${name}`);
    const clean = values
      .filter((v): v is string | number => v !== undefined && v !== null && v !== '')
      .map(String);
    if (clean.length) props[name] = clean;
  }
  return { id, schema: s.name, properties: props };
}

function subjectEntity(id: string, data: RegisterData): FtmEntity {
  switch (data.kind) {
    case 'person':
      return entity(id, 'Person', {
        name: [[data.firstNames, data.prefix, data.surname].filter(Boolean).join(' ')],
        firstName: [data.firstNames],
        lastName: [[data.prefix, data.surname].filter(Boolean).join(' ')],
        birthDate: [data.dateOfBirth],
        idNumber: [data.bsn],
        address: [data.address ? registerLabel({ kind: 'address', ...data.address }) : undefined],
        country: ['nl'],
      });
    case 'company':
      return entity(id, 'Company', {
        name: [data.name],
        registrationNumber: [data.kvkNumber],
        taxNumber: [data.rsin],
        jurisdiction: ['nl'],
      });
    case 'organisation':
      return entity(id, 'Organization', { name: [data.name] });
    case 'network':
      return entity(id, 'Organization', {
        name: [data.name],
        topics: ['crime'],
        description: [data.description],
      });
    case 'address':
      return entity(id, 'Address', {
        full: [registerLabel(data)],
        street: [
          data.street
            ? `${data.street} ${data.houseNumber}${data.houseNumberAddition ? ` ${data.houseNumberAddition}` : ''}`
            : undefined,
        ],
        postalCode: [data.postcode],
        city: [data.town],
        country: ['nl'],
      });
    case 'account':
      return entity(id, 'BankAccount', {
        iban: [data.iban],
        accountNumber: [data.iban],
        name: [data.holder],
      });
    case 'vehicle':
      return entity(id, 'Vehicle', { registrationNumber: [data.registration], country: ['nl'] });
  }
}

export function caseToFtm(
  subjects: Array<{ id: string; kind: string; data: RegisterData }>,
  relations: Array<{
    id: string;
    fromId: string;
    toId: string;
    type: RelationType;
    startDate: string | null;
    endDate: string | null;
  }>,
): FtmEntity[] {
  const out = subjects.map((s) => subjectEntity(s.id, s.data));
  // A relation recorded more than once in the case is one entity.
  const seen = new Set<string>();
  for (const r of relations) {
    const key = `${r.fromId}|${r.toId}|${r.type}|${r.startDate}|${r.endDate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const spec = relationSchemata[r.type];
    out.push(
      entity(r.id, spec.schema, {
        [spec.from]: [r.fromId],
        [spec.to]: [r.toId],
        role: [spec.role],
        startDate: [r.startDate],
        endDate: [r.endDate],
      }),
    );
  }
  return out;
}

export interface ParsedEntity {
  id: string;
  /** The line of the file it came from. */
  line?: number;
  caption: string;
  subject?: RegisterData;
  relation?: { type: RelationType; from: string; to: string; startDate?: string; endDate?: string };
}

const first = (e: FtmEntity, name: string) => e.properties?.[name]?.[0];

/** An FtM Address entity's parts: its own fields where it has them, else read from its text. */
function addressOf(e: FtmEntity): AddressParts {
  const read = parseDutchAddress([first(e, 'street'), first(e, 'full')].filter(Boolean).join(', '));
  const postcode = first(e, 'postalCode');
  return {
    ...read,
    ...(postcode ? { postcode } : {}),
    ...(first(e, 'city') ? { town: first(e, 'city') } : {}),
  };
}

/** A person's names from FtM: first and middle names, and a last name with its tussenvoegsel. */
function namesOf(e: FtmEntity): { firstNames: string; prefix?: string; surname: string } | null {
  const lastName = first(e, 'lastName');
  const given = [first(e, 'firstName'), first(e, 'middleName')].filter(Boolean).join(' ');
  if (lastName) return { firstNames: given, ...splitSurname(lastName) };
  const name = first(e, 'name');
  if (!name) return null;
  const split = splitFullName(name);
  return given ? { ...split, firstNames: given } : split;
}

/** What an FtM entity is in the register, or why it cannot be taken in (in Dutch). */
function toRegister(
  e: FtmEntity,
  others: ReadonlyMap<string, FtmEntity>,
): {
  subject?: RegisterData;
  relation?: ParsedEntity['relation'];
  reason?: string;
} {
  const schema = model.getSchema(e.schema);
  const is = (name: string) => schema.isA(name);
  if (is('Person')) {
    const names = namesOf(e);
    if (!names) return { reason: 'Een persoon heeft een naam nodig (name of lastName).' };
    // The person's address: the Address entity it points at, or else its address text.
    let address: AddressParts | undefined;
    const ref = first(e, 'addressEntity');
    if (ref) {
      const target = others.get(ref);
      if (!target || !model.getSchema(target.schema).isA('Address'))
        return { reason: `Het adres "${ref}" (addressEntity) staat niet als Address in het bestand.` };
      address = addressOf(target);
    } else if (e.properties.address?.length) {
      address = e.properties.address.map(parseDutchAddress).find((a) => a.postcode && a.houseNumber);
      if (!address)
        return {
          reason: `Het adres "${first(e, 'address')}" heeft geen postcode en huisnummer die Samenspel kan lezen.`,
        };
    }
    const parsed = subjectInput.safeParse({
      kind: 'person',
      ...names,
      ...(first(e, 'birthDate') ? { dateOfBirth: first(e, 'birthDate') } : {}),
      ...(first(e, 'idNumber') ? { bsn: first(e, 'idNumber') } : {}),
      ...(address
        ? {
            address: { ...address, postcode: address.postcode ?? '', houseNumber: address.houseNumber ?? '' },
          }
        : {}),
    });
    return parsed.success
      ? { subject: parsed.data }
      : { reason: parsed.error.issues.map((i) => i.message).join(' ') };
  }
  if (is('Company')) {
    const parsed = subjectInput.safeParse({
      kind: 'company',
      name: first(e, 'name') ?? '',
      ...(first(e, 'registrationNumber') ? { kvkNumber: first(e, 'registrationNumber') } : {}),
      ...(first(e, 'taxNumber') ? { rsin: first(e, 'taxNumber') } : {}),
    });
    return parsed.success
      ? { subject: parsed.data }
      : { reason: parsed.error.issues.map((i) => i.message).join(' ') };
  }
  if (is('Organization') || is('LegalEntity')) {
    const name = first(e, 'name');
    if (!name) return { reason: 'Een organisatie heeft een naam nodig.' };
    return e.properties.topics?.some((t) => t.startsWith('crime'))
      ? { subject: { kind: 'network', name, description: first(e, 'description') } }
      : { subject: { kind: 'organisation', name } };
  }
  if (is('Address')) {
    const address = addressOf(e);
    const parsed = subjectInput.safeParse({
      kind: 'address',
      ...address,
      postcode: address.postcode ?? '',
      houseNumber: address.houseNumber ?? '',
    });
    return parsed.success
      ? { subject: parsed.data }
      : { reason: parsed.error.issues.map((i) => i.message).join(' ') };
  }
  if (is('BankAccount')) {
    const parsed = subjectInput.safeParse({
      kind: 'account',
      iban: first(e, 'iban') ?? '',
      holder: first(e, 'name'),
    });
    return parsed.success
      ? { subject: parsed.data }
      : { reason: parsed.error.issues.map((i) => i.message).join(' ') };
  }
  if (is('Vehicle')) {
    const parsed = subjectInput.safeParse({
      kind: 'vehicle',
      registration: first(e, 'registrationNumber') ?? '',
    });
    return parsed.success
      ? { subject: parsed.data }
      : { reason: parsed.error.issues.map((i) => i.message).join(' ') };
  }
  for (const type of relationTypes) {
    const spec = relationSchemata[type];
    if (spec.schema !== schema.name) continue;
    if (
      spec.role &&
      first(e, 'role') !== spec.role &&
      type === 'facilitates' &&
      first(e, 'role') === 'registered address'
    )
      continue;
    const from = first(e, spec.from);
    const to = first(e, spec.to);
    if (!from || !to)
      return { reason: `Een ${schema.name} verbindt twee entiteiten (${spec.from} en ${spec.to}).` };
    return {
      relation: {
        type,
        from,
        to,
        ...(first(e, 'startDate') ? { startDate: first(e, 'startDate')?.slice(0, 10) } : {}),
        ...(first(e, 'endDate') ? { endDate: first(e, 'endDate')?.slice(0, 10) } : {}),
      },
    };
  }
  return { reason: `Het schema ${schema.name} neemt Samenspel niet over.` };
}

/**
 * Reads FtM JSON lines: every line is checked (JSON, a known schema, known properties, valid
 * Dutch identifiers, relations between entities of the same file) and either accepted or
 * refused with its line number and a reason.
 */
export function parseFtmLines(text: string) {
  const accepted: Array<{ line: number; schema: string; caption: string }> = [];
  const refused: Array<{ line: number; reason: string }> = [];
  const entities: ParsedEntity[] = [];
  const lines = text.split(/\r?\n/);
  const seen = new Set<string>();
  const pendingRelations: Array<{ line: number; parsed: ParsedEntity; schema: string }> = [];
  // First every line as JSON, so that a person can point at an address further down the file.
  const read: Array<{ line: number; e: FtmEntity }> = [];
  const byId = new Map<string, FtmEntity>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let e: FtmEntity;
    try {
      e = JSON.parse(raw);
    } catch {
      refused.push({ line, reason: 'Geen geldige JSON.' });
      return;
    }
    if (!e || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.schema !== 'string') {
      refused.push({ line, reason: 'Een entiteit heeft een id en een schema.' });
      return;
    }
    read.push({ line, e });
    if (!byId.has(e.id)) byId.set(e.id, { ...e, properties: e.properties ?? {} });
  });
  for (const { line, e } of read) {
    let schema: ReturnType<typeof model.getSchema>;
    try {
      schema = model.getSchema(e.schema);
    } catch {
      refused.push({ line, reason: `Onbekend FtM-schema "${e.schema}".` });
      continue;
    }
    const unknown = Object.keys(e.properties ?? {}).filter((p) => !schema.hasProperty(p));
    if (unknown.length) {
      refused.push({ line, reason: `Onbekende eigenschap voor ${schema.name}: ${unknown.join(', ')}.` });
      continue;
    }
    if (seen.has(e.id)) {
      refused.push({ line, reason: `De id "${e.id}" komt twee keer voor.` });
      continue;
    }
    seen.add(e.id);
    const result = toRegister({ ...e, properties: e.properties ?? {} }, byId);
    if (result.reason) {
      refused.push({ line, reason: result.reason });
      continue;
    }
    if (result.relation) {
      pendingRelations.push({
        line,
        schema: schema.name,
        parsed: { id: e.id, line, caption: schema.label, relation: result.relation },
      });
      continue;
    }
    if (result.subject) {
      const caption = registerLabel(result.subject);
      entities.push({ id: e.id, line, caption, subject: result.subject });
      accepted.push({ line, schema: schema.name, caption });
    }
  }
  const subjectIds = new Set(entities.map((e) => e.id));
  const captions = new Map(entities.map((e) => [e.id, e.caption]));
  for (const { line, parsed, schema } of pendingRelations) {
    const r = parsed.relation;
    if (!r || !subjectIds.has(r.from) || !subjectIds.has(r.to)) {
      refused.push({
        line,
        reason: 'Deze relatie verwijst naar een entiteit die niet (goed) in het bestand staat.',
      });
      continue;
    }
    entities.push(parsed);
    // The two ends by what they are called, not by the file's own ids.
    accepted.push({ line, schema, caption: `${captions.get(r.from)} → ${captions.get(r.to)}` });
  }
  refused.sort((a, b) => a.line - b.line);
  accepted.sort((a, b) => a.line - b.line);
  return { entities, accepted, refused };
}
