import type { HitAnswer, SignalDetail } from '@samenspel/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  dutchDay,
  type NewSubject,
  newAcceptedSignal,
  newBsn,
  newPerson,
  newRound,
  newSignal,
  uniqueSurname,
} from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

async function addSubject(p: Page, kind: string, values: Record<string, string>, index: number) {
  await p.getByLabel('Betrokkene toevoegen').selectOption({ label: kind });
  await p.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  const group = p.getByRole('group', { name: `${kind} ${index}` });
  for (const [label, value] of Object.entries(values))
    await group.getByLabel(label, { exact: true }).fill(value);
}

const signalUrl = (signal: SignalDetail) => `${spec.samenspel.url}/signalen/${signal.id}`;

/**
 * The subjects of the signal the municipality submits in the browser: two persons (the first
 * with a BSN) and a company, with names no other test of the file uses.
 */
function threeSubjects() {
  const surname = uniqueSurname();
  const bsn = newBsn();
  const subjects: NewSubject[] = [
    newPerson({ prefix: 'van der', surname, bsn }),
    newPerson({ firstNames: 'Fatima', dateOfBirth: '1991-11-02' }),
    { kind: 'company', name: `Kapsalon ${surname} B.V.`, kvkNumber: '30123456' },
  ];
  return { name: `Jan van der ${surname}`, bsn, subjects };
}

/** What the police and the Tax Administration answer, per subject in the order of `threeSubjects`. */
const answersOf = {
  politie: ['hit', 'no-hit', 'hit'],
  belastingdienst: ['hit', 'cannot-check', 'no-hit'],
} as const satisfies Record<string, readonly HitAnswer[]>;

/** A signal with `threeSubjects` in a round with the police and the Tax Administration. */
async function signalInRound(options: { answered?: boolean; closed?: boolean } = {}) {
  const who = threeSubjects();
  const triaged = await newSignal(spec.cast, { stage: 'triaged', subjects: who.subjects });
  let { signal, roundId } = await newRound(spec.cast, { signal: triaged });
  if (options.answered)
    for (const [organisation, answers] of Object.entries(answersOf))
      await spec.cast.ok(
        await spec.cast.staff(organisation),
        'PUT',
        `/api/v1/hit-check-requests/${roundId}/answers`,
        {
          answers: signal.subjects.map((s, i) => ({ subjectId: s.id, answer: answers[i] })),
        },
      );
  if (options.closed)
    signal = await spec.cast.ok<SignalDetail>(
      await spec.cast.analyst(),
      'POST',
      `/api/v1/hit-check-rounds/${roundId}/close`,
    );
  return { ...who, signal, roundId };
}

describe('a signal from intake to the DTO decision, as five users', () => {
  it('the municipality submits a signal with two persons and a company, after fixing a wrong BSN', async () => {
    const p = await spec.visitors.page(await spec.cast.staff('GM0344'));
    // From the start page, "Mijn werk", where the organisation's signals are.
    await p.goto(spec.samenspel.url);
    await p.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    await p.getByRole('link', { name: 'Nieuw signaal' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nieuw signaal' }).waitFor();
    await p.getByLabel('Mede-indiener toevoegen').selectOption({ label: 'Politie eenheid Midden-Nederland' });
    await p
      .getByLabel('Omschrijving')
      .fill('Kapsalon met veel contante omzet, wisselende huurders en dure auto’s voor de deur.');
    await p.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Utrecht' });
    await p.getByRole('group', { name: "Thema's" }).getByRole('checkbox').first().check();
    await addSubject(
      p,
      'Persoon',
      {
        Voornamen: 'Jan',
        Tussenvoegsel: 'van der',
        Achternaam: 'Berg',
        Geboortedatum: '1980-04-12',
        BSN: '123456789',
      },
      1,
    );
    // The name as matching reads it, from the contracts' parseName, also when typed in one field.
    const person = p.getByRole('group', { name: 'Persoon 1' });
    await person
      .getByText('Samenspel leest deze naam als: voorletters J. · tussenvoegsel van der · achternaam Berg')
      .waitFor();
    await person.getByLabel('Tussenvoegsel', { exact: true }).fill('');
    await person.getByLabel('Achternaam', { exact: true }).fill('v.d. Berg');
    await person.getByText('tussenvoegsel van de · achternaam Berg', { exact: false }).waitFor();
    await person.getByLabel('Tussenvoegsel', { exact: true }).fill('van der');
    await person.getByLabel('Achternaam', { exact: true }).fill('Berg');
    await addSubject(
      p,
      'Persoon',
      { Voornamen: 'Fatima', Achternaam: 'El Amrani', Geboortedatum: '1991-11-02' },
      2,
    );
    await addSubject(p, 'Onderneming', { Naam: 'Kapsalon De Schaar B.V.', 'KvK-nummer': '3012 3456' }, 3);
    await p.getByRole('button', { name: 'Indienen' }).click();

    const summary = p.getByRole('alert');
    await summary.getByText('Persoon 1: dit BSN klopt niet (elfproef).').waitFor();
    const bsn = p.getByRole('group', { name: 'Persoon 1' }).getByLabel('BSN', { exact: true });
    expect(await bsn.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'signal-intake-errors');

    await bsn.fill('111222333');
    await p.getByRole('button', { name: 'Indienen' }).click();
    const heading = p.getByRole('heading', { level: 1, name: /^SIG-\d{4}-\d{4}$/ });
    await heading.waitFor();
    const reference = (await heading.textContent()) ?? '';
    await p.getByRole('listitem').filter({ hasText: 'Ontvangen' }).first().waitFor();
    expect(await p.getByText('Jan van der Berg, geboren 12 april 1980', { exact: false }).count()).toBe(1);
    expect(await axeViolations(p)).toEqual([]);
    // Back on the start page, the signal is there as received.
    await p.getByRole('link', { name: 'Mijn werk' }).click();
    await p
      .getByRole('region', { name: 'Signalen van Gemeente Utrecht' })
      .getByRole('listitem')
      .filter({ hasText: reference })
      .filter({ hasText: 'Ontvangen' })
      .waitFor();
  });

  it('the analyst records the LOO, the joint note and the triage, and starts a round with the legal test', async () => {
    const signal = await newSignal(spec.cast, { stage: 'received', subjects: threeSubjects().subjects });
    const p = await spec.visitors.page(await spec.cast.analyst());
    await p.goto(signalUrl(signal));
    const steps = p.getByRole('region', { name: 'Volgende stap' });
    await steps.getByRole('button', { name: 'Bespreking in LOO vastleggen' }).click();
    await steps.getByLabel('Wat is er in het LOO besproken?').fill('Besproken in het LOO Utrecht-Stad');
    // The LOO was held before it is recorded: a date in the future is refused next to the field.
    const date = steps.getByLabel('Datum', { exact: true });
    await date.fill(dutchDay(1));
    await steps.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await steps.getByText('Deze datum ligt in de toekomst.').waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    // Typed the Dutch way, the date is read as one.
    const [year, month, day] = dutchDay(0).split('-');
    await date.fill(`${day}-${month}-${year}`);
    await steps.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await steps.getByText('Volgende stap: de gezamenlijke onderbouwing', { exact: false }).waitFor();
    // What was written stays: in the weighing, and with its step in the timeline.
    const weighing = p.getByRole('region', { name: 'Onderbouwing en weging' });
    await weighing.getByText('Besproken in het LOO Utrecht-Stad').waitFor();
    await p.getByRole('listitem').filter({ hasText: 'Besproken in het LOO Utrecht-Stad' }).first().waitFor();

    await steps.getByRole('button', { name: 'Gezamenlijke onderbouwing vastleggen' }).click();
    await steps
      .getByLabel('Gezamenlijke onderbouwing')
      .fill('Gemeente en politie zien samen aanwijzingen voor witwassen.');
    await steps.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await weighing.getByText('Gemeente en politie zien samen aanwijzingen voor witwassen.').waitFor();
    await steps.getByRole('button', { name: 'Weging vastleggen' }).click();
    await steps.getByLabel('Reden').fill('Meerdere partners nodig');
    await steps.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await weighing.getByText('Meerdere partners nodig').waitFor();

    await steps.getByRole('button', { name: 'Hit/no-hit-ronde starten' }).click();
    await steps
      .getByLabel('Noodzaak')
      .fill('Zonder bevraging is niet te wegen of een integrale aanpak nodig is.');
    await steps.getByLabel('Proportionaliteit').fill('Drie betrokkenen, twee partners.');
    await steps.getByLabel('Subsidiariteit').fill('Openbare bronnen zijn al geraadpleegd.');
    await steps.getByLabel('Politie eenheid Midden-Nederland').check();
    await steps.getByLabel('Belastingdienst', { exact: true }).check();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'signal-start-round');
    await steps.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await p.getByRole('heading', { level: 2, name: 'Hit/no-hit-rondes' }).waitFor();
    await steps.getByText('De ronde is gestart.', { exact: false }).waitFor();
  });

  it('the police and the Tax Administration answer from their inbox, seeing only what they need', async () => {
    const { name, bsn, signal } = await signalInRound();
    const labels = { hit: 'Hit', 'no-hit': 'Geen hit', 'cannot-check': 'Kan niet nagaan' } as const;
    for (const [organisation, answers] of Object.entries(answersOf)) {
      const p = await spec.visitors.page(await spec.cast.staff(organisation));
      await p.goto(spec.samenspel.url);
      await p
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Hit/no-hit' })
        .click();
      await p.getByRole('heading', { level: 1, name: 'Hit/no-hit-verzoeken' }).waitFor();
      // This signal's request, among those of the other tests.
      const request = p
        .getByRole('region', { name: /^Verzoek, antwoord uiterlijk/ })
        .filter({ hasText: `Naam: ${name},` });
      const groups = request.getByRole('group', { name: /^Antwoord voor/ });
      await groups.first().waitFor();
      expect(await groups.count()).toBe(3);
      const text = await request.textContent();
      expect(text).toContain(`Naam: ${name}, Geboortedatum: 12 april 1980`);
      expect(text).toContain('KvK-nummer: 30123456');
      const page = await p.getByRole('main').textContent();
      expect(page).not.toContain(bsn);
      expect(page).not.toContain(signal.description ?? '');
      for (const [i, answer] of answers.entries())
        await groups.nth(i).getByLabel(labels[answer], { exact: true }).check();
      if (organisation === 'belastingdienst') {
        expect(await axeViolations(p)).toEqual([]);
        await screenshot(p, 'hit-check-inbox');
      }
      await request.getByRole('button', { name: 'Antwoorden versturen' }).click();
      await request.getByText('Uw antwoorden zijn vastgelegd.').waitFor();
      // The police submitted the signal with the municipality; the Tax Administration sees nothing of it.
      const response = await p.request.get(`${spec.samenspel.url}/api/v1/signals/${signal.id}`);
      expect(response.status()).toBe(organisation === 'politie' ? 200 : 404);
    }
  });

  it('the analyst sees the answer matrix and closes the round after confirming', async () => {
    const { name, signal } = await signalInRound({ answered: true });
    const analyst = await spec.visitors.page(await spec.cast.analyst());
    await analyst.goto(signalUrl(signal));
    const matrix = analyst.getByRole('table', { name: /^Ronde tot/ });
    await matrix.waitFor();
    expect(await matrix.getByRole('row', { name: `${name}, geboren 12 april 1980` }).textContent()).toMatch(
      /Hit.*Hit/,
    );
    await analyst.getByRole('button', { name: 'Ronde sluiten' }).click();
    // Closing is final: the page asks first, and cancelling changes nothing.
    const question = analyst.getByRole('alertdialog', { name: 'Ronde sluiten?' });
    await question.getByRole('button', { name: 'Annuleren' }).click();
    expect(await analyst.getByText('(gesloten)', { exact: false }).count()).toBe(0);
    await analyst.getByRole('button', { name: 'Ronde sluiten' }).click();
    expect(await axeViolations(analyst)).toEqual([]);
    await question.getByRole('button', { name: 'Ja, sluit de ronde' }).click();
    await analyst.getByText('(gesloten)', { exact: false }).waitFor();
    await analyst.getByText('De ronde is gesloten.', { exact: false }).waitFor();
  });

  it('the chair decides with the substantiation in view: reads the weighing, chooses, confirms', async () => {
    const { name, signal } = await signalInRound({ answered: true, closed: true });
    const chair = await spec.visitors.page(await spec.cast.chair());
    await chair.goto(signalUrl(signal));
    await chair.getByText(`${name}, geboren 12 april 1980: 2 van 2 partners hit`).waitFor();
    expect(await chair.getByRole('table', { name: /^Ronde tot/ }).count()).toBe(0);
    // The weighing is on the page before the decision: the joint note, the triage, the legal test.
    const weighing = chair.getByRole('region', { name: 'Onderbouwing en weging' });
    await weighing.getByText('Gemeente en politie onderbouwen samen.').waitFor();
    await weighing.getByText('Meerdere partners nodig').waitFor();
    await weighing.getByText('Zonder bevraging is het signaal niet te wegen.').waitFor();
    const steps = chair.getByRole('region', { name: 'Volgende stap' });
    const actions = { count: 0 };
    const act = async (f: () => Promise<void>) => {
      actions.count += 1;
      await f();
    };
    await act(() => steps.getByRole('button', { name: 'Besluit vastleggen' }).click());
    // Only what applies: the partner to refer to appears once "referred" is chosen.
    expect(await steps.getByLabel('Verwezen naar', { exact: true }).count()).toBe(0);
    await steps.getByLabel('Verwezen naar één partner').check();
    await steps.getByLabel('Verwezen naar', { exact: true }).waitFor();
    await act(() => steps.getByLabel('Geaccepteerd als casus').check());
    expect(await steps.getByLabel('Verwezen naar', { exact: true }).count()).toBe(0);
    await act(() => steps.getByLabel('Toelichting bij het besluit').fill('Integrale casus starten'));
    await act(() => steps.getByRole('button', { name: 'Verder' }).click());
    const question = steps.getByRole('alertdialog', { name: 'Besluit vastleggen?' });
    await question
      .getByText(`Het besluit "Geaccepteerd als casus" over ${signal.reference} is definitief`, {
        exact: false,
      })
      .waitFor();
    expect(await axeViolations(chair)).toEqual([]);
    await screenshot(chair, 'signal-decide-confirm');
    await act(() => question.getByRole('button', { name: 'Ja, leg het besluit vast' }).click());
    await steps.getByText('De casusregisseur kan nu een casus starten', { exact: false }).waitFor();
    expect(actions.count).toBeLessThanOrEqual(5);
    await chair.getByRole('listitem').filter({ hasText: 'Besluit: Geaccepteerd als casus' }).waitFor();
    const outcome = chair.getByRole('region', { name: 'Besluit' });
    await outcome.getByText('Integrale casus starten').waitFor();
    await screenshot(chair, 'signal-decided');

    // The lead times on the page are the ones the events give.
    const detail = await (
      await chair.request.get(`${spec.samenspel.url}/api/v1/signals/${signal.id}`)
    ).json();
    const at = (type: string) =>
      new Date(detail.events.find((e: { type: string }) => e.type === type).at).getTime();
    const days = (a: string, b: string) =>
      String(Math.round(((at(b) - at(a)) / 86_400_000) * 10) / 10).replace('.', ',');
    expect(await chair.getByTestId('lead-intakeToDecision').textContent()).toBe(days('received', 'decided'));
    expect(await chair.getByTestId('lead-intakeToLoo').textContent()).toBe(days('received', 'discussed'));
    expect(await chair.getByTestId('lead-triageToDecision').textContent()).toBe(days('triaged', 'decided'));
  });

  it('the municipality withdraws its own signal only after confirming, and sees no weighing', async () => {
    const signal = await newSignal(spec.cast, { stage: 'triaged', by: 'GM0344' });
    const municipality = await spec.visitors.page(await spec.cast.staff('GM0344'));
    await municipality.goto(signalUrl(signal));
    await municipality.getByRole('heading', { level: 1, name: signal.reference }).waitFor();
    expect(await municipality.getByRole('region', { name: 'Onderbouwing en weging' }).count()).toBe(0);
    expect(await municipality.getByText('Gemeente en politie onderbouwen samen.').count()).toBe(0);
    const steps = municipality.getByRole('region', { name: 'Volgende stap' });
    await steps.getByRole('button', { name: 'Signaal intrekken' }).click();
    await steps.getByLabel('Waarom wordt het signaal ingetrokken?').fill('De huurder is vertrokken.');
    await steps.getByRole('button', { name: 'Verder' }).click();
    const question = steps.getByRole('alertdialog', { name: 'Signaal intrekken?' });
    await question.getByRole('button', { name: 'Ja, trek het signaal in' }).click();
    await steps.getByText('Het signaal is ingetrokken.', { exact: false }).waitFor();
    await municipality
      .getByRole('region', { name: 'Besluit' })
      .getByText('De huurder is vertrokken.')
      .waitFor();
  });

  it('shows the board by open stage, usable by keyboard', async () => {
    const signal = await newSignal(spec.cast, { stage: 'triaged' });
    const decided = await newAcceptedSignal(spec.cast);
    const analyst = await spec.visitors.page(await spec.cast.analyst());
    await analyst.goto(`${spec.samenspel.url}/signalen?weergave=bord`);
    const column = analyst.getByRole('region', { name: /^Gewogen \(\d+\)$/ });
    await column.waitFor();
    // Open stages only: a decided signal is done and has no column.
    expect(await analyst.getByRole('region', { name: /^Besloten/ }).count()).toBe(0);
    expect(await analyst.getByRole('link', { name: decided.reference, exact: true }).count()).toBe(0);
    const card = column.getByRole('link', { name: signal.reference, exact: true });
    await card.focus();
    await analyst.keyboard.press('Enter');
    await analyst.getByRole('heading', { level: 1, name: signal.reference }).waitFor();
    await analyst.getByRole('heading', { level: 2, name: 'Tijdlijn' }).waitFor();
    await analyst.goto(`${spec.samenspel.url}/signalen?weergave=bord`);
    await column.waitFor();
    expect(await axeViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'signal-board');
  });

  it('moves a closed round to the closed requests in the partner’s inbox', async () => {
    const { name } = await signalInRound({ answered: true, closed: true });
    const tax = await spec.visitors.page(await spec.cast.staff('belastingdienst'));
    await tax.goto(`${spec.samenspel.url}/hit-no-hit`);
    const rounds = tax.getByRole('region', { name: /^Verzoek, antwoord uiterlijk/ });
    await tax.getByRole('heading', { level: 1, name: 'Hit/no-hit-verzoeken' }).waitFor();
    await tax.getByText(/^Gesloten verzoeken \(\d+\)$/).click();
    const closed = rounds.filter({ hasText: `Naam: ${name},` });
    await closed.getByText('Deze ronde is gesloten.').waitFor();
    expect(await closed.getByRole('button', { name: 'Antwoorden versturen' }).count()).toBe(0);
    expect(await closed.getByRole('radio').first().isDisabled()).toBe(true);
  });

  it('shows the municipality the decision on its signal', async () => {
    const signal = await newAcceptedSignal(spec.cast, { by: 'GM0344' });
    const municipality = await spec.visitors.page(await spec.cast.staff('GM0344'));
    await municipality.goto(`${spec.samenspel.url}/signalen`);
    await municipality
      .getByRole('row', { name: new RegExp(signal.reference) })
      .getByRole('cell', { name: 'Geaccepteerd als casus' })
      .waitFor();
  });

  it('saves a draft and lets the municipality take it up again and submit it', async () => {
    const p = await spec.visitors.page(await spec.cast.staff('GM0344'));
    await p.goto(`${spec.samenspel.url}/signalen/nieuw`);
    await p
      .getByLabel('Omschrijving')
      .fill('Nog aan te vullen: verdachte activiteit bij een loods aan de rand van de stad.');
    await addSubject(p, 'Voertuig', { Kenteken: '12-abc-3' }, 1);
    await p.getByRole('button', { name: 'Opslaan als concept' }).click();
    await p.getByRole('link', { name: 'Concept verder invullen' }).click();
    await p.getByRole('heading', { level: 1, name: /^Concept SIG-/ }).waitFor();
    expect(await p.getByLabel('Omschrijving').inputValue()).toContain('verdachte activiteit');
    expect(await p.getByRole('group', { name: 'Voertuig 1' }).getByLabel('Kenteken').inputValue()).toBe(
      '12ABC3',
    );
    await p.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Utrecht' });
    await p.getByRole('group', { name: "Thema's" }).getByRole('checkbox').first().check();
    await p.getByRole('button', { name: 'Indienen' }).click();
    await p.getByRole('listitem').filter({ hasText: 'Ontvangen' }).first().waitFor();
    expect(await p.getByRole('link', { name: 'Concept verder invullen' }).count()).toBe(0);
  });
});
