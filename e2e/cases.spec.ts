import type { CaseDetail, SignalDetail } from '@samenspel/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  dutchDay,
  newAcceptedSignal,
  newCase,
  newPerson,
  newRound,
  newSignal,
  uniqueSurname,
} from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

const caseUrl = (c: CaseDetail, tab = '') => `${spec.samenspel.url}/casussen/${c.id}${tab ? `/${tab}` : ''}`;
/** The municipality, the police and the Tax Administration take part. */
const partners = ['GM0344', 'politie', 'belastingdienst'];

/** A date as the screen shows it: "14 maart 1979". */
function dutchDate(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** Counts what the user does, to show how many steps a task takes. */
function counting() {
  let count = 0;
  return {
    step: async <T>(action: Promise<T>): Promise<T> => {
      count += 1;
      return action;
    },
    get count() {
      return count;
    },
  };
}

/** The case's tab, reached as a user does: by its link in the tab bar. */
async function openTab(p: Page, name: string) {
  await p.getByRole('navigation', { name: 'Onderdelen van de casus' }).getByRole('link', { name }).click();
  await p
    .getByRole('navigation', { name: 'Onderdelen van de casus' })
    .getByRole('link', { name })
    .and(p.locator('[aria-current="page"]'))
    .waitFor();
}

/**
 * An accepted signal of the municipality of Utrecht about a man and his company, on which the
 * Tax Administration answered "hit" and the police "no hit".
 */
async function acceptedSignalWithHit(): Promise<SignalDetail> {
  const cast = spec.cast;
  const signal = await newSignal(cast, {
    submitters: ['GM0344'],
    stage: 'triaged',
    subjects: [newPerson(), { kind: 'company', name: `Kapsalon ${uniqueSurname()} B.V.` }],
  });
  const { signal: checked, roundId } = await newRound(cast, {
    signal,
    organisations: ['politie', 'belastingdienst'],
  });
  const asked = checked.rounds.at(-1)?.subjects ?? [];
  for (const [who, answer] of [
    ['belastingdienst', 'hit'],
    ['politie', 'no-hit'],
  ] as const)
    await cast.ok(await cast.staff(who), 'PUT', `/api/v1/hit-check-requests/${roundId}/answers`, {
      answers: asked.map((s) => ({ subjectId: s.id, answer })),
    });
  await cast.ok(await cast.analyst(), 'POST', `/api/v1/hit-check-rounds/${roundId}/close`);
  return cast.ok<SignalDetail>(await cast.chair(), 'POST', `/api/v1/signals/${signal.id}/transitions`, {
    type: 'decided',
    decision: 'accepted',
  });
}

describe('a case from accepted signal to closure, in the browser', () => {
  it('a director starts a case from an accepted signal with the fields filled in from it, in four steps', async () => {
    const signal = await acceptedSignalWithHit();
    // The region's only case director: the form proposes them, and they start the case themselves.
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(`${spec.samenspel.url}/signalen/${signal.id}`);
    await p.getByRole('heading', { level: 1, name: signal.reference }).waitFor();
    const user = counting();
    await user.step(p.getByRole('link', { name: 'Casus starten' }).click());
    await p.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();

    // What the signal says is filled in; the partner with a hit takes part, the one without not.
    await p.getByRole('heading', { name: `Uit signaal ${signal.reference}` }).waitFor();
    await p.getByText('Partners met een hit: Belastingdienst.').waitFor();
    expect(await p.getByLabel(new RegExp(`^${signal.reference}`)).isChecked()).toBe(true);
    expect(await p.getByLabel('District').inputValue()).toBe('utrecht-stad');
    expect(await p.getByRole('group', { name: 'Gemeenten' }).getByLabel('Utrecht').isChecked()).toBe(true);
    const participants = p.getByRole('group', { name: 'Deelnemende partners' });
    const partner = (name: string) => participants.getByLabel(name, { exact: true }).isChecked();
    expect(await partner('Gemeente Utrecht')).toBe(true);
    expect(await partner('Belastingdienst')).toBe(true);
    expect(await partner('Politie eenheid Midden-Nederland')).toBe(false);
    expect(
      await p.getByRole('group', { name: "Thema's" }).getByRole('checkbox', { checked: true }).count(),
    ).toBe(1);
    const [man, company] = signal.subjects;
    const subjects = p.getByRole('group', { name: 'Betrokkenen uit het signaal' });
    expect(await subjects.getByLabel(man?.label ?? '', { exact: true }).isChecked()).toBe(true);
    expect(await subjects.getByLabel(`Rol van ${company?.label}`).inputValue()).toBe('main-subject');
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'case-new-from-signal');

    // The user names the case, lets the company be a facilitator, and starts it.
    await user.step(p.getByLabel('Codenaam').fill('Schaar'));
    await user.step(subjects.getByLabel(`Rol van ${company?.label}`).selectOption({ label: 'Facilitator' }));
    await user.step(p.getByRole('button', { name: 'Casus starten' }).click());
    await p.getByRole('heading', { level: 1, name: 'Schaar' }).waitFor();
    await p.getByText('De casus is gestart. Volgende stap: Doel en strategie vastleggen.').waitFor();
    expect(user.count).toBe(4);
    await openTab(p, 'Betrokkenen en netwerk');
    await p.getByText(`Hoofdsubject: ${man?.label}`).waitFor();
    await p.getByText(`Facilitator: ${company?.label}`).waitFor();
    // On the signal, the way to the case replaces the button.
    await p.goto(`${spec.samenspel.url}/signalen/${signal.id}`);
    await p.getByRole('link', { name: /^Schaar/ }).waitFor();
    expect(await p.getByRole('link', { name: 'Casus starten' }).count()).toBe(0);
  });

  it('the director follows the next step: goal and strategy, the next phase, partners brought in', async () => {
    const c = await newCase(spec.cast, { participants: ['GM0344'] });
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(caseUrl(c));
    await p.getByRole('link', { name: 'Doel en strategie vastleggen' }).click();
    await p.getByRole('button', { name: 'Doel en strategie vastleggen' }).click();
    const goal = p.getByRole('form', { name: 'Doel en strategie vastleggen' });
    await goal.getByLabel('Doel').fill('Criminele inkomsten afpakken en het pand sluiten');
    await goal.getByLabel('Strategie').fill('Fiscaal spoor en bestuurlijke sluiting');
    await goal.getByRole('button', { name: 'Vastleggen' }).click();
    await p
      .getByRole('status')
      .getByText('Doel en strategie zijn vastgelegd. Volgende stap: Naar de fase Informatie.')
      .waitFor();
    expect(await goal.count()).toBe(0);
    await p.getByRole('button', { name: 'Naar fase Informatie' }).click();
    await p.getByText('De casus is nu in de fase Informatie.', { exact: false }).waitFor();
    for (const name of ['Politie eenheid Midden-Nederland', 'Belastingdienst']) {
      await p.getByRole('button', { name: 'Partner toevoegen' }).click();
      const add = p.getByRole('form', { name: 'Partner toevoegen' });
      await add.getByLabel('Organisatie').selectOption({ label: name });
      await add.getByLabel('Reden').fill('Eigen bevoegdheden nodig');
      await add.getByRole('button', { name: 'Toevoegen' }).click();
      await p.getByText(`${name} neemt nu deel`, { exact: false }).waitFor();
    }
    // The header above every tab names the partners taking part now.
    await p.getByText('Gemeente Utrecht, Politie eenheid Midden-Nederland, Belastingdienst').waitFor();
  });

  it('removing a partner asks first, and says what it means', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(caseUrl(c, 'overzicht'));
    await p.getByRole('button', { name: 'Belastingdienst verwijderen' }).click();
    const question = p.getByRole('alertdialog', { name: 'Belastingdienst verwijderen uit de casus?' });
    await question.getByText('verliezen direct de toegang', { exact: false }).waitFor();
    await question.getByRole('button', { name: 'Ja, verwijder Belastingdienst' }).click();
    await question.getByText('Geef de reden.').waitFor();
    await question.getByLabel('Reden').fill('Rol vervuld');
    await question.getByRole('button', { name: 'Ja, verwijder Belastingdienst' }).click();
    await p
      .getByText('Belastingdienst neemt niet meer deel en heeft geen toegang meer tot de casus.')
      .waitFor();
    await p
      .getByRole('row', { name: /Belastingdienst/ })
      .getByText(/Vertrokken op .*: Rol vervuld/)
      .waitFor();
  });

  it('the police and the Tax Administration each provide information under a legal basis', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    for (const [who, basis] of [
      ['politie', 'Wet politiegegevens, art. 16 lid 1 sub c (samenwerkingsverband)'],
      ['belastingdienst', 'Algemene wet inzake rijksbelastingen, art. 43c'],
    ] as const) {
      const p = await spec.visitors.page(await spec.cast.staff(who));
      await p.goto(caseUrl(c, 'informatie'));
      await p.getByRole('button', { name: 'Informatie verstrekken' }).click();
      const form = p.getByRole('form', { name: 'Informatie verstrekken' });
      await form.getByLabel('Titel').fill(`Gegevens van ${who}`);
      await form.getByLabel('Inhoud').fill('Relevante gegevens voor deze casus.');
      await form.getByRole('button', { name: 'Toevoegen' }).click();
      await form.getByText('Kies een grondslag voor de verstrekking.').waitFor();
      await form.getByLabel('Grondslag').selectOption({ label: basis });
      await form.getByRole('button', { name: 'Toevoegen' }).click();
      await p.getByText(`De verstrekking is vastgelegd onder ${basis}.`, { exact: false }).waitFor();
      await p.getByRole('region', { name: 'Verstrekkingen' }).getByText(`Gegevens van ${who}`).waitFor();
    }
  });

  it('keeps the case hidden from a municipality that does not take part', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const outsider = await spec.visitors.page(await spec.cast.staff('GM0307'));
    await outsider.goto(caseUrl(c, 'documenten'));
    await outsider.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
  });

  it('the director takes over a subject from the signal', async () => {
    const surname = uniqueSurname();
    const signal = await newAcceptedSignal(spec.cast, { subjects: [newPerson({ surname })] });
    const c = await newCase(spec.cast, { phase: 'information', participants: partners, fromSignal: signal });
    const label = `Jan ${surname} (12 april 1980)`;
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c, 'betrokkenen'));
    await director.getByRole('button', { name: 'Betrokkene toevoegen' }).click();
    const subject = director.getByRole('form', { name: 'Betrokkene toevoegen' });
    await subject.getByLabel('Rol').selectOption({ label: 'Hoofdsubject' });
    await subject.getByLabel('Uit een signaal').selectOption({ label });
    await subject.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText(`Hoofdsubject: ${label}`).waitFor();
    await director.getByText(`${label} is toegevoegd als Hoofdsubject.`, { exact: false }).waitFor();
  });

  it('the director fills the intervention matrix, a grid of barriers and partners', async () => {
    const c = await newCase(spec.cast, { phase: 'analysis', participants: partners });
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c));
    await director.getByRole('link', { name: 'Interventiematrix invullen' }).click();
    for (const [intervention, partner, chosen] of [
      ['Fiscaal: Boekenonderzoek', 'Belastingdienst', true],
      ['Bestuurlijk: Sluiting pand (Opiumwet 13b)', 'Gemeente Utrecht', false],
    ] as const) {
      await director.getByRole('button', { name: 'Regel in de matrix' }).click();
      const matrix = director.getByRole('form', { name: 'Regel in de matrix' });
      await matrix.getByLabel('Barrière of kans').fill('Contante omzet zonder administratie');
      await matrix.getByLabel('Interventie').selectOption({ label: intervention });
      await matrix.getByLabel('Partner').selectOption({ label: partner });
      if (chosen) await matrix.getByLabel('Gekozen in de strategie').check();
      await matrix.getByRole('button', { name: 'Toevoegen' }).click();
      await director.getByText('De regel staat in de matrix', { exact: false }).waitFor();
    }
    const grid = director.getByRole('table', { name: /Barrières en kansen/ });
    const row = grid.getByRole('row', { name: /Contante omzet zonder administratie/ });
    const cells = row.getByRole('cell');
    // A column per partner taking part; in each cell what that partner brings against the barrier.
    const columns = await grid.getByRole('columnheader').allTextContents();
    expect(columns[0]).toBe('Barrière of kans');
    expect([...columns.slice(1)].sort()).toEqual([
      'Belastingdienst',
      'Gemeente Utrecht',
      'Politie eenheid Midden-Nederland',
    ]);
    const cell = (partner: string) => cells.nth(columns.indexOf(partner) - 1).textContent();
    expect(await cell('Gemeente Utrecht')).toContain('Sluiting pand (Opiumwet 13b)');
    expect(await cell('Politie eenheid Midden-Nederland')).toContain('geen interventie');
    expect(await cell('Belastingdienst')).toContain('Boekenonderzoek (Fiscaal) — gekozen');
    await director.getByText('Volgende stap: Advies geven aan een partner').waitFor();
  });

  it('the director records communication about the case', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c, 'informatie'));
    await director.getByRole('button', { name: 'Communicatie vastleggen' }).click();
    const communication = director.getByRole('form', { name: 'Communicatie vastleggen' });
    await communication.getByLabel('Kanaal').fill('Bewonersbrief');
    await communication.getByLabel('Omschrijving').fill('Buurt geïnformeerd over de aanpak');
    await communication.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Bewonersbrief: Buurt geïnformeerd over de aanpak', { exact: false }).waitFor();
  });

  it('the police attach a described document, after one whose content does not match its type is refused', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const police = await spec.visitors.page(await spec.cast.staff('politie'));
    await police.goto(caseUrl(c, 'documenten'));
    await police.getByRole('button', { name: 'Document toevoegen' }).click();
    const upload = police.getByRole('form', { name: 'Document toevoegen' });
    await upload.getByLabel(/^Bestand/).setInputFiles({
      name: 'factuur.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ geen pdf'),
    });
    // The title follows the file's name; kind and classification are the user's to choose.
    expect(await upload.getByLabel('Titel').inputValue()).toBe('factuur');
    await upload.getByRole('button', { name: 'Uploaden' }).click();
    await upload.getByText('De inhoud van het bestand past niet bij het bestandstype.').waitFor();
    await upload.getByText('Kies het soort document.').waitFor();
    await upload.getByText('Kies de rubricering.').waitFor();
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
      Buffer.alloc(200_000, 7),
    ]);
    await upload
      .getByLabel(/^Bestand/)
      .setInputFiles({ name: 'pv-2026-114.pdf', mimeType: 'application/pdf', buffer: pdf });
    await upload.getByLabel('Titel').fill('Proces-verbaal van bevindingen');
    await upload.getByLabel('Soort document').selectOption({ label: 'Proces-verbaal' });
    await upload.getByLabel('Rubricering').selectOption({ label: 'Vertrouwelijk' });
    await upload.getByRole('button', { name: 'Uploaden' }).click();
    await police
      .getByText('“Proces-verbaal van bevindingen” is versleuteld opgeslagen.', { exact: false })
      .waitFor();
    const row = police.getByRole('row', { name: /Proces-verbaal van bevindingen/ });
    expect(await row.textContent()).toContain('Vertrouwelijk');
    expect(await row.textContent()).toContain('pv-2026-114.pdf');
    const link = row.getByRole('link', { name: 'Proces-verbaal van bevindingen' });
    const download = await police.request.get(`${spec.samenspel.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), pdf)).toBe(0);
  });

  it('the chair gives the case a priority for this quarter', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const chair = await spec.visitors.page(await spec.cast.chair());
    await chair.goto(caseUrl(c));
    await chair.getByRole('button', { name: 'Prioriteit zetten (DTO)' }).click();
    const priority = chair.getByRole('form', { name: 'Prioriteit zetten (DTO)' });
    await priority.getByLabel('Prioriteit').selectOption('1');
    await priority.getByRole('button', { name: 'Vastleggen' }).click();
    await chair.getByText('Prioriteit dit kwartaal: 1').waitFor();
  });

  it('the director gives an advice and moves the case on to the intervention phase', async () => {
    const c = await newCase(spec.cast, { phase: 'analysis', participants: partners });
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c, 'matrix'));
    await director.getByRole('button', { name: 'Advies geven' }).click();
    const advice = director.getByRole('form', { name: 'Advies geven' });
    await advice.getByLabel('Soort').selectOption({ label: 'Fiscaal' });
    await advice.getByLabel('Partner').selectOption({ label: 'Belastingdienst' });
    await advice.getByLabel('Omschrijving').fill('Boekenonderzoek en navordering');
    await advice.getByRole('button', { name: 'Advies geven' }).click();
    await director.getByText('Het advies aan Belastingdienst is gegeven.', { exact: false }).waitFor();
    await director.getByRole('row', { name: /Boekenonderzoek en navordering.*gegeven/ }).waitFor();
    await openTab(director, 'Overzicht');
    await director.getByRole('button', { name: 'Naar fase Interventie' }).click();
    await director
      .getByText('Volgende stap: Interventie vastleggen op het advies aan Belastingdienst', { exact: false })
      .first()
      .waitFor();
  });

  /**
   * A case in the intervention phase with the director's fiscal advice to the Tax Administration;
   * started and advised `daysAgo` days ago.
   */
  async function caseWithAdvice(daysAgo = 0) {
    const c = await newCase(spec.cast, {
      phase: 'intervention',
      participants: partners,
      startedOn: dutchDay(-daysAgo),
    });
    const detail = await spec.cast.ok<CaseDetail>(
      await spec.cast.director(),
      'POST',
      `/api/v1/cases/${c.id}/advices`,
      {
        kind: 'fiscal',
        organisationId: await spec.cast.org('belastingdienst'),
        givenOn: dutchDay(-daysAgo),
        description: 'Boekenonderzoek en navordering',
      },
    );
    const advice = detail.advices.at(-1);
    if (!advice) throw new Error('no advice given');
    return { c: detail, adviceId: advice.id };
  }

  it('the Tax Administration records an intervention on the advice', async () => {
    const { c } = await caseWithAdvice();
    const tax = await spec.visitors.page(await spec.cast.staff('belastingdienst'));
    await tax.goto(caseUrl(c));
    await tax.getByRole('link', { name: /Interventie vastleggen op het advies aan Belastingdienst/ }).click();
    await tax.getByRole('button', { name: 'Interventie vastleggen' }).click();
    const intervention = tax.getByRole('form', { name: 'Interventie vastleggen' });
    // The only open advice is proposed, and its kind with it.
    expect(await intervention.getByLabel('Op advies').inputValue()).toBe(c.advices[0]?.id);
    expect(await intervention.getByLabel('Soort').inputValue()).toBe('fiscal');
    await intervention.getByLabel('Omschrijving').fill('Navorderingsaanslag opgelegd');
    await intervention.getByRole('button', { name: 'Toevoegen' }).click();
    await tax.getByRole('row', { name: /Navorderingsaanslag opgelegd/ }).waitFor();
    await tax.getByText('Volgende stap: Naar de fase Evaluatie').waitFor();
  });

  it('the Tax Administration records a confiscation with its own dates, refusing a negative amount, and a later collection', async () => {
    const { c, adviceId } = await caseWithAdvice(30);
    await spec.cast.ok(
      await spec.cast.staff('belastingdienst'),
      'POST',
      `/api/v1/cases/${c.id}/interventions`,
      { adviceId, kind: 'fiscal', carriedOutOn: dutchDay(-20), description: 'Navorderingsaanslag opgelegd' },
    );
    const tax = await spec.visitors.page(await spec.cast.staff('belastingdienst'));
    await tax.goto(caseUrl(c, 'interventies'));
    await tax.getByRole('button', { name: 'Resultaat vastleggen' }).click();
    const result = tax.getByRole('form', { name: 'Resultaat vastleggen' });
    // Amounts only for a confiscation; a count for the rest.
    await result.getByLabel('Soort').selectOption({ label: 'Aanhouding' });
    expect(await result.getByLabel('Opgelegd bedrag (euro)').count()).toBe(0);
    await result.getByLabel('Aantal').waitFor();
    await result.getByLabel('Soort').selectOption({ label: 'Afpakken' });
    expect(await result.getByLabel('Aantal').count()).toBe(0);
    expect(await result.getByLabel('Datum van innen').count()).toBe(0);
    await result.getByLabel('Opgelegd bedrag (euro)').fill('-5');
    await result.getByRole('button', { name: 'Toevoegen' }).click();
    await result.getByText('Een bedrag kan niet negatief zijn.').waitFor();
    await result.getByLabel('Opgelegd bedrag (euro)').fill('120.000');
    await result.getByLabel('Datum van opleggen').fill(dutchDay(-10));
    await result.getByLabel('Al geïnd (euro)').fill('30.000');
    await result.getByLabel('Datum van innen').fill(dutchDay(-3));
    await result.getByRole('button', { name: 'Toevoegen' }).click();
    await tax.getByText('Het resultaat is vastgelegd voor Belastingdienst.', { exact: false }).waitFor();
    // Each amount on its own date, as people write dates.
    const row = tax.getByRole('row', { name: /^Afpakken/ });
    expect(await row.textContent()).toContain(`€ 120.000 op ${dutchDate(dutchDay(-10))}`);
    expect(await row.textContent()).toContain(`geïnd € 30.000 op ${dutchDate(dutchDay(-3))}`);
    await tax.getByText('Nog open op opgelegde afpakbedragen: € 90.000.').waitFor();

    // What comes in later is its own small form.
    await tax.getByRole('button', { name: 'Inning of verrekening vastleggen' }).click();
    const later = tax.getByRole('form', { name: 'Inning of verrekening vastleggen' });
    await later.getByLabel('Bedrag (euro)').fill('40.000');
    await later.getByRole('button', { name: 'Toevoegen' }).click();
    await tax.getByText('Nog open op dit afpakbedrag: € 50.000.', { exact: false }).waitFor();
    expect(await axeViolations(tax)).toEqual([]);
  });

  it("the director records the Tax Administration's result on its intervention, credited to the Tax Administration", async () => {
    const { c, adviceId } = await caseWithAdvice();
    await spec.cast.ok(
      await spec.cast.staff('belastingdienst'),
      'POST',
      `/api/v1/cases/${c.id}/interventions`,
      { adviceId, kind: 'fiscal', carriedOutOn: dutchDay(), description: 'Navorderingsaanslag opgelegd' },
    );
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c, 'interventies'));
    await director.getByRole('button', { name: 'Resultaat vastleggen' }).click();
    const result = director.getByRole('form', { name: 'Resultaat vastleggen' });
    await result.getByLabel('Soort').selectOption({ label: 'Afpakken' });
    await result.getByLabel('Resultaat van interventie').selectOption({ index: 1 });
    // The partner follows the intervention: the Tax Administration's, not the director's RIEC.
    expect(await result.getByLabel('Partner', { exact: true }).inputValue()).toBe(
      await spec.cast.org('belastingdienst'),
    );
    await result.getByLabel('Opgelegd bedrag (euro)').fill('15.000');
    await result.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Het resultaat is vastgelegd voor Belastingdienst.', { exact: false }).waitFor();
    expect(await director.getByRole('row', { name: /^Afpakken/ }).textContent()).toContain('Belastingdienst');
  });

  it('closing a case asks first, and the list shows its lead times', async () => {
    const c = await newCase(spec.cast, { phase: 'intervention', participants: partners, codeName: 'Schaar' });
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(caseUrl(c));
    await p.getByRole('button', { name: 'Naar fase Evaluatie' }).click();
    await p.getByRole('link', { name: 'Casus evalueren' }).click();
    await p.getByRole('button', { name: 'Evalueren' }).click();
    const form = p.getByRole('form', { name: 'Evalueren' });
    await form.getByLabel('Wat werkte', { exact: true }).fill('Het fiscale spoor');
    await form.getByLabel('Wat werkte niet').fill('De informatie kwam laat');
    await form.getByLabel('Lessen').fill('Eerder de Belastingdienst betrekken');
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await p.getByText('De evaluatie is vastgelegd.', { exact: false }).waitFor();

    // A final step: asked first; "Annuleren" leaves the case as it is.
    await p.getByRole('button', { name: 'Casus sluiten' }).click();
    const question = p.getByRole('alertdialog', { name: 'Casus sluiten?' });
    await question.getByText('neemt hij geen wijzigingen meer aan', { exact: false }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'case-close-question');
    await question.getByRole('button', { name: 'Annuleren' }).click();
    expect(await question.count()).toBe(0);
    // The dialog gives focus back as it closes, which may come a moment after it left the page.
    await expect
      .poll(() => p.evaluate(() => document.activeElement?.textContent), {
        message: 'focus returns to the button that asked',
      })
      .toBe('Casus sluiten');
    expect(
      (await spec.cast.ok<CaseDetail>(await spec.cast.director(), 'GET', `/api/v1/cases/${c.id}`)).phase,
    ).toBe('evaluation');
    await p.getByRole('button', { name: 'Casus sluiten' }).click();
    await question.getByRole('button', { name: 'Ja, sluit de casus' }).click();
    await p.getByText('De casus is gesloten op', { exact: false }).first().waitFor();
    await p
      .getByRole('list', { name: 'Fasen van de casus' })
      .locator('[aria-current="step"]', { hasText: 'Gesloten' })
      .waitFor();

    await p.goto(`${spec.samenspel.url}/casussen`);
    const row = p.getByRole('row', { name: new RegExp(c.reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Schaar');
    expect(await row.textContent()).toContain('Gesloten');
    // Two districts each have a theme "Buitengebied": the filter names their district.
    const themes = await p.getByLabel('Thema', { exact: true }).locator('option').allTextContents();
    expect(new Set(themes).size).toBe(themes.length);
    expect(themes.filter((x) => x.startsWith('Buitengebied ('))).toHaveLength(2);
  });

  it('every tab of the case is accessible, at 1366 and at 390 pixels wide', async () => {
    const { c } = await caseWithAdvice();
    const cast = spec.cast;
    const director = await cast.director();
    await cast.ok(director, 'POST', `/api/v1/cases/${c.id}/matrix`, {
      barrier: 'Contante omzet',
      catalogueId: (
        await cast.ok<{ interventions: Array<{ id: string }> }>(director, 'GET', '/api/v1/case-configuration')
      ).interventions[0]?.id,
      organisationId: await cast.org('belastingdienst'),
      chosen: true,
    });
    for (const width of [1366, 390]) {
      const p = await spec.visitors.page(director, { viewport: { width, height: 900 } });
      await p.goto(caseUrl(c));
      for (const [tab, slug] of [
        ['Overzicht', 'overzicht'],
        ['Betrokkenen en netwerk', 'betrokkenen'],
        ['Informatie', 'informatie'],
        ['Matrix en adviezen', 'matrix'],
        ['Interventies en resultaten', 'interventies'],
        ['Documenten', 'documenten'],
        ['Geschiedenis', 'geschiedenis'],
      ] as const) {
        await openTab(p, tab);
        // The first tab is current before its link is followed: wait for the address, not the mark.
        await p.waitForURL(caseUrl(c, slug));
        await p.getByRole('heading', { level: 1, name: c.codeName }).waitFor();
        await p.getByText('Bezig met laden').waitFor({ state: 'detached' });
        expect(await axeViolations(p), `${tab} at ${width}`).toEqual([]);
        await screenshot(p, `case-${slug}-${width}`);
      }
      // The back button returns to the tab before.
      await p.goBack();
      await p.waitForURL(caseUrl(c, 'documenten'));
    }
  });
});
