import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { signInThroughApi, startSamenspel } from './src/server.ts';

let samenspel: Awaited<ReturnType<typeof startSamenspel>>;
let browser: Browser;
const pages = new Map<string, { context: BrowserContext; page: Page }>();
let signalUrl = '';

async function pageFor(name: string, roles: Parameters<typeof createUser>[2]): Promise<Page> {
  const user = await createUser(samenspel.database.db, samenspel.keys, roles);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await signInThroughApi(context, samenspel, user);
  const page = await context.newPage();
  pages.set(name, { context, page });
  return page;
}

beforeAll(async () => {
  samenspel = await startSamenspel();
  browser = await launchBrowser();
  await pageFor('gemeente', { roles: ['partner_staff'], organisationCode: 'GM0344' });
  await pageFor('analist', { roles: ['riec_analyst'] });
  await pageFor('politie', { roles: ['partner_staff'], organisationCode: 'politie' });
  await pageFor('belastingdienst', { roles: ['partner_staff'], organisationCode: 'belastingdienst' });
  await pageFor('voorzitter', { roles: ['meeting_chair'], organisationCode: 'politie' });
});

afterAll(async () => {
  for (const { context } of pages.values()) await context.close();
  await browser?.close();
  await samenspel?.close();
});

function page(name: string): Page {
  const found = pages.get(name);
  if (!found) throw new Error(name);
  return found.page;
}

async function addSubject(p: Page, kind: string, values: Record<string, string>, index: number) {
  await p.getByLabel('Betrokkene toevoegen').selectOption({ label: kind });
  await p.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  const group = p.getByRole('group', { name: `${kind} ${index}` });
  for (const [label, value] of Object.entries(values))
    await group.getByLabel(label, { exact: true }).fill(value);
}

describe('a signal from intake to the DTO decision, as five users', () => {
  it('the municipality submits a signal with two persons and a company, after fixing a wrong BSN', async () => {
    const p = page('gemeente');
    await p.goto(samenspel.url);
    await p.getByRole('link', { name: 'Signalen' }).click();
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
    await summary.getByText('Dit BSN klopt niet (elfproef).').waitFor();
    const bsn = p.getByRole('group', { name: 'Persoon 1' }).getByLabel('BSN', { exact: true });
    expect(await bsn.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'signal-intake-errors');

    await bsn.fill('111222333');
    await p.getByRole('button', { name: 'Indienen' }).click();
    await p.getByRole('heading', { level: 1, name: /^SIG-\d{4}-\d{4}$/ }).waitFor();
    signalUrl = p.url();
    expect(await p.getByText('Jan van der Berg (1980-04-12)', { exact: false }).count()).toBe(1);
    expect(await axeViolations(p)).toEqual([]);
  });

  it('the analyst records the LOO, the joint note and the triage, and starts a round with the legal test', async () => {
    const p = page('analist');
    await p.goto(signalUrl);
    const steps = p.getByRole('region', { name: 'Volgende stap' });
    await steps.getByLabel('Toelichting').fill('Besproken in het LOO Utrecht-Stad');
    await steps.getByRole('button', { name: 'Vastleggen' }).click();
    await p.getByText('Besproken in het LOO', { exact: false }).first().waitFor();
    await p.getByRole('listitem').filter({ hasText: 'Besproken in het LOO' }).first().waitFor();

    await steps
      .getByLabel('Gezamenlijke onderbouwing')
      .fill('Gemeente en politie zien samen aanwijzingen voor witwassen.');
    await steps.getByRole('button', { name: 'Vastleggen' }).click();
    await steps.getByLabel('Reden').waitFor();
    await steps.getByLabel('Reden').fill('Meerdere partners nodig');
    await steps.getByRole('button', { name: 'Vastleggen' }).click();

    await steps.getByLabel('Volgende stap').selectOption({ label: 'Hit/no-hit-ronde starten' });
    await steps
      .getByLabel('Noodzaak')
      .fill('Zonder bevraging is niet te wegen of een integrale aanpak nodig is.');
    await steps.getByLabel('Proportionaliteit').fill('Drie betrokkenen, twee partners.');
    await steps.getByLabel('Subsidiariteit').fill('Openbare bronnen zijn al geraadpleegd.');
    await steps.getByLabel('Politie eenheid Midden-Nederland').check();
    await steps.getByLabel('Belastingdienst', { exact: true }).check();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'signal-start-round');
    await steps.getByRole('button', { name: 'Vastleggen' }).click();
    await p.getByRole('heading', { level: 2, name: 'Hit/no-hit-rondes' }).waitFor();
  });

  it('the police and the Tax Administration answer from their inbox, seeing only what they need', async () => {
    for (const [name, answers] of [
      ['politie', ['Hit', 'Geen hit', 'Hit']],
      ['belastingdienst', ['Hit', 'Kan niet nagaan', 'Geen hit']],
    ] as const) {
      const p = page(name);
      await p.goto(samenspel.url);
      await p.getByRole('link', { name: 'Hit/no-hit' }).click();
      await p.getByRole('heading', { level: 1, name: 'Hit/no-hit-verzoeken' }).waitFor();
      const groups = p.getByRole('group', { name: /^Antwoord voor/ });
      await groups.first().waitFor();
      expect(await groups.count()).toBe(3);
      const text = await p.getByRole('main').textContent();
      expect(text).toContain('Naam: Jan van der Berg, Geboortedatum: 1980-04-12');
      expect(text).toContain('KvK-nummer: 30123456');
      expect(text).not.toContain('111222333');
      expect(text).not.toContain('contante omzet');
      for (const [i, answer] of answers.entries())
        await groups.nth(i).getByLabel(answer, { exact: true }).check();
      if (name === 'belastingdienst') {
        expect(await axeViolations(p)).toEqual([]);
        await screenshot(p, 'hit-check-inbox');
      }
      await p.getByRole('button', { name: 'Antwoorden versturen' }).click();
      await p.getByText('Uw antwoorden zijn vastgelegd.').waitFor();
      // The police submitted the signal with the municipality; the Tax Administration sees nothing of it.
      const response = await p.request.get(signalUrl.replace('/signalen/', '/api/v1/signals/'));
      expect(response.status()).toBe(name === 'politie' ? 200 : 404);
    }
  });

  it('the analyst sees the answer matrix and closes the round; the chair sees hits per subject and accepts', async () => {
    const analyst = page('analist');
    await analyst.goto(signalUrl);
    const matrix = analyst.getByRole('table', { name: /^Ronde tot/ });
    await matrix.waitFor();
    expect(await matrix.getByRole('row', { name: /Jan van der Berg/ }).textContent()).toMatch(/Hit.*Hit/);
    await analyst.getByRole('button', { name: 'Ronde sluiten' }).click();
    await analyst.getByText('(gesloten)', { exact: false }).waitFor();

    const chair = page('voorzitter');
    await chair.goto(signalUrl);
    await chair.getByText('Jan van der Berg (1980-04-12): 2 van 2 partners hit').waitFor();
    expect(await chair.getByRole('table', { name: /^Ronde tot/ }).count()).toBe(0);
    const steps = chair.getByRole('region', { name: 'Volgende stap' });
    await steps.getByLabel('Geaccepteerd als casus').check();
    await steps.getByLabel('Toelichting').fill('Integrale casus starten');
    expect(await axeViolations(chair)).toEqual([]);
    await steps.getByRole('button', { name: 'Vastleggen' }).click();
    await chair.getByText('Geaccepteerd als casus', { exact: false }).first().waitFor();
    await chair.getByRole('listitem').filter({ hasText: 'Besluit: Geaccepteerd als casus' }).waitFor();
    await screenshot(chair, 'signal-decided');

    // The lead times on the page are the ones the events give.
    const detail = await (
      await chair.request.get(signalUrl.replace('/signalen/', '/api/v1/signals/'))
    ).json();
    const at = (type: string) =>
      new Date(detail.events.find((e: { type: string }) => e.type === type).at).getTime();
    const days = (a: string, b: string) =>
      String(Math.round(((at(b) - at(a)) / 86_400_000) * 10) / 10).replace('.', ',');
    expect(await chair.getByTestId('lead-intakeToDecision').textContent()).toBe(days('received', 'decided'));
    expect(await chair.getByTestId('lead-intakeToLoo').textContent()).toBe(days('received', 'discussed'));
    expect(await chair.getByTestId('lead-triageToDecision').textContent()).toBe(days('triaged', 'decided'));
  });

  it('shows the board by stage, usable by keyboard, and the municipality sees the decision', async () => {
    const analyst = page('analist');
    await analyst.goto(`${samenspel.url}/signalen?weergave=bord`);
    const column = analyst.getByRole('region', { name: /^Besloten \(1\)$/ });
    await column.waitFor();
    const card = column.getByRole('link', { name: /^SIG-/ });
    await card.focus();
    await analyst.keyboard.press('Enter');
    await analyst.getByRole('heading', { level: 2, name: 'Tijdlijn' }).waitFor();
    await analyst.goto(`${samenspel.url}/signalen?weergave=bord`);
    await column.waitFor();
    expect(await axeViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'signal-board');

    // The closed round moves to the closed requests in the partner's inbox.
    const tax = page('belastingdienst');
    await tax.goto(`${samenspel.url}/hit-no-hit`);
    await tax.getByText('Gesloten verzoeken (1)').waitFor();
    expect(await tax.getByRole('button', { name: 'Antwoorden versturen' }).count()).toBe(0);

    const municipality = page('gemeente');
    await municipality.goto(`${samenspel.url}/signalen`);
    await municipality.getByRole('cell', { name: 'Geaccepteerd als casus' }).waitFor();
  });

  it('saves a draft and lets the municipality take it up again and submit it', async () => {
    const p = page('gemeente');
    await p.goto(`${samenspel.url}/signalen/nieuw`);
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
