import type { CaseDetail, ImportReport, Network } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseHistoryHeader } from '../../testing/case-history.js';
import {
  Cast,
  createTestApp,
  newBsn,
  newCase,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';

/**
 * The subjects kind: a case's subjects from a region's register, one row per subject with at most
 * one relation, each added as the screens add one (registered, logged) with its relations; a
 * subject refused whole with every row, and with it those whose relations name it; the same file
 * again adding nothing; only cases the importer may manage, by reference or by the number a
 * history came in under.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<Cast['analyst']>>;

const header =
  'Casus;Kenmerk betrokkene;Rol;Soort betrokkene;Voornamen;Tussenvoegsel;Achternaam;Geboortedatum;BSN;Bedrijfsnaam;KvK-nummer;Straat;Huisnummer;Postcode;Plaats;Kenteken;Relatie met;Soort relatie;Relatie vanaf;Relatie tot';
const csv = (rows: string[]) => [header, ...rows].join('\r\n');

async function upload(who: Member, body: string, mode: 'dry-run' | 'commit' = 'dry-run') {
  const response = await cast.call(
    who,
    'POST',
    `/api/v1/imports/subjects?mode=${mode}&fileName=betrokkenen.csv`,
    body,
    { 'content-type': 'text/csv' },
  );
  return { status: response.statusCode, report: response.json<ImportReport>() };
}

describe(`importing the subjects of cases and their relations on ${testEngine()}`, () => {
  it('adds each subject to its case with its relations, logs each data subject, and adds nothing twice', async () => {
    const director = await cast.director();
    const kase = await newCase(cast, { director });
    const ref = kase.reference;
    const surname = uniqueSurname();
    const company = `${uniqueSurname()} Holding B.V.`;
    const rows = [
      // A person with two relations, told on two rows under one number.
      `${ref};B1;Hoofdsubject;Persoon;Jan;de;${surname};14-02-1978;${newBsn()};;;Kanaalweg;12;3526 KL;Utrecht;;B2;bestuurder van;01-03-2019;`,
      `${ref};B1;;;;;;;;;;;;;;;B3;eigenaar van;;`,
      `${ref};B2;Facilitator;;;;;;;${company};12345678;;;;;;;;;`,
      `${ref};B3;Pandeigenaar;Adres;;;;;;;;Kanaalweg;14;3526 KL;Utrecht;;;;;`,
      // A vehicle without a number: a subject of its own.
      `${ref};;;;;;;;;;;;;;;72-XKH-9;;;;`,
    ];
    const dry = await upload(director, csv(rows));
    expect(dry.report.problems).toEqual([]);
    expect(dry.report).toMatchObject({ status: 'checked', rows: 5, accepted: 5, written: 0 });

    const done = await upload(director, csv(rows), 'commit');
    expect(done.report).toMatchObject({ status: 'committed', rows: 5, accepted: 5, written: 5 });

    const detail = await cast.ok<CaseDetail>(director, 'GET', `/api/v1/cases/${kase.id}`);
    expect(detail.subjects.map((s) => [s.data.kind, s.role]).sort()).toEqual([
      ['address', 'property-owner'],
      ['company', 'facilitator'],
      ['person', 'main-subject'],
      ['vehicle', 'other'],
    ]);
    const person = detail.subjects.find((s) => s.data.kind === 'person');
    expect(person?.data).toMatchObject({
      surname,
      prefix: 'de',
      dateOfBirth: '1978-02-14',
      address: { street: 'Kanaalweg', houseNumber: 12, postcode: '3526 KL' },
    });
    const network = await cast.ok<Network>(director, 'GET', `/api/v1/cases/${kase.id}/network`);
    const labelOf = (id: string) => network.nodes.find((n) => n.id === id)?.kind;
    expect(network.edges.map((e) => [labelOf(e.from), e.type, labelOf(e.to), e.startDate]).sort()).toEqual([
      ['person', 'directorship', 'company', '2019-03-01'],
      ['person', 'ownership', 'address', null],
    ]);

    // The person and the company written, each with its record under the import.
    const logged = await t.database.db
      .selectFrom('processingLog')
      .select(['name', 'dataSubjectType'])
      .where('name', '=', 'case.subject.write')
      .where('traceId', 'in', (q) =>
        q.selectFrom('processingLog').select('traceId').where('name', '=', 'import.commit'),
      )
      .execute();
    expect(logged.map((l) => l.dataSubjectType).sort()).toEqual(['company', 'person']);
    const relationsLogged = await t.database.db
      .selectFrom('processingLog')
      .select('dataSubjectType')
      .where('name', '=', 'case.relation.write')
      .where('traceId', 'in', (q) =>
        q.selectFrom('processingLog').select('traceId').where('name', '=', 'import.commit'),
      )
      .execute();
    // The person's two relations: the person twice, the company once (the address is no data subject).
    expect(relationsLogged.map((l) => l.dataSubjectType).sort()).toEqual(['company', 'person', 'person']);

    // The import, its report and its error file are the director's own: another director, and an
    // analyst of the same organisation, who may import subjects too, do not see it.
    for (const other of [await cast.member(['case_director', 'meeting_chair']), await cast.analyst()]) {
      const list = await cast.ok<{ items: Array<{ id: string }> }>(other, 'GET', '/api/v1/imports');
      expect(list.items.map((i) => i.id)).not.toContain(done.report.id);
      expect((await cast.call(other, 'GET', `/api/v1/imports/${done.report.id}`)).statusCode).toBe(404);
    }
    const own = await cast.ok<{ items: Array<{ id: string }> }>(director, 'GET', '/api/v1/imports');
    expect(own.items.map((i) => i.id)).toContain(done.report.id);

    // The same file again, in another order, adds nothing.
    const again = await upload(director, csv([...rows].reverse()), 'commit');
    expect(again.report).toMatchObject({ status: 'committed', rows: 5, accepted: 0, skipped: 5, written: 0 });

    // A later file: a new subject related to one imported before; a subject told otherwise is refused.
    const later = await upload(
      director,
      csv([
        `${ref};B4;Familielid;Persoon;Marie;;${surname};02-05-1980;;;;;;;;;B1;familie van;;`,
        `${ref};B2;Hoofdsubject;;;;;;;${company};12345678;;;;;;;;;`,
      ]),
    );
    expect(later.report.problems.map((p) => [p.line, p.code])).toEqual([[3, 'subject_changed']]);
    const added = await upload(
      director,
      csv([`${ref};B4;Familielid;Persoon;Marie;;${surname};02-05-1980;;;;;;;;;B1;familie van;;`]),
      'commit',
    );
    expect(added.report).toMatchObject({ status: 'committed', written: 1 });
    const grown = await cast.ok<Network>(director, 'GET', `/api/v1/cases/${kase.id}/network`);
    expect(grown.edges.map((e) => e.type).sort()).toEqual(['directorship', 'family', 'ownership']);
  });

  it('finds a case by the number its history came in under, among the cases the importer manages', async () => {
    const analyst = await cast.analyst();
    const startRow = (key: string) =>
      caseHistoryHeader
        .map(
          (h) =>
            ({
              Casus: key,
              Stap: 'Start',
              Datum: '01-02-2018',
              Werknaam: `Oud ${key}`,
              Gemeenten: 'Utrecht',
              'Thema’s': 'Vastgoed',
              Herkomst: 'Gemeente Utrecht',
              Deelnemers: 'Politie eenheid Midden-Nederland',
            })[h as string] ?? '',
        )
        .join(';');
    // OUD-78 and OUD/78 are two cases whose numbers differ in a mark only.
    const history = [
      caseHistoryHeader.join(';'),
      startRow('OUD-77'),
      startRow('OUD-78'),
      startRow('OUD/78'),
    ].join('\r\n');
    const imported = await cast.call(
      analyst,
      'POST',
      '/api/v1/imports/case-history?mode=commit&fileName=historie.csv',
      history,
      { 'content-type': 'text/csv' },
    );
    expect(imported.json<ImportReport>()).toMatchObject({ status: 'committed', written: 3 });
    const company = `${uniqueSurname()} B.V.`;
    const { report } = await upload(
      analyst,
      csv([`oud-77;;Hoofdsubject;;;;;;;${company};;;;;;;;;;`, `OUD 78;;;;;;;;;Een B.V.;;;;;;;;;;`]),
      'commit',
    );
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([[3, 'ambiguous_case']]);
    const { report: done } = await upload(
      analyst,
      csv([`oud-77;;Hoofdsubject;;;;;;;${company};;;;;;;;;;`]),
      'commit',
    );
    expect(done).toMatchObject({ status: 'committed', written: 1 });
    const cases = await cast.ok<{ items: Array<{ id: string; codeName: string }> }>(
      analyst,
      'GET',
      '/api/v1/cases?pageSize=100',
    );
    const oud = cases.items.find((c) => c.codeName === 'Oud OUD-77');
    const detail = await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${oud?.id}`);
    expect(detail.subjects.map((x) => x.label)).toEqual([company]);

    // A director who does not direct that case: the number is unknown to them, as any other.
    const director = await cast.director();
    const refused = await upload(
      director,
      csv([`OUD-77;;;;;;;;;Een B.V.;;;;;;;;;;`, `CAS-1900-0009;;;;;;;;;Een B.V.;;;;;;;;;;`]),
    );
    expect(refused.report.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'unknown_case'],
      [3, 'unknown_case'],
    ]);
    expect(refused.report.problems[0]?.reason).toBe(refused.report.problems[1]?.reason);
  });

  it('names every refused row with its line, refuses a subject whole with those related to it, and writes nothing', async () => {
    const director = await cast.director();
    const kase = await newCase(cast, { director });
    // A case directed by someone else: this director may not manage it, so it is unknown to them.
    const other = await newCase(cast, { director: await cast.member(['case_director', 'meeting_chair']) });
    const ref = kase.reference;
    const surname = uniqueSurname();
    const rows = [
      // 2: a BSN that fails the eleven-test (masked); 3: the same subject's other row, refused with it.
      `${ref};P1;;Persoon;Piet;;${surname};;123456789;;;;;;;;;;;`,
      `${ref};P1;;;;;;;;;;;;;;;P2;relatie van;;`,
      // 4: related to P1, which is refused, so refused too; 5: related to P4, refused in turn.
      `${ref};P3;;Persoon;Kees;;${surname};;;;;;;;;;P1;familie van;;`,
      `${ref};P4;;Persoon;Klaas;;${surname};;;;;;;;;;P3;familie van;;`,
      // 6, 7: two rows of one subject that disagree on its role.
      `${ref};P5;Hoofdsubject;Persoon;Anna;;${surname};;;;;;;;;;;;;`,
      `${ref};P5;Werknemer;;;;;;;;;;;;;;;;;`,
      // 8: a case that does not exist; 9: a case the director may not manage.
      `CAS-1900-0001;Q1;;Persoon;Ben;;${surname};;;;;;;;;;;;;`,
      `${other.reference};Q2;;Persoon;Ben;;${surname};;;;;;;;;;;;;`,
      // 10: an unknown role, an unknown relation, and an end before the start.
      `${ref};P6;Baas;Persoon;Bob;;${surname};;;;;;;;;;P7;buurman van;01-01-2020;01-01-2019`,
      // 11: a relation with a subject that is nowhere; 12: with itself.
      `${ref};P8;;Persoon;Eva;;${surname};;;;;;;;;;P99;familie van;;`,
      `${ref};P9;;Persoon;Els;;${surname};;;;;;;;;;P9;familie van;;`,
      // 13: a relation without its kind, 14: a relation from a subject without a number.
      `${ref};P10;;Persoon;Rik;;${surname};;;;;;;;;;P5;;;`,
      `${ref};;;Persoon;Rob;;${surname};;;;;;;;;;P5;familie van;;`,
      // 15: a subject on one row, refused on its own; 16: related to it.
      `${ref};P11;;Persoon;Jan;;${surname};31-02-1980;;;;;;;;;;;;`,
      `${ref};P12;;Persoon;Joop;;${surname};;;;;;;;;;P11;familie van;;`,
    ];
    const before = (await cast.ok<CaseDetail>(director, 'GET', `/api/v1/cases/${kase.id}`)).subjects.length;
    const { report } = await upload(director, csv(rows), 'commit');
    expect(report).toMatchObject({ status: 'refused', rows: 15, written: 0 });
    expect(report.rows).toBe(report.accepted + report.rejected + report.skipped);
    expect(report.problems.map((p) => [p.line, p.column, p.code])).toEqual(
      expect.arrayContaining([
        [2, 'BSN', 'invalid'],
        [3, null, 'subject_refused'],
        [4, 'Relatie met', 'related_refused'],
        [5, 'Relatie met', 'related_refused'],
        [7, 'Rol', 'subject_differs'],
        [6, null, 'subject_refused'],
        [8, 'Casus', 'unknown_case'],
        [9, 'Casus', 'unknown_case'],
        [10, 'Rol', 'unknown_role'],
        [10, 'Soort relatie', 'unknown_relation'],
        [10, 'Relatie tot', 'before_start'],
        [11, 'Relatie met', 'unknown_related'],
        [12, 'Relatie met', 'same_subject'],
        [13, 'Soort relatie', 'required'],
        [14, 'Kenmerk betrokkene', 'required'],
        [15, 'Geboortedatum', 'no_such_date'],
        [16, 'Relatie met', 'related_refused'],
      ]),
    );
    // A relation names the line at fault: the target's own refused row.
    expect(report.problems.find((p) => p.line === 16)?.reason).toMatch(
      /^Betrokkene P11 wordt niet ingelezen \(regel 15\)/,
    );
    expect(report.problems.find((p) => p.line === 4)?.reason).toMatch(/\(regel 2\)/);
    const bsn = report.problems.find((p) => p.column === 'BSN');
    expect(bsn?.value).not.toContain('123456789');
    // The case the director may not manage is exactly as unknown as one that does not exist.
    const reasons = report.problems.filter((p) => p.code === 'unknown_case').map((p) => p.reason);
    expect(reasons[0]).toBe(reasons[1]);
    const after = (await cast.ok<CaseDetail>(director, 'GET', `/api/v1/cases/${kase.id}`)).subjects.length;
    expect(after).toBe(before);
  });

  it('is for those who may manage cases', async () => {
    const staff = await cast.staff('GM0344');
    const kase = await newCase(cast);
    const { status } = await upload(staff, csv([`${kase.reference};;;;;;;;;Een B.V.;;;;;;;;;;`]));
    expect(status).toBe(403);
  });
});
