import type { ImportReport, SignalDetail, SignalPage } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, newBsn, type TestApp, testEngine, uniqueSurname } from '../../testing/index.js';

/**
 * The signals kind: a partner's register of signals, one row per subject, each signal submitted
 * as the screens submit one (its subjects registered and each logged), received on its own date;
 * a signal with a refused row refused whole, every refusal with its line; the same file again
 * adding nothing, a changed signal refused; only those who may submit signals import them.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const header =
  'Kenmerk;Ontvangen op;Bron;Omschrijving;Gemeente;Thema’s;Urgentie;Indieners;Ontvangen van;Soort betrokkene;Voornamen;Tussenvoegsel;Achternaam;Geboortedatum;BSN;Bedrijfsnaam;KvK-nummer;Straat;Huisnummer;Postcode;Plaats;IBAN;Kenteken';
const csv = (rows: string[]) => [header, ...rows].join('\r\n');

describe(`importing a partner's register of signals on ${testEngine()}`, () => {
  it('submits every signal with its subjects on the day it was received, logs each data subject, and adds nothing twice', async () => {
    const staff = await cast.staff('GM0344');
    const surname = uniqueSurname();
    const bsn = newBsn();
    const company = `${uniqueSurname()} Vastgoed B.V.`;
    const rows = [
      // One signal, three rows: a person with an address, a company, a vehicle.
      `U-2021-001;12-03-2021;Partner;Leegstaand pand met veel wisselende huurders en zware stroomaansluiting.;Utrecht;Vastgoed; hoog;;;Persoon;Jan Willem;de;${surname};14-02-1978;${bsn};;;Kanaalweg;12;3526 KL;Utrecht;;`,
      `U-2021-001;;;;;;;;;;;;;;;${company};12345678;;;;;;`,
      'U-2021-001;;;;;;;;;Voertuig;;;;;;;;;;;;;72-XKH-9',
      // A signal without subjects, from the police by phone, registered by the municipality.
      'U-2021-002;2021-06-30;Anders;Melding over een nagelstudio die nooit open lijkt te zijn.;GM0344;money_laundering;;Gemeente Utrecht;Politie;;;;;;;;;;;;;;',
    ];
    const upload = async (body: string, mode: 'dry-run' | 'commit') =>
      (
        await cast.call(staff, 'POST', `/api/v1/imports/signals?mode=${mode}&fileName=signalen.csv`, body, {
          'content-type': 'text/csv',
        })
      ).json<ImportReport>();

    const dry = await upload(csv(rows), 'dry-run');
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({
      status: 'checked',
      rows: 4,
      accepted: 4,
      rejected: 0,
      skipped: 0,
      written: 0,
    });

    const done = await upload(csv(rows), 'commit');
    expect(done).toMatchObject({ status: 'committed', rows: 4, accepted: 4, written: 4 });

    const page = await cast.ok<SignalPage>(staff, 'GET', '/api/v1/signals?pageSize=50');
    const first = page.items.find((s) => s.receivedOn === '2021-03-12');
    const second = page.items.find((s) => s.receivedOn === '2021-06-30');
    expect(first).toMatchObject({ stage: 'received', urgency: 'high', source: 'partner' });
    expect(second).toMatchObject({ urgency: 'normal', source: 'other' });
    const detail = await cast.ok<SignalDetail>(staff, 'GET', `/api/v1/signals/${first?.id}`);
    expect(detail.subjects.map((s) => s.kind).sort()).toEqual(['company', 'person', 'vehicle']);
    const person = detail.subjects.find((s) => s.kind === 'person');
    expect(person).toMatchObject({
      data: {
        firstNames: 'Jan Willem',
        prefix: 'de',
        surname,
        dateOfBirth: '1978-02-14',
        address: { postcode: '3526 KL', houseNumber: 12, street: 'Kanaalweg', town: 'Utrecht' },
      },
    });
    const fromPolice = await cast.ok<SignalDetail>(staff, 'GET', `/api/v1/signals/${second?.id}`);
    expect(fromPolice.subjects).toEqual([]);
    expect(fromPolice.receivedFrom?.id).toBe(await cast.org('politie'));

    // Each data subject written (the person and the company; a vehicle is logged through the
    // person it belongs to) has its record in the processing log, under the import.
    const logged = await t.database.db
      .selectFrom('processingLog')
      .select(['name', 'dataSubjectType'])
      .where('name', '=', 'signal.subject.write')
      .where('traceId', 'in', (q) =>
        q.selectFrom('processingLog').select('traceId').where('name', '=', 'import.commit'),
      )
      .execute();
    expect(logged).toHaveLength(2);

    // The same file again, in another order, adds nothing.
    const again = await upload(csv([...rows].reverse()), 'commit');
    expect(again).toMatchObject({ status: 'committed', rows: 4, accepted: 0, skipped: 4, written: 0 });
    expect(again.skippedRows[0]?.reason).toBe('Staat al zo in Samenspel.');

    // A file that tells an imported signal otherwise is refused for that signal.
    const changed = await upload(csv([rows[3]?.replace('nagelstudio', 'kapsalon') ?? '']), 'dry-run');
    expect(changed.problems.map((p) => [p.line, p.code])).toEqual([[2, 'signal_changed']]);
  });

  it('names every refused row with its line, masks personal data, refuses a signal whole, and writes nothing', async () => {
    const staff = await cast.staff('GM0307');
    const before = (await cast.ok<SignalPage>(staff, 'GET', '/api/v1/signals?pageSize=1')).total;
    const surname = uniqueSurname();
    const rows = [
      // 2: a BSN that fails the eleven-test (its value masked in the report).
      `A-1;01-02-2021;Partner;Een woning waar vaak 's nachts bezoek komt.;Amersfoort;drugs;;;;;Piet;;${surname};;123456789;;;;;;;;`,
      // 3: the same signal, its own row fine but refused with it.
      'A-1;;;;;;;;;;;;;;;;;;;;;;AB-12-CD',
      // 4, 5: rows of one signal that disagree on its municipality.
      'A-2;01-02-2021;Partner;Een loods waar ’s nachts vrachtwagens laden.;Amersfoort;drugs;;;;;;;;;;;;;;;;;',
      'A-2;;;;Baarn;;;;;;;;;;;;;;;;;;',
      // 6: a municipality outside the region, a theme the region does not know, an unknown source.
      'A-3;01-02-2021;Krant;Een garagebedrijf zonder klanten maar met veel geld.;Atlantis;Kaas;;;;;;;;;;;;;;;;;',
      // 7: received in the future; 8: a description too short.
      'A-4;01-02-2099;Partner;Een bedrijfsunit met geblindeerde ramen.;Amersfoort;drugs;;;;;;;;;;;;;;;;;',
      'A-5;01-02-2021;Partner;Te kort.;Amersfoort;drugs;;;;;;;;;;;;;;;;;',
      // 9: the importer's own organisation not among the submitters.
      'A-6;01-02-2021;Partner;Een vakantiepark waar niemand op vakantie is.;Amersfoort;drugs;;Politie;;;;;;;;;;;;;;;',
      // 10: an IBAN on a person's row.
      `A-7;01-02-2021;Partner;Een winkel die contant geld wegbrengt in tassen.;Amersfoort;drugs;;;;Persoon;Kees;;${surname};;;;;;;;;NL91ABNA0417164300;`,
    ];
    const response = await cast.call(
      staff,
      'POST',
      '/api/v1/imports/signals?mode=commit&fileName=signalen.csv',
      csv(rows),
      { 'content-type': 'text/csv' },
    );
    const report = response.json<ImportReport>();
    expect(report).toMatchObject({ status: 'refused', rows: 9, written: 0 });
    expect(report.rows).toBe(report.accepted + report.rejected + report.skipped);
    const codes = report.problems.map((p) => [p.line, p.column, p.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [2, 'BSN', 'invalid'],
        [3, null, 'signal_refused'],
        [5, 'Gemeente', 'signal_differs'],
        [4, null, 'signal_refused'],
        [6, 'Gemeente', 'unknown_municipality'],
        [6, 'Thema’s', 'unknown_theme'],
        [6, 'Bron', 'unknown_source'],
        [7, 'Ontvangen op', 'in_the_future'],
        [8, 'Omschrijving', 'too_short'],
        [9, 'Indieners', 'own_organisation_missing'],
        [10, 'IBAN', 'not_of_this_kind'],
      ]),
    );
    const bsnProblem = report.problems.find((p) => p.code === 'invalid' && p.column === 'BSN');
    expect(bsnProblem?.value).not.toContain('123456789');
    expect(bsnProblem?.reason).toMatch(/BSN/);
    expect((await cast.ok<SignalPage>(staff, 'GET', '/api/v1/signals?pageSize=1')).total).toBe(before);
  });

  it('is for those who may submit signals', async () => {
    const officer = await cast.member(['privacy_officer']);
    const response = await cast.call(
      officer,
      'POST',
      '/api/v1/imports/signals?mode=dry-run&fileName=signalen.csv',
      csv(['X-1;01-02-2021;Partner;Een omschrijving van twintig tekens of meer.;Utrecht;drugs']),
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(403);
  });
});
