import {
  type SignalInput,
  type SignalSource,
  type SubjectInput,
  signalInput,
  type Urgency,
} from '@samenspel/contracts';
import { dutchDate } from '../../shared/dates.js';
import type { FieldProblem, ImportKindDefinition } from './pipeline.kinds.js';
import {
  type CovenantLookups,
  covenantLookups,
  listOf,
  memberNamed,
  municipalityNamed,
  themeNamed,
  unknownMunicipality,
  unknownTheme,
} from './pipeline.lookups.js';
import type { Cell } from './pipeline.read.js';
import {
  disagreements,
  type KeyedRecords,
  keptRecords,
  mergedFields,
  type RecordFields,
  writeRecords,
} from './pipeline.records.js';
import * as repo from './pipeline.repository.js';
import { subjectImportFields, subjectOf } from './pipeline.subject.js';
import { kindField as field, fold, readDate, rowReader, words } from './pipeline.values.js';

/**
 * The signals kind: a partner's register of signals (a municipality's list kept in Excel, an
 * export of the RIEC's old registration), one row per subject of a signal, the rows of one signal
 * sharing the source's own number (`Kenmerk`). A signal without subjects is one row without them.
 * Each row is checked with the API's contracts; then a signal's rows together (its fields alike on
 * every row that gives them, the rules of submission); a signal with one refused row is refused
 * whole. Each signal is submitted as the screens submit one (`SignalsService.createWithin`): its
 * subjects enter the subject register, and every data subject gets a record in the processing log,
 * in the import's transaction. It keeps the date it was received; the source's number makes a
 * second import of the same file add nothing.
 */

/** A row as checked: the signal's fields as this row gives them (null: left blank), and its subject. */
interface SignalRow {
  signalKey: string;
  receivedOn: string | null;
  source: SignalSource | null;
  description: string | null;
  municipalityCode: string | null;
  themeIds: string[] | null;
  urgency: Urgency | null;
  submitterIds: string[] | null;
  receivedFromId: string | null;
  subject: SubjectInput | null;
}

type Lookups = CovenantLookups;

const sources = words<SignalSource>({
  partner: ['partner', 'partnermelding', 'melding partner'],
  'riec-analysis': ['analyseproduct', 'analyse', 'riec', 'analyseproduct riec'],
  fiu: ['fiu', 'fiu-melding', 'fiu melding'],
  'meld-misdaad-anoniem': ['meld misdaad anoniem', 'mma'],
  'zorg-en-veiligheidshuis': ['zorg- en veiligheidshuis', 'zorg en veiligheidshuis', 'zvh'],
  other: ['anders', 'overig'],
});
const sourceNames =
  'partner, analyseproduct, FIU-melding, Meld Misdaad Anoniem, Zorg- en Veiligheidshuis, anders';
const urgencies = words<Urgency>({
  low: ['laag'],
  normal: ['normaal', 'gemiddeld', 'midden'],
  high: ['hoog', 'urgent', 'spoed'],
});
/** The API's names of a signal's fields, as the import's fields. */
const signalFieldOf: Record<string, string> = {
  source: 'source',
  description: 'description',
  municipalityCode: 'municipality',
  themeIds: 'themes',
  urgency: 'urgency',
  submittingOrganisationIds: 'submitters',
  receivedFromOrganisationId: 'receivedFrom',
  happenedOn: 'date',
  subjects: 'subjectKind',
};

/** A signal under its number in the partner's register. */
const signalRecords: KeyedRecords<SignalRow> & { differsCode: string } = {
  keyOf: (v) => v.signalKey,
  keyField: 'signal',
  named: (key) => `Signaal ${key}`,
  whole: 'een signaal komt alleen heel binnen',
  changedCode: 'signal_changed',
  // A signal's content destroyed under its retention term keeps its row: it is never gone here.
  changed: (key) =>
    `Signaal ${key} is al ingelezen, met andere gegevens. Pas het aan in Samenspel zelf, of haal het uit het bestand.`,
  refusedCode: 'signal_refused',
  differsCode: 'signal_differs',
};

export const signals: ImportKindDefinition<SignalRow> = {
  kind: 'signals',
  name: 'Signalen',
  description:
    'Per rij een betrokkene bij een signaal uit het register van een partner; de rijen van één signaal hebben hetzelfde kenmerk. Een signaal zonder betrokkenen is één rij zonder.',
  permission: 'signal.create',
  fields: [
    field(
      'signal',
      'Kenmerk',
      'Het nummer van het signaal in de bron; de rijen van één signaal delen het.',
      ['kenmerk', 'signaal', 'signaalnummer', 'nummer', 'id'],
      { required: true },
    ),
    field(
      'date',
      'Ontvangen op',
      'Wanneer het signaal binnenkwam, zoals 31-12-2021.',
      ['ontvangen op', 'datum', 'ontvangen', 'datum ontvangst'],
      { required: true },
    ),
    field('source', 'Bron', `Waar het signaal vandaan komt: ${sourceNames}.`, [
      'bron',
      'herkomst',
      'soort melding',
    ]),
    field(
      'description',
      'Omschrijving',
      'Wat er gesignaleerd is, in minstens twintig tekens.',
      ['omschrijving', 'beschrijving', 'signaal omschrijving', 'toelichting'],
      { personal: true },
    ),
    field('municipality', 'Gemeente', 'De gemeente waar het speelt, met naam of CBS-code.', [
      'gemeente',
      'gemeentecode',
    ]),
    field('themes', 'Thema’s', 'Een of meer thema’s, met naam of code, gescheiden door ;.', [
      'themas',
      'thema',
      "thema's",
      'fenomeen',
    ]),
    field('urgency', 'Urgentie', 'Laag, normaal of hoog. Leeg: normaal.', ['urgentie', 'prioriteit']),
    field(
      'submitters',
      'Indieners',
      'De partners die het signaal indienen, met naam of code, gescheiden door ;. Uw eigen organisatie hoort erbij. Leeg: uw organisatie.',
      ['indieners', 'indiener', 'ingediend door'],
    ),
    field(
      'receivedFrom',
      'Ontvangen van',
      'De partner van wie het signaal kwam, als die het niet zelf indiende.',
      ['ontvangen van', 'melder', 'afkomstig van'],
    ),
    ...subjectImportFields,
  ],
  async prepare(db, actor, today) {
    return covenantLookups(db, actor, today);
  },
  row(cell, context) {
    return signalRow(cell, context as Lookups);
  },
  ...keptRecords(
    signalRecords,
    (db, actor, keys) => repo.importedByOrganisation(db, 'signals', actor, keys),
    (key, list, context) => togetherProblems(key, list, context as Lookups),
  ),
  async write(db, actor, values, _at, _by, importId, ports, record) {
    const written = await writeRecords(signalRecords, values, (rows) =>
      ports.submitSignal(db, actor, requestOf(rows, actor.organisationId), record),
    );
    await repo.recordImportedByOrganisation(db, 'signals', actor, importId, written);
    return values.length;
  },
};

const labelOf = (key: string) => signals.fields.find((f) => f.key === key)?.label ?? key;

/** A signal's own fields, with the import's field of each. */
const signalLevel: RecordFields<SignalRow> = [
  ['receivedOn', 'date'],
  ['source', 'source'],
  ['description', 'description'],
  ['municipalityCode', 'municipality'],
  ['themeIds', 'themes'],
  ['urgency', 'urgency'],
  ['submitterIds', 'submitters'],
  ['receivedFromId', 'receivedFrom'],
];

/** The request the screens would send for this signal, submitted, received on its date. */
function requestOf(values: readonly SignalRow[], organisationId: string): SignalInput {
  const m = mergedFields(values, signalLevel);
  return {
    submittingOrganisationIds: m.submitterIds?.length ? m.submitterIds : [organisationId],
    source: m.source ?? 'partner',
    description: m.description ?? '',
    municipalityCode: m.municipalityCode ?? '',
    themeIds: m.themeIds ?? [],
    urgency: m.urgency ?? 'normal',
    subjects: values.flatMap((v) => (v.subject ? [v.subject] : [])),
    ...(m.receivedFromId ? { receivedFromOrganisationId: m.receivedFromId } : {}),
    happenedOn: m.receivedOn ?? undefined,
  };
}

/** What a signal's rows say together: alike where they give a field, and a signal that may be submitted. */
function togetherProblems(
  signalKey: string,
  list: ReadonlyArray<{ line: number; value: SignalRow }>,
  l: Lookups,
): Map<number, FieldProblem[]> {
  const problems = new Map<number, FieldProblem[]>();
  const add = (line: number, p: FieldProblem) => problems.set(line, [...(problems.get(line) ?? []), p]);
  const ordered = [...list].sort((a, b) => a.line - b.line);
  const first = ordered[0];
  if (!first) return problems;
  for (const [line, ps] of disagreements(signalRecords, signalKey, list, signalLevel, labelOf))
    for (const p of ps) add(line, p);
  if (problems.size) return problems;
  const m = mergedFields(
    ordered.map((r) => r.value),
    signalLevel,
  );
  const need = (fieldKey: string, reason: string) =>
    add(first.line, { field: fieldKey, code: 'required', reason });
  if (!m.receivedOn) need('date', `Vul de datum in waarop signaal ${signalKey} binnenkwam.`);
  if (!m.source) need('source', `Vul de bron van signaal ${signalKey} in: ${sourceNames}.`);
  if (!m.description) need('description', `Beschrijf signaal ${signalKey} in minstens twintig tekens.`);
  if (!m.municipalityCode) need('municipality', `Vul de gemeente van signaal ${signalKey} in.`);
  if (!m.themeIds?.length) need('themes', `Vul een of meer thema’s van signaal ${signalKey} in.`);
  if (problems.size) return problems;
  const request = requestOf(
    ordered.map((r) => r.value),
    l.organisationId,
  );
  const parsed = signalInput.safeParse(request);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      add(first.line, { field: signalFieldOf[name] ?? null, code: 'invalid', reason: issue.message });
    }
  const submitters = request.submittingOrganisationIds;
  const from = request.receivedFromOrganisationId;
  if (!submitters.includes(l.organisationId))
    add(first.line, {
      field: 'submitters',
      code: 'own_organisation_missing',
      reason:
        'Uw eigen organisatie moet een van de indieners zijn. Komt het signaal van een partner die het niet zelf indiende, zet die dan bij "Ontvangen van".',
    });
  if (from && submitters.includes(from))
    add(first.line, {
      field: 'receivedFrom',
      code: 'also_submitter',
      reason: 'Een indiener is niet ook de partner waarvan het signaal is ontvangen.',
    });
  return problems;
}

function signalRow(
  cell: (field: string) => Cell | undefined,
  l: Lookups,
): { value: SignalRow } | { problems: FieldProblem[] } {
  const { problems, take, text, need } = rowReader(cell);
  const signalKey = text('signal', 100);
  if (!signalKey) need('signal', 'Vul het kenmerk van het signaal in de bron in.');
  const receivedOn = take('date', readDate(cell('date') ?? null)) ?? null;
  if (receivedOn && receivedOn > l.today)
    problems.push({
      field: 'date',
      code: 'in_the_future',
      reason: `Deze datum ligt in de toekomst (${dutchDate(receivedOn)}). Vul de datum in waarop het signaal binnenkwam.`,
    });
  const sourceText = text('source', 100);
  const source = sourceText ? (sources.get(fold(sourceText)) ?? null) : null;
  if (sourceText && !source)
    problems.push({
      field: 'source',
      code: 'unknown_source',
      reason: `Deze bron kent Samenspel niet. Kies uit: ${sourceNames}.`,
    });
  const description = text('description', 20_000);
  if (description !== null && description.length < 20)
    problems.push({
      field: 'description',
      code: 'too_short',
      reason: 'Beschrijf het signaal in minstens twintig tekens.',
    });
  const municipalityText = text('municipality', 100);
  const municipality = municipalityText ? municipalityNamed(l, municipalityText) : undefined;
  if (municipalityText && !municipality)
    problems.push({
      field: 'municipality',
      code: 'unknown_municipality',
      reason: unknownMunicipality(municipalityText),
    });
  const themeNames = listOf(text('themes', 2000));
  const themeIds = themeNames.flatMap((name) => {
    const found = themeNamed(l, name);
    if (!found) problems.push({ field: 'themes', code: 'unknown_theme', reason: unknownTheme(l, name) });
    return found ? [found.id] : [];
  });
  const urgencyText = text('urgency', 50);
  const urgency = urgencyText ? (urgencies.get(fold(urgencyText)) ?? null) : null;
  if (urgencyText && !urgency)
    problems.push({
      field: 'urgency',
      code: 'unknown_urgency',
      reason: 'Kies de urgentie: laag, normaal of hoog.',
    });
  const partner = (fieldKey: string, name: string) => memberNamed(l, fieldKey, name, problems);
  const submitterIds = listOf(text('submitters', 2000)).flatMap((name) => {
    const id = partner('submitters', name);
    return id ? [id] : [];
  });
  const receivedFromText = text('receivedFrom', 200);
  const receivedFromId = receivedFromText ? partner('receivedFrom', receivedFromText) : null;
  const subject = subjectOf(cell, problems);
  if (!signalKey || problems.length) return { problems };
  return {
    value: {
      signalKey,
      receivedOn,
      source,
      description,
      municipalityCode: municipality?.code ?? null,
      themeIds: themeNames.length ? [...new Set(themeIds)].sort() : null,
      urgency,
      submitterIds: submitterIds.length ? [...new Set(submitterIds)].sort() : null,
      receivedFromId,
      subject: subject ?? null,
    },
  };
}
