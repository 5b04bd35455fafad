import type { Inspection, LocationDetail } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { newCase, newPerson, newSignal, uniqueSurname } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

// With the job runner, as `samenspel serve` has it: the import panel runs its files as background jobs.
const spec = new BrowserSpec({ jobs: true });

/** A location in Utrecht flagged by the analyst. */
async function location(street: string): Promise<LocationDetail> {
  return spec.cast.ok<LocationDetail>(await spec.cast.analyst(), 'POST', '/api/v1/locations', {
    kind: 'shed',
    municipalityCode: 'GM0344',
    address: { street, houseNumber: 7, place: 'Utrecht' },
  });
}

/** An inspection in Utrecht, planned by the analyst with the police. */
async function inspection(locationIds: string[] = []): Promise<Inspection> {
  return spec.cast.ok<Inspection>(await spec.cast.analyst(), 'POST', '/api/v1/inspections', {
    municipalityCode: 'GM0344',
    integral: true,
    plannedOn: '2026-01-05',
    organisationIds: [await spec.cast.org('politie')],
    locationIds,
  });
}

const today = () => new Date().toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' });

describe('places: planning, follow-up, ties, the point and the address register', () => {
  it('a partner plans an integral inspection by keyboard, hears it needs two partners, and cancels it', async () => {
    await location('Plannerspad');
    const page = await spec.visitors.page(await spec.cast.staff('GM0344'));
    await page.goto(`${spec.samenspel.url}/risicolocaties`);
    const form = page.getByRole('region', { name: 'Controle plannen' });
    await form.waitFor();
    await form.getByLabel('Gemeente').selectOption({ label: 'Utrecht' });
    await form.getByLabel('Geplande datum').fill('15-03-2026');
    await form.getByLabel('Integrale controle').check();
    await form.getByRole('checkbox', { name: /Plannerspad 7, Utrecht/ }).check();
    await form.getByRole('button', { name: 'Controle plannen' }).click();
    // Integral with only the own organisation: the server's Dutch message, next to the partners.
    await form.getByText('Een integrale controle houden minstens twee partners samen.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-plan-inspection');
    // The police added by keyboard: choose in the list, then the button.
    await form.getByLabel('Andere partner').selectOption({ label: 'Politie eenheid Midden-Nederland' });
    await form.getByRole('button', { name: 'Partner toevoegen' }).focus();
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Politie eenheid Midden-Nederland verwijderen' }).waitFor();
    await form.getByRole('button', { name: 'Controle plannen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrale controle in Utrecht' }).waitFor();
    expect(page.url()).toMatch(/\/controles\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Plannerspad 7, Utrecht' }).waitFor();
    await page
      .getByText(/Gemeente Utrecht, Politie eenheid|Politie eenheid Midden-Nederland, Gemeente Utrecht/)
      .waitFor();
    // Called off: the inspection says so and offers neither step any more.
    await page.getByLabel('Afgelast op').fill('');
    await page.getByLabel('Afgelast op').pressSequentially(today());
    await page.getByRole('button', { name: 'Vastleggen dat de controle is afgelast' }).click();
    await page.getByText(/^Afgelast op \d+ \w+ \d{4}$/).waitFor();
    expect(await page.getByRole('button', { name: 'Vastleggen dat de controle is gehouden' }).count()).toBe(
      0,
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the analyst records what followed from an inspection: an intervention, then a case', async () => {
    const i = await inspection();
    const c = await newCase(spec.cast, { codeName: `Kooiman ${uniqueSurname()}` });
    const page = await spec.visitors.page(await spec.cast.analyst());
    await page.goto(`${spec.samenspel.url}/controles/${i.id}`);
    const section = page.getByRole('region', { name: 'Wat volgde' });
    await section.getByText('Er is nog niet vastgelegd wat er uit de controle volgde.').waitFor();
    const form = section.getByRole('form', { name: 'Vervolg vastleggen' });
    // An intervention without a description: refused next to the field, in Dutch.
    await form.getByRole('button', { name: 'Vervolg vastleggen' }).click();
    await form.getByText('Beschrijf wat er uit de controle volgde.').waitFor();
    expect(await form.getByLabel('Toelichting').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Toelichting').fill('Bestuurlijke waarschuwing aan de huurder');
    await form.getByRole('button', { name: 'Vervolg vastleggen' }).click();
    await section
      .getByRole('listitem')
      .filter({ hasText: 'Bestuurlijke waarschuwing aan de huurder' })
      .waitFor();
    // A case that followed: chosen from the cases the analyst may see, shown as a link.
    await form.getByLabel('Wat volgde er?').selectOption({ label: 'Casus' });
    await form.getByLabel('Casus', { exact: true }).selectOption({ label: `${c.codeName} (${c.reference})` });
    await form.getByRole('button', { name: 'Vervolg vastleggen' }).click();
    await section.getByRole('link', { name: `${c.codeName} (${c.reference})` }).waitFor();
    expect(await section.getByRole('listitem').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-follow-up');
  });

  it('the analyst ties a register subject as tenant and a case to a location', async () => {
    const l = await location('Koppelweg');
    const surname = uniqueSurname();
    await newSignal(spec.cast, { subjects: [newPerson({ firstNames: 'Pieter', surname })] });
    const c = await newCase(spec.cast, { codeName: `Schuur ${uniqueSurname()}` });
    const page = await spec.visitors.page(await spec.cast.analyst());
    await page.goto(`${spec.samenspel.url}/risicolocaties/${l.id}`);
    await page.getByRole('heading', { level: 1, name: 'Koppelweg 7, Utrecht' }).waitFor();
    await page.getByLabel('Zoek een subject in het register').fill(`Pieter ${surname}`);
    await page.getByLabel('Zoek een subject in het register').press('Enter');
    const tie = page.getByRole('form', { name: 'Gevonden subject koppelen' });
    await tie.waitFor();
    // Nothing chosen yet: said next to the choices.
    await tie.getByRole('button', { name: 'Subject koppelen' }).click();
    await tie.getByText('Kies het subject dat u wilt koppelen.').waitFor();
    await tie.getByRole('radio', { name: new RegExp(`Pieter ${surname}`) }).check();
    await tie.getByLabel('Rol bij de locatie').selectOption({ label: 'huurder' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-tie-subject');
    await tie.getByRole('button', { name: 'Subject koppelen' }).click();
    const subjects = page.getByRole('region', { name: 'Betrokkenen' });
    await subjects.getByRole('listitem').filter({ hasText: 'huurder' }).waitFor();
    expect(await subjects.getByRole('link', { name: new RegExp(surname) }).count()).toBe(1);
    // The case, chosen from the open cases the analyst may see.
    const cases = page.getByRole('region', { name: 'Casussen en controles' });
    await cases.getByRole('button', { name: 'Casus koppelen' }).click();
    await cases.getByText('Kies de casus die u wilt koppelen.').waitFor();
    await cases
      .getByLabel('Casus', { exact: true })
      .selectOption({ label: `${c.codeName} (${c.reference})` });
    await cases.getByRole('button', { name: 'Casus koppelen' }).click();
    await cases.getByRole('link', { name: c.codeName }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-tie-case');
  });

  it('the administrator loads the address register: a bad row refuses the file with a report, a good file replaces it', async () => {
    const admin = await spec.cast.member(['administrator']);
    const page = await spec.visitors.page(admin);
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Adresregister' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Adresregister' }).waitFor();
    await page.getByText('Het adresregister is nog niet geladen.').waitFor();
    // No file chosen: said next to the field.
    await page.getByRole('button', { name: 'Adresregister laden' }).click();
    await page.getByText('Kies het bestand dat u wilt laden.').waitFor();
    const header = 'postcode;huisnummer;straat;woonplaats;gemeentecode;lat;lon';
    await page.getByLabel('Bestand', { exact: true }).setInputFiles({
      name: 'adressen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header}\n3511 AB;12;Proeflaan;Utrecht;0344;52,0907;5,1214\n1234 SA;3;Schuurpad;Utrecht;0344;52.09;5.12\n`,
      ),
    });
    await page.getByRole('button', { name: 'Adresregister laden' }).click();
    const report = page.getByRole('table', { name: '1 probleem in het bestand' });
    await report.waitFor();
    const row = report.getByRole('row').nth(1);
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      expect.stringContaining('Regel 3'),
      expect.stringContaining('postcode'),
      expect.stringMatching(/^'1234 SA' is geen geldige postcode/),
    ]);
    await page.getByText(/Het adresregister is niet gewijzigd/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-address-register-report');
    // The file repaired: the register holds its two addresses.
    await page.getByLabel('Bestand', { exact: true }).setInputFiles({
      name: 'adressen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header}\n3511 AB;12;Proeflaan;Utrecht;0344;52,0907;5,1214\n3512 CD;3;Schuurpad;Utrecht;0344;52.09;5.12\n`,
      ),
    });
    await page.getByRole('button', { name: 'Adresregister laden' }).click();
    await page.getByRole('heading', { name: 'Adresregister geladen' }).waitFor();
    const state = page.getByRole('region', { name: 'Stand van het register' });
    await state.getByText('adressen.csv (CSV)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-address-register');
    // A new address and a changed one from a spreadsheet, through the import pipeline: the rest stays.
    await page.getByLabel('Bestand (CSV of Excel)').setInputFiles({
      name: 'nieuwbouw.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header}\n3511 AB;12;Proeflaan;Utrecht;0344;52,0907;5,1214\n3512 CD;5;Schuurpad;Utrecht;0344;52.0901;5.1202\n`,
      ),
    });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('nieuwbouw.csv: 2 rijen — 1 goed, 0 geweigerd, 1 overgeslagen.').waitFor();
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('Geïmporteerd: 1 rij vastgelegd.').waitFor();
    await state.getByText('nieuwbouw.csv (CSV)').waitFor();
    await state.getByText('3', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-address-register-import');
  });

  it('the analyst places a new location’s point from the register, by the number fields and on the map', async () => {
    // The register knows one address (loaded here, so the test stands on its own).
    const admin = await spec.cast.member(['administrator']);
    const csv =
      'postcode;huisnummer;straat;woonplaats;gemeentecode;lat;lon\n3511 AB;12;Proeflaan;Utrecht;0344;52,0907;5,1214\n';
    const loaded = await spec.cast.call(admin, 'PUT', '/api/v1/address-register?fileName=a.csv', csv, {
      'content-type': 'text/csv',
    });
    expect(loaded.statusCode).toBe(200);
    const page = await spec.visitors.page(await spec.cast.analyst());
    await page.goto(`${spec.samenspel.url}/risicolocaties`);
    const form = page.getByRole('region', { name: 'Locatie signaleren' });
    await form.waitFor();
    // An address the register does not know: said in Dutch.
    await form.getByLabel('Postcode').fill('3511 ZZ');
    await form.getByLabel('Huisnummer').fill('99');
    await form.getByRole('button', { name: 'Adres opzoeken' }).click();
    await form.getByText(/Dit adres staat niet in het adresregister\./).waitFor();
    // The known address: its point, street and place filled in.
    await form.getByLabel('Postcode').fill('3511ab');
    await form.getByLabel('Huisnummer').fill('12');
    await form.getByRole('button', { name: 'Adres opzoeken' }).click();
    await form.getByText(/Gevonden in het adresregister: Proeflaan 12, 3511 AB Utrecht/).waitFor();
    expect(await form.getByLabel('Breedtegraad').inputValue()).toBe('52.0907');
    expect(await form.getByLabel('Lengtegraad').inputValue()).toBe('5.1214');
    expect(await form.getByLabel('Straat').inputValue()).toBe('Proeflaan');
    // A click on the map moves the point; the fields follow.
    const map = form.getByTestId('point-map');
    const box = await map.boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.click(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10);
    await expect.poll(() => form.getByLabel('Breedtegraad').inputValue()).not.toBe('52.0907');
    const clicked = Number(await form.getByLabel('Breedtegraad').inputValue());
    expect(clicked).toBeGreaterThan(50.5);
    expect(clicked).toBeLessThan(53.8);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-point-picker');
    // By keyboard: the number fields, with a decimal comma; outside the Netherlands first.
    await form.getByLabel('Gemeente').selectOption({ label: 'Utrecht' });
    await form.getByLabel('Breedtegraad').fill('48,85');
    await form.getByLabel('Lengtegraad').fill('5,1');
    await form.getByLabel('Lengtegraad').press('Enter');
    await form.getByText('Dit punt ligt niet in Nederland.').waitFor();
    await form.getByLabel('Breedtegraad').fill('52,0925');
    await form.getByLabel('Lengtegraad').press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Proeflaan 12/ }).waitFor();
    await page.getByText('Op de kaart geplaatst').waitFor();
  });
});
