import { readFile } from 'node:fs/promises';
import type { MatchSuggestion } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import {
  addCaseSubject,
  newAdviserInThreeCases,
  newCase,
  newPerson,
  newSignal,
  uniqueSurname,
} from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

async function adviserInThreeCases(options: { confirmed?: boolean } = {}) {
  const found = await newAdviserInThreeCases(spec.cast, { directorship: true, ...options });
  return { ...found, balans: found.caseA };
}

describe('subjects and networks', () => {
  it('shows the analyst a suggestion with its evidence, confirmed by keyboard', async () => {
    const { surname } = await adviserInThreeCases();
    const p = await spec.visitors.page(await spec.cast.analyst());
    await p.goto(`${spec.samenspel.url}/subjecten`);
    // This test's suggestion: the adviser of Haven and of Balans (others may be open beside it).
    const suggestion = p.getByRole('region', {
      name: new RegExp(
        `^Reinier de ${surname} \\(.* is waarschijnlijk dezelfde als Reinier de ${surname} \\(`,
      ),
    });
    await suggestion.waitFor();
    expect(await suggestion.getByText('Geboortedatum gelijk met dag en maand verwisseld').count()).toBe(1);
    await p.getByRole('heading', { name: 'Facilitators bij meerdere casussen of netwerken' }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-suggestions');
    await suggestion.getByRole('button', { name: 'Bevestigen: dezelfde' }).focus();
    await p.keyboard.press('Enter');
    // A merge asks first; the question takes the focus, the next Tab reaches "Ja, voeg samen".
    const question = suggestion.getByRole('alertdialog', { name: 'Samenvoegen?' });
    await question.waitFor();
    await p.keyboard.press('Tab');
    expect(
      await question
        .getByRole('button', { name: 'Ja, voeg samen' })
        .evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await p.keyboard.press('Enter');
    // Decided, the suggestion is no longer open; what happened is said, and the focus is there.
    await suggestion.waitFor({ state: 'detached' });
    const notice = p.getByRole('status').filter({ hasText: `Samengevoegd: Reinier de ${surname}` });
    await notice.waitFor();
    await p.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
    expect(await notice.evaluate((n) => n === document.activeElement)).toBe(true);
    await screenshot(p, 'subjects-suggestion-merged');

    // Undoing asks first too, by keyboard; once undone, the focus goes to the merges' section.
    const merged = p.getByRole('link', { name: new RegExp(`^Reinier de ${surname}`) }).first();
    await merged.click();
    const undo = p.getByRole('button', { name: 'Ongedaan maken' });
    await undo.focus();
    await p.keyboard.press('Enter');
    const undoQuestion = p.getByRole('alertdialog', { name: 'Samenvoeging ongedaan maken?' });
    await undoQuestion.waitFor();
    expect(await undoQuestion.textContent()).toContain(
      'De suggestie dat zij dezelfde zijn staat daarna weer open',
    );
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-undo-question');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await p.getByText(/ongedaan gemaakt op/).waitFor();
    await p.waitForFunction(() => document.activeElement?.id === 'samengevoegd');
  });

  it('pages through the open suggestions, twenty at a time, saying there are more', async () => {
    // Twenty-one people, each seen again under their initials: twenty-one suggestions at least.
    const surnames = Array.from({ length: 21 }, () => uniqueSurname());
    await newSignal(spec.cast, {
      subjects: surnames.map((surname) => newPerson({ firstNames: 'Jan', surname })),
    });
    await newSignal(spec.cast, {
      subjects: surnames.map((surname) => newPerson({ firstNames: 'J.', surname })),
    });
    const p = await spec.visitors.page(await spec.cast.analyst());
    await p.goto(`${spec.samenspel.url}/subjecten`);
    await p.getByText('De 20 meest waarschijnlijke suggesties; er zijn er meer.').waitFor();
    const cards = p.locator('section.samenspel-suggestion');
    expect(await cards.count()).toBe(20);
    await p.getByRole('button', { name: 'Toon 20 suggesties meer' }).click();
    await p.locator('section.samenspel-suggestion').nth(20).waitFor();
    expect(await cards.count()).toBeGreaterThan(20);
    expect(await axeViolations(p)).toEqual([]);
    // Decided, so that the other tests' suggestions are on the first page again.
    const analyst = await spec.cast.analyst();
    const { items } = await spec.cast.ok<{ items: MatchSuggestion[] }>(
      analyst,
      'GET',
      '/api/v1/subjects/suggestions?limit=200',
    );
    for (const x of items.filter((x) => surnames.some((surname) => x.a.label.includes(surname))))
      await spec.cast.ok(analyst, 'POST', `/api/v1/subjects/suggestions/${x.id}/decision`, {
        decision: 'rejected',
      });
  });

  it('explains why two subjects are not suggested as the same ("why not?"), by keyboard', async () => {
    const { surname } = await adviserInThreeCases();
    // His father: the same name, the same day and month, another year.
    await newSignal(spec.cast, {
      subjects: [newPerson({ firstNames: 'Reinier', prefix: 'de', surname, dateOfBirth: '1950-04-12' })],
    });
    const analyst = await spec.cast.analyst();
    const { items } = await spec.cast.ok<{ items: MatchSuggestion[] }>(
      analyst,
      'GET',
      '/api/v1/subjects/suggestions?limit=200',
    );
    const ours = items.find((x) => x.a.label.includes(surname));
    const p = await spec.visitors.page(analyst);
    await p.goto(`${spec.samenspel.url}/subjecten/${ours?.a.id}`);
    const compare = p.getByRole('region', { name: 'Vergelijken: waarom wel of niet dezelfde?' });
    // One character is too little to search: said, not silently ignored.
    await compare.getByLabel('Vergelijk met').fill('R');
    await p.keyboard.press('Enter');
    await compare.getByRole('status').getByText('Typ minstens twee tekens om te zoeken.').waitFor();
    await compare.getByLabel('Vergelijk met').fill(surname);
    await p.keyboard.press('Enter');
    const father = compare.getByRole('button', {
      name: `Vergelijk met Reinier de ${surname} (12 april 1950)`,
    });
    await father.focus();
    await p.keyboard.press('Enter');
    await compare
      .getByRole('status')
      .getByText(
        /^Vergeleken, maar de kans dat het dezelfde persoon is \(\d+%\) ligt onder de drempel van 50%\.$/,
      )
      .waitFor();
    const shared = compare.getByRole('list', { name: 'Gedeelde zoeksleutels' }).getByRole('listitem');
    await shared.first().waitFor();
    // Each kind of key once (a surname with two sounds makes a kind twice).
    const kinds = await shared.allTextContents();
    expect(new Set(kinds.map((k) => k.split(' — ')[0])).size).toBe(kinds.length);
    const evidence = compare.getByRole('table', { name: 'Waarom: wat overeenkomt en hoe sterk' });
    await evidence.getByText('Geboortedatum verschilt').waitFor();
    // Weights signed, with a decimal comma: "+5,9", "-9".
    const weights = await evidence.locator('td.samenspel-numeric').allTextContents();
    expect(weights).toHaveLength(4);
    expect(weights.every((w) => /^([+-]\d+(,\d)?|0)$/.test(w))).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-why-not');
  });

  it('names the household that made a suggestion, and leads to it by keyboard', async () => {
    const home = { postcode: `${7000 + Math.floor(Math.random() * 2000)} QE`, houseNumber: 5 };
    const partners = uniqueSurname();
    const inCase = async (person: Parameters<typeof newPerson>[0]) => {
      const c = await newCase(spec.cast, { participants: ['politie'] });
      const detail = await addCaseSubject(spec.cast, c.id, newPerson(person));
      return detail.subjects.at(-1)?.knownElsewhere.registerId ?? '';
    };
    const her = await inCase({ firstNames: 'Femke', dateOfBirth: '1979-06-14', address: home });
    await inCase({ firstNames: 'Joost', surname: partners, dateOfBirth: '1977-01-30', address: home });
    await inCase({ firstNames: 'F.', surname: partners, dateOfBirth: '1979-06-14' });
    const p = await spec.visitors.page(await spec.cast.analyst());
    await p.goto(`${spec.samenspel.url}/subjecten/${her}`);
    const card = p.getByRole('region', {
      name: new RegExp(`F\\. ${partners} \\(`),
    });
    await card.getByText(/op het adres van de ander woont iemand met die achternaam/).waitFor();
    const household = card.getByRole('link', { name: new RegExp(`^Joost ${partners}`) });
    expect(await household.locator('xpath=..').textContent()).toMatch(
      /^Huishouden: Joost .* staat ingeschreven op het adres van de ander, met die achternaam\.$/,
    );
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-household');
    await household.focus();
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 1, name: new RegExp(`^Joost ${partners}`) }).waitFor();
  });

  it('draws the network around a subject, expands it and exports PNG and GEXF', async () => {
    const { name, company } = await adviserInThreeCases({ confirmed: true });
    const p = await spec.visitors.page(await spec.cast.analyst(), { acceptDownloads: true });
    await p.goto(`${spec.samenspel.url}/subjecten`);
    await p.getByRole('link', { name }).first().click();
    await p.getByRole('heading', { name: 'Waar gezien, volgens welke bron' }).waitFor();
    // Three sources, each as it recorded the adviser.
    const sightings = p.getByRole('table', { name: 'Elke bron houdt haar eigen gegevens (herkomst)' });
    expect(await sightings.getByRole('row').count()).toBe(1 + 3);
    await p
      .getByRole('img', { name: /^Netwerkplaat met/ })
      .locator('canvas')
      .first()
      .waitFor();
    await p.getByRole('table', { name: 'Relaties' }).getByText('bestuurder van').waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-network');
    const [gexf] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download voor Gephi (GEXF)' }).click(),
    ]);
    expect(gexf.suggestedFilename()).toBe('netwerk.gexf');
    const xml = await readFile((await gexf.path()) ?? '', 'utf8');
    expect(xml).toContain('<gexf');
    expect(xml).toContain(company);
    const [png] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download als afbeelding (PNG)' }).click(),
    ]);
    expect((await readFile((await png.path()) ?? '')).subarray(1, 4).toString()).toBe('PNG');
    // Filtering by a relation type the network lacks leaves no relations.
    await p.getByLabel('familie van').check();
    await p.getByText('Er zijn (met deze filters) geen relaties vastgelegd.').waitFor();
  });

  it('shows what each source recorded in Dutch: a person’s address on one line, dates as dates', async () => {
    // The subject page broke on a person with an address (no name for the field, an object shown as text).
    const surname = uniqueSurname();
    await newSignal(spec.cast, {
      subjects: [
        {
          kind: 'person',
          firstNames: 'Rutger',
          surname,
          dateOfBirth: '1971-04-12',
          address: { postcode: '3511 ED', houseNumber: 45, street: 'Stationsplein', town: 'Utrecht' },
        },
      ],
    });
    const p = await spec.visitors.page(await spec.cast.analyst());
    const errors: string[] = [];
    p.on('pageerror', (error) => errors.push(String(error)));
    await p.goto(spec.samenspel.url);
    await p.getByRole('searchbox', { name: 'Zoeken in Samenspel' }).fill(surname);
    await p.keyboard.press('Enter');
    await p.getByRole('link', { name: `Rutger ${surname}`, exact: true }).click();
    const sightings = p.getByRole('table', { name: 'Elke bron houdt haar eigen gegevens (herkomst)' });
    await sightings
      .getByText(
        `voornamen: Rutger, achternaam: ${surname}, geboortedatum: 12 april 1971, adres: Stationsplein 45, 3511 ED Utrecht`,
      )
      .waitFor();
    expect(errors).toEqual([]);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subject-with-address');
  });

  it('keeps the network when its depth and period change', async () => {
    const { name } = await adviserInThreeCases({ confirmed: true });
    const p = await spec.visitors.page(await spec.cast.analyst());
    const errors: string[] = [];
    p.on('pageerror', (error) => errors.push(String(error)));
    await p.goto(`${spec.samenspel.url}/subjecten`);
    await p.getByRole('link', { name }).first().click();
    const relations = p.getByRole('table', { name: 'Relaties' });
    await relations.getByText('bestuurder van').waitFor();
    await p.getByLabel('Diepte').selectOption({ label: '2 stappen' });
    await relations.getByText('bestuurder van').waitFor();
    await p.getByLabel('Diepte').selectOption({ label: '3 stappen' });
    await p.getByLabel('Vanaf').fill('2015-01-01');
    await p.getByLabel('Tot en met').fill('2020-12-31');
    await relations.getByText('bestuurder van').waitFor();
    await p.getByLabel('Vanaf').fill('');
    await p.getByLabel('Diepte').selectOption({ label: '1 stap' });
    await relations.getByText('bestuurder van').waitFor();
    await p.getByRole('img', { name: /^Netwerkplaat met/ }).waitFor();
    expect(errors).toEqual([]);
  });

  it('tells a partner only that the adviser is known elsewhere', async () => {
    const { balans } = await adviserInThreeCases({ confirmed: true });
    const p = await spec.visitors.page(await spec.cast.staff('politie'));
    await p.goto(`${spec.samenspel.url}/casussen/${balans.id}/betrokkenen`);
    await p.getByText('ook bekend in 2 andere dossiers — vraag het RIEC').waitFor();
    const text = (await p.getByRole('main').textContent()) ?? '';
    expect(text).not.toContain('Kluis');
    // No way into the register: no link to a subject's page.
    const targets = await p
      .getByRole('main')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(targets.filter((href) => href.startsWith('/subjecten/'))).toEqual([]);
    await p.getByRole('table', { name: 'Relaties' }).getByText('bestuurder van').waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-case-partner');
  });

  it('imports FollowTheMoney entities into a case after review', async () => {
    const c = await newCase(spec.cast, { codeName: 'Balans', participants: ['politie'] });
    const a = await spec.visitors.page(await spec.cast.analyst());
    await a.goto(`${spec.samenspel.url}/casussen/${c.id}/betrokkenen`);
    const surname = uniqueSurname();
    const good = [
      {
        id: 'p1',
        schema: 'Person',
        properties: { firstName: ['Youssef'], lastName: [surname], birthDate: ['1985-02-03'] },
      },
      { id: 'c1', schema: 'Company', properties: { name: [`${surname} Holding B.V.`] } },
      { id: 'd1', schema: 'Directorship', properties: { director: ['p1'], organization: ['c1'] } },
    ]
      .map((e) => `${JSON.stringify(e)}\n`)
      .join('');
    const bad = `${good}${JSON.stringify({ id: 'b1', schema: 'BankAccount', properties: { iban: ['NL00ABNA0000000000'] } })}\n`;
    await a
      .getByLabel('Bestand (.jsonl)')
      .setInputFiles({ name: 'fout.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
    await a.getByRole('button', { name: 'Inlezen en controleren' }).click();
    await a.getByText('Regels goed: 3, geweigerd: 1.').waitFor();
    await a.getByText('Dit IBAN klopt niet (controlegetal).').waitFor();
    expect(await a.getByRole('button', { name: /overnemen in de casus/ }).count()).toBe(0);
    await a
      .getByLabel('Bestand (.jsonl)')
      .setInputFiles({ name: 'goed.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(good) });
    await a.getByRole('button', { name: 'Inlezen en controleren' }).click();
    await a.getByText('Regels goed: 3, geweigerd: 0.').waitFor();
    // In Dutch, the relation by what its two ends are called (not the file's own ids).
    const person = `Youssef ${surname} (3 februari 1985)`;
    await a.getByText(`Persoon: ${person}`).waitFor();
    await a.getByText(`Bestuurder: ${person} → ${surname} Holding B.V.`).waitFor();
    await a.getByRole('button', { name: '3 entiteiten overnemen in de casus' }).click();
    await a.getByText('3 entiteiten overgenomen.').waitFor();
    // Which register subject each line became.
    const report = a.getByRole('table', { name: 'Verslag per regel' });
    const row = report.getByRole('row').filter({ hasText: `Persoon: ${person}` });
    await row.getByRole('link', { name: person }).waitFor();
    await row.getByText('(nieuw in het register)').waitFor();
    await report
      .getByRole('row')
      .filter({ hasText: 'Bestuurder:' })
      .getByText('relatie in de casus')
      .waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'subjects-ftm-import');
  });

  it('adds a person with an address to a case, the wrong postcode refused next to its field', async () => {
    const c = await newCase(spec.cast, { participants: ['politie'] });
    const surname = uniqueSurname();
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(`${spec.samenspel.url}/casussen/${c.id}/betrokkenen`);
    await p.getByRole('button', { name: 'Betrokkene toevoegen' }).click();
    const form = p.getByRole('form', { name: 'Betrokkene toevoegen' });
    const person = form.getByRole('group', { name: 'Of een persoon' });
    await person.getByLabel('Voornamen').fill('Karel');
    await person.getByLabel('Achternaam').fill(surname);
    const address = person.getByRole('group', { name: 'Adres' });
    await address.getByLabel('Postcode').fill('351 AB');
    await address.getByLabel('Huisnummer').fill('12');
    await address.getByLabel('Toevoeging').fill('A');
    await address.getByLabel('Plaats').fill('Utrecht');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await address.getByText('Een postcode heeft de vorm 1234 AB.').waitFor();
    expect(await address.getByLabel('Postcode').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(p)).toEqual([]);
    await address.getByLabel('Postcode').fill('3511ab');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await p.getByText(`Hoofdsubject: Karel ${surname} — 12 A, 3511 AB Utrecht`).waitFor();
  });
});
