import type { RelationType, SubjectInput, SubjectRole } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import { dutchDate } from '../../shared/dates.js';
import { userOf } from '../../shared/service.js';
import { type ImportedSubjectRef, manageableCases } from '../cases/index.js';
import type { FieldProblem, ImportKindDefinition } from './pipeline.kinds.js';
import type { Cell } from './pipeline.read.js';
import {
  disagreements,
  fingerprintOf,
  groupedBy,
  type ImportedRecord,
  type KeyedRecords,
  mergedFields,
  type RecordFields,
  refusedWith,
  relateRecords,
  unchangedRecords,
} from './pipeline.records.js';
import * as repo from './pipeline.repository.js';
import { subjectImportFields, subjectOf } from './pipeline.subject.js';
import { kindField as field, fold, readDate, readText, rowReader, words } from './pipeline.values.js';

/**
 * The subjects kind: the people, companies, addresses, accounts and vehicles of a region's cases
 * (an export of the old registration, a case team's spreadsheet), one row per subject of a case,
 * with at most one relation per row to another subject of the same case. A subject with more
 * relations has a row for each, under its own number in the source (`Kenmerk betrokkene`); the
 * subject's fields stand on one of them or alike on each. A case is named by its reference in
 * Samenspel or by the number a case history was imported under, and must be one the importer may
 * manage (the rule of `case.manage`): any other is as unknown as one that does not exist. Each
 * subject is added to its case as the screens add one (`importCaseSubjects`): registered with the
 * importer as provenance, logged as a subject written, persons matched against the register.
 */

/** A case the importer may manage, as a row names it. */
interface CaseRef {
  id: string;
  reference: string;
  collaborationId: string;
}

interface Context {
  /**
   * The cases by their reference and by the numbers their histories were imported under, folded;
   * null for a number that, folded, names two cases (`2019-014` and `2019/014`).
   */
  cases: Map<string, CaseRef | null>;
  today: string;
}

/** A row as checked: its case, its subject (null: given on another row), and its relation. */
interface SubjectRow {
  caseId: string;
  caseReference: string;
  collaborationId: string;
  /** The source's number of the subject in its case; null: none given, the row is a subject of its own. */
  subjectKey: string | null;
  role: SubjectRole | null;
  subject: SubjectInput | null;
  relation: { to: string; type: RelationType; startDate: string | null; endDate: string | null } | null;
}

const roles = words<SubjectRole>({
  'main-subject': ['hoofdsubject', 'hoofdbetrokkene', 'subject', 'verdachte'],
  facilitator: ['facilitator', 'facilitator (dienstverlener)'],
  'property-owner': ['pandeigenaar', 'eigenaar pand', 'eigenaar van het pand'],
  employee: ['werknemer', 'medewerker', 'in dienst'],
  relative: ['familielid', 'familie'],
  other: ['anders', 'overig', 'overige'],
});
const roleNames = 'hoofdsubject, facilitator, pandeigenaar, werknemer, familielid, anders';
const relationTypes = words<RelationType>({
  ownership: ['eigenaar', 'eigenaar van', 'eigendom', 'aandeelhouder', 'aandeelhouder van'],
  directorship: ['bestuurder', 'bestuurder van', 'directeur', 'directeur van'],
  employment: ['werkt bij', 'werknemer', 'werknemer van', 'in dienst bij', 'dienstverband'],
  family: ['familie', 'familie van', 'familielid', 'familielid van'],
  associate: ['relatie', 'relatie van', 'kennis', 'kennis van', 'zakenrelatie'],
  represents: ['vertegenwoordigt', 'vertegenwoordiger', 'vertegenwoordiger van', 'gemachtigde'],
  facilitates: ['faciliteert', 'facilitator van'],
  member: ['lid', 'lid van'],
  'registered-at': ['ingeschreven op', 'ingeschreven', 'ingeschreven op adres', 'staat ingeschreven op'],
});
const relationNames =
  'eigenaar van, bestuurder van, werkt bij, familie van, relatie van, vertegenwoordigt, faciliteert, lid van, ingeschreven op';

/** Marks the key of a subject without a number (its fingerprint): no number in a file starts with it. */
const UNNUMBERED = '\u0001';

/** A row's record: a numbered subject of a case, or a row without a number on its own. */
const keyOf = (v: Pick<SubjectRow, 'caseReference' | 'subjectKey' | 'subject' | 'role'>) =>
  `${v.caseReference}\u0000${v.subjectKey ?? `${UNNUMBERED}${fingerprintOf([v.subject, v.role])}`}`;
const partsOf = (key: string) => {
  const [caseReference = '', subjectKey = ''] = key.split('\u0000');
  return { caseReference, subjectKey };
};
const named = (key: string) => {
  const { caseReference, subjectKey } = partsOf(key);
  return subjectKey.startsWith(UNNUMBERED)
    ? `Een betrokkene zonder kenmerk in casus ${caseReference}`
    : `Betrokkene ${subjectKey} in casus ${caseReference}`;
};

/** A subject under its number in its case; `cases` finds a refused row's case from its cells. */
function subjectRecords(
  cases: Context['cases'] = new Map(),
): KeyedRecords<SubjectRow> & { differsCode: string } {
  return {
    keyOf,
    keyField: 'subject',
    keyOfCells(cell) {
      const caseText = readText(cell('case') ?? null, 100);
      const subjectText = readText(cell('subject') ?? null, 100);
      const found = caseText.ok && caseText.value ? cases.get(fold(caseText.value)) : undefined;
      return found && subjectText.ok && subjectText.value
        ? `${found.reference}\u0000${subjectText.value}`
        : null;
    },
    named,
    whole: 'een betrokkene komt alleen heel binnen, met al zijn relaties',
    changedCode: 'subject_changed',
    changed: (key, gone) =>
      gone
        ? `${named(key)} is al eens ingelezen en sindsdien vernietigd (bewaartermijn). Haal hem uit het bestand.`
        : `${named(key)} is al ingelezen, met andere gegevens of relaties. Leg wat nieuw is vast in de casus zelf, of haal de betrokkene uit het bestand.`,
    unchangedReason: (gone) =>
      gone ? 'Al eens ingelezen; sindsdien vernietigd (bewaartermijn).' : 'Staat al zo in Samenspel.',
    refusedCode: 'subject_refused',
    differsCode: 'subject_differs',
  };
}

const subjectLevel: RecordFields<SubjectRow> = [
  ['role', 'role'],
  ['subject', 'subjectKind'],
];

export const subjects: ImportKindDefinition<SubjectRow> = {
  kind: 'subjects',
  name: 'Betrokkenen en relaties',
  description:
    'Per rij een betrokkene van een casus (persoon, bedrijf, adres, rekening of voertuig), met hooguit één relatie tot een andere betrokkene van die casus. Een betrokkene met meer relaties krijgt een rij per relatie, onder hetzelfde kenmerk.',
  permission: 'case.manage',
  ownImportsOnly: true,
  fields: [
    field(
      'case',
      'Casus',
      'Het kenmerk van de casus in Samenspel, of het nummer waaronder haar geschiedenis is ingelezen. Een casus die u beheert.',
      ['casus', 'casusnummer', 'zaak', 'zaaknummer', 'dossier'],
      { required: true },
    ),
    field(
      'subject',
      'Kenmerk betrokkene',
      'Het nummer van de betrokkene in de bron; de rijen van één betrokkene delen het, en een relatie noemt het. Leeg: de rij is een betrokkene op zich.',
      ['kenmerk betrokkene', 'betrokkene nummer', 'betrokkenenummer', 'subjectnummer', 'kenmerk'],
    ),
    field('role', 'Rol', `De rol in de casus: ${roleNames}. Leeg: anders.`, ['rol', 'rol in casus']),
    ...subjectImportFields,
    field(
      'relatedTo',
      'Relatie met',
      'Het kenmerk van een andere betrokkene van dezelfde casus, in dit bestand of een eerder ingelezen bestand.',
      ['relatie met', 'relatie naar', 'gerelateerd aan', 'betrokkene 2'],
    ),
    field('relationType', 'Soort relatie', `Wat deze betrokkene van de ander is: ${relationNames}.`, [
      'soort relatie',
      'relatie',
      'relatietype',
    ]),
    field('relationFrom', 'Relatie vanaf', 'Sinds wanneer, zoals 1-3-2019.', [
      'relatie vanaf',
      'vanaf',
      'begindatum',
    ]),
    field('relationUntil', 'Relatie tot', 'Tot wanneer, zoals 31-12-2021.', [
      'relatie tot',
      'tot',
      'einddatum',
    ]),
  ],
  async prepare(db, actor, today) {
    const cases = new Map<string, CaseRef | null>();
    const manageable = await manageableCases(db, actor);
    const byId = new Map(manageable.map((c) => [c.id, c]));
    // The numbers a history came in under first, then the references: a reference always wins.
    for (const n of await repo.importedCaseNumbers(db, actor.regionId)) {
      const c = n.caseId ? byId.get(n.caseId) : undefined;
      if (!c) continue;
      const name = fold(n.sourceKey);
      const before = cases.get(name);
      cases.set(name, before === undefined || before?.id === c.id ? c : null);
    }
    for (const c of manageable) cases.set(fold(c.reference), c);
    return { cases, today } satisfies Context;
  },
  row(cell, context) {
    return subjectRow(cell, context as Context);
  },
  key: (v) => JSON.stringify(v),
  async relate(db, _actor, rows, context, refused) {
    const c = context as Context;
    const records = subjectRecords(c.cases);
    const earlier = await imported(db, rows);
    const problems = relateRecords(records, rows, refused, earlier, (key, list) =>
      together(records, key, list),
    );
    // The subjects with a row refused on its own, by the lines of those rows.
    const refusedRows = new Map<string, number[]>();
    for (const r of refused) {
      const key = records.keyOfCells?.(r.cell);
      if (key) refusedRows.set(key, [...(refusedRows.get(key) ?? []), r.line]);
    }
    return relationProblems(records, rows, problems, earlier, refusedRows);
  },
  async unchanged(db, _actor, values) {
    const rows = values.map((value, line) => ({ line, value }));
    return unchangedRecords(subjectRecords(), values, await imported(db, rows), subjects.key);
  },
  async write(db, actor, values, at, _by, importId, ports, record) {
    const records = subjectRecords();
    const byCase = new Map<string, SubjectRow[]>();
    for (const v of values) byCase.set(v.caseId, [...(byCase.get(v.caseId) ?? []), v]);
    const earlier = await repo.importedCaseSubjects(db, [...byCase.keys()]);
    for (const [caseId, caseRows] of byCase) {
      const grouped = [
        ...groupedBy(
          caseRows.map((value, line) => ({ line, value })),
          records,
        ),
      ];
      const index = new Map(grouped.map(([key], i) => [partsOf(key).subjectKey, i]));
      const before = new Map(
        earlier
          .filter((e) => e.caseId === caseId && e.caseSubjectId)
          .map((e) => [e.sourceKey, e.caseSubjectId ?? '']),
      );
      const refOf = (subjectKey: string): ImportedSubjectRef | null => {
        const i = index.get(subjectKey);
        if (i !== undefined) return { index: i };
        const id = before.get(subjectKey);
        return id ? { caseSubjectId: id } : null;
      };
      const merged = grouped.map(([, list]) =>
        mergedFields(
          list.map((r) => r.value),
          subjectLevel,
        ),
      );
      const relations = grouped.flatMap(([, list], i) =>
        list.flatMap(({ value: { relation } }) => {
          const to = relation ? refOf(relation.to) : null;
          if (!relation || !to) return [];
          const { type, startDate, endDate } = relation;
          return [{ from: { index: i }, to, type, startDate, endDate }];
        }),
      );
      const first = caseRows[0];
      if (!first) continue;
      const ids = await ports.addCaseSubjects(
        db,
        {
          caseId,
          regionId: actor.regionId,
          collaborationId: first.collaborationId,
          organisationId: actor.organisationId,
          at,
          createdBy: userOf(actor),
        },
        merged.map((m) => ({ data: m.subject as SubjectInput, role: m.role ?? 'other' })),
        relations,
        record,
      );
      await repo.recordImportedCaseSubjects(
        db,
        grouped.map(([key, list], i) => ({
          caseId,
          sourceKey: partsOf(key).subjectKey,
          caseSubjectId: ids[i] ?? null,
          fingerprint: fingerprintOf(list.map((r) => r.value)),
          importId,
        })),
      );
    }
    return values.length;
  },
};

/** The subjects imported before into the rows' cases, under the records' keys. */
async function imported(db: Db, rows: ReadonlyArray<{ value: SubjectRow }>): Promise<ImportedRecord[]> {
  const references = new Map(rows.map((r) => [r.value.caseId, r.value.caseReference]));
  return (await repo.importedCaseSubjects(db, [...references.keys()])).map((r) => ({
    sourceKey: `${references.get(r.caseId) ?? ''}\u0000${r.sourceKey}`,
    fingerprint: r.fingerprint,
    gone: r.caseSubjectId === null,
  }));
}

const labelOf = (key: string) => subjects.fields.find((f) => f.key === key)?.label ?? key;

/** What a subject's rows say together: alike where they give its fields, and a subject given. */
function together(
  records: KeyedRecords<SubjectRow> & { differsCode: string },
  key: string,
  list: ReadonlyArray<{ line: number; value: SubjectRow }>,
): Map<number, FieldProblem[]> {
  const problems = disagreements(records, key, list, subjectLevel, labelOf);
  if (problems.size) return problems;
  const first = [...list].sort((a, b) => a.line - b.line)[0];
  const merged = mergedFields(
    list.map((r) => r.value),
    subjectLevel,
  );
  if (first && !merged.subject)
    problems.set(first.line, [
      {
        field: 'subjectKind',
        code: 'required',
        reason: `${named(key)} heeft geen gegevens: vul op een van zijn rijen in wie of wat het is (een naam, een KvK-nummer, een adres …).`,
      },
    ]);
  for (const r of list)
    if (r.value.relation && r.value.subjectKey && r.value.relation.to === r.value.subjectKey)
      problems.set(r.line, [
        ...(problems.get(r.line) ?? []),
        {
          field: 'relatedTo',
          code: 'same_subject',
          reason: 'Een relatie is tussen twee verschillende betrokkenen.',
        },
      ]);
  return problems;
}

/**
 * Each relation names a subject of its case that comes in with this file or came in before; a
 * subject whose relation names one refused (or none) is refused whole, and so on, until every
 * subject that comes in has all its relations.
 */
function relationProblems(
  records: KeyedRecords<SubjectRow>,
  rows: ReadonlyArray<{ line: number; value: SubjectRow }>,
  problems: Map<number, FieldProblem[]>,
  earlier: readonly ImportedRecord[],
  /** Subjects with rows refused on their own (by the row check), with those rows' lines. */
  refusedRows: ReadonlyMap<string, readonly number[]>,
): Map<number, FieldProblem[]> {
  const known = new Set(earlier.filter((e) => !e.gone).map((e) => e.sourceKey));
  const grouped = groupedBy(rows, records);
  const refusedKeys = () =>
    new Set([
      ...refusedRows.keys(),
      ...[...grouped].filter(([, list]) => list.some((r) => problems.has(r.line))).map(([key]) => key),
    ]);
  for (let changed = true; changed; ) {
    changed = false;
    const refused = refusedKeys();
    for (const [key, list] of grouped) {
      if (refused.has(key)) continue;
      const found = new Map<number, FieldProblem[]>();
      for (const r of list) {
        const relation = r.value.relation;
        if (!relation) continue;
        const target = `${r.value.caseReference}\u0000${relation.to}`;
        if (grouped.has(target) && !refused.has(target)) continue;
        if (!grouped.has(target) && !refused.has(target) && known.has(target)) continue;
        // The target's refused lines: those refused on their own, else those refused with it.
        const own = refusedRows.get(target) ?? [];
        const lines = own.length
          ? [...own]
          : (grouped
              .get(target)
              ?.filter((t) => problems.has(t.line))
              .map((t) => t.line) ?? []);
        found.set(r.line, [
          {
            field: 'relatedTo',
            code: lines.length ? 'related_refused' : 'unknown_related',
            reason: lines.length
              ? `Betrokkene ${relation.to} wordt niet ingelezen (${lines.length === 1 ? 'regel' : 'regels'} ${lines.join(', ')}), dus deze relatie ook niet.`
              : `Casus ${r.value.caseReference} heeft geen betrokkene met kenmerk ${relation.to}, in dit bestand of een eerder ingelezen bestand.`,
          },
        ]);
      }
      if (!found.size) continue;
      changed = true;
      for (const [line, ps] of found) problems.set(line, [...(problems.get(line) ?? []), ...ps]);
      const lines = [...found.keys()].sort((a, b) => a - b);
      for (const r of list)
        if (!found.has(r.line))
          problems.set(r.line, [
            ...(problems.get(r.line) ?? []),
            refusedWith(records as KeyedRecords<unknown>, key, lines),
          ]);
    }
  }
  return problems;
}

function subjectRow(
  cell: (field: string) => Cell | undefined,
  context: Context,
): { value: SubjectRow } | { problems: FieldProblem[] } {
  const { problems, take, text, need } = rowReader(cell);
  const caseText = text('case', 100);
  const found = caseText ? context.cases.get(fold(caseText)) : undefined;
  if (!caseText) need('case', 'Vul het kenmerk van de casus in.');
  else if (found === null)
    problems.push({
      field: 'case',
      code: 'ambiguous_case',
      reason:
        'Dit nummer hoort bij meer dan één casus die u beheert (de nummers verschillen alleen in leestekens of hoofdletters). Schrijf het kenmerk in Samenspel, zoals CAS-2021-0001.',
    });
  else if (!found)
    problems.push({
      field: 'case',
      code: 'unknown_case',
      reason:
        'Geen casus met dit kenmerk die u beheert. Schrijf het kenmerk in Samenspel (zoals CAS-2021-0001) of het nummer waaronder haar geschiedenis is ingelezen.',
    });
  const subjectKey = text('subject', 100);
  const roleText = text('role', 100);
  const role = roleText ? (roles.get(fold(roleText)) ?? null) : null;
  if (roleText && !role)
    problems.push({
      field: 'role',
      code: 'unknown_role',
      reason: `Deze rol kent Samenspel niet. Kies uit: ${roleNames}.`,
    });
  const subject = subjectOf(cell, problems) ?? null;
  const relatedTo = text('relatedTo', 100);
  const typeText = text('relationType', 100);
  const type = typeText ? (relationTypes.get(fold(typeText)) ?? null) : null;
  if (typeText && !type)
    problems.push({
      field: 'relationType',
      code: 'unknown_relation',
      reason: `Deze soort relatie kent Samenspel niet. Kies uit: ${relationNames}.`,
    });
  const startDate = take('relationFrom', readDate(cell('relationFrom') ?? null)) ?? null;
  const endDate = take('relationUntil', readDate(cell('relationUntil') ?? null)) ?? null;
  for (const [fieldKey, on] of [
    ['relationFrom', startDate],
    ['relationUntil', endDate],
  ] as const)
    if (on && on > context.today)
      problems.push({
        field: fieldKey,
        code: 'in_the_future',
        reason: `Deze datum ligt in de toekomst (${dutchDate(on)}). Vul in wat al zo was.`,
      });
  if (startDate && endDate && endDate < startDate)
    problems.push({
      field: 'relationUntil',
      code: 'before_start',
      reason: 'De einddatum ligt voor de begindatum.',
    });
  const relationGiven = relatedTo || typeText || startDate || endDate;
  if (relationGiven && !relatedTo)
    need('relatedTo', 'Vul het kenmerk in van de betrokkene met wie deze een relatie heeft.');
  if (relationGiven && !typeText) need('relationType', `Vul de soort relatie in: ${relationNames}.`);
  if (relatedTo && !subjectKey)
    need('subject', 'Een betrokkene met een relatie heeft een kenmerk: vul het in.');
  if (!subject && !subjectKey)
    need('subjectKind', 'Vul in wie of wat de betrokkene is (een naam, een KvK-nummer, een adres …).');
  if (problems.length || !found) return { problems };
  return {
    value: {
      caseId: found.id,
      caseReference: found.reference,
      collaborationId: found.collaborationId,
      subjectKey,
      role,
      subject,
      relation: relatedTo && type ? { to: relatedTo, type, startDate, endDate } : null,
    },
  };
}
