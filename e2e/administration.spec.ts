import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Member } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

const administrator = () => spec.cast.member(['administrator']);

/** A page of the administrator's own, which accepts the confirmations the app asks for. */
async function adminPage(admin: Member): Promise<Page> {
  const page = await spec.visitors.page(admin);
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

describe('administration', () => {
  it('creates a user, after listing what is wrong with the first attempt', async () => {
    const page = await adminPage(await administrator());
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Gebruikers' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.getByText('Kies minstens één rol.').waitFor();
    expect(await page.getByText('Kies een organisatie').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('E-mailadres').fill('fenna.fiscus@belastingdienst.test.example');
    await page.getByLabel('Naam', { exact: true }).fill('Fenna Fiscus');
    await page.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst' });
    await page.getByLabel('Medewerker partner').check();
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.getByText('Fenna Fiscus is aangemaakt.').waitFor();
    expect(await page.getByTestId('initial-password').textContent()).toMatch(
      /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/,
    );
    await page.getByRole('link', { name: 'Fenna Fiscus' }).waitFor();
    await screenshot(page, 'users');
  });

  it('sets who in the region needs a second factor', async () => {
    const page = await adminPage(await administrator());
    await page.goto(`${spec.samenspel.url}/beheer/gebruikers`);
    await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
    const all = page.getByLabel('Alle rollen');
    await all.check();
    await page.getByRole('button', { name: 'Beleid opslaan' }).click();
    await page.getByText('Het beleid is opgeslagen', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'users-policy');
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Tweede factor' }).waitFor();
    await page.getByLabel('Alle rollen').waitFor();
    expect(await page.getByLabel('Alle rollen').isChecked()).toBe(true);
    await page.getByLabel(/Rollen die persoonsgegevens zien/).check();
    await page.getByRole('button', { name: 'Beleid opslaan' }).click();
    await page.getByText('Het beleid is opgeslagen', { exact: false }).waitFor();
  });

  it('changes the roles of another user, but not of oneself', async () => {
    const admin = await administrator();
    const colleague = 'Bram Boekhouder';
    await spec.cast.ok(admin, 'POST', '/api/v1/users', {
      email: 'bram.boekhouder@belastingdienst.test.example',
      displayName: colleague,
      organisationId: await spec.cast.org('belastingdienst'),
      roles: ['partner_staff'],
    });
    const page = await adminPage(admin);
    await page.goto(`${spec.samenspel.url}/beheer/gebruikers`);
    await page.getByRole('link', { name: colleague }).click();
    await page.getByRole('heading', { level: 1, name: colleague }).waitFor();
    await page.getByLabel('Voorzitter LOO/DTO').check();
    await page.getByRole('button', { name: 'Rollen opslaan' }).click();
    await page.getByText('De rollen zijn opgeslagen.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'user-detail');

    await page.goto(`${spec.samenspel.url}/beheer/gebruikers/${admin.user.id}`);
    await page.getByText('Dit is uw eigen account.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Rollen opslaan' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Deactiveren' }).isDisabled()).toBe(true);
  });

  it('deactivates a colleague only after a confirmation in the page', async () => {
    const admin = await administrator();
    const colleague = 'Dirk Deactief';
    await spec.cast.ok(admin, 'POST', '/api/v1/users', {
      email: 'dirk.deactief@belastingdienst.test.example',
      displayName: colleague,
      organisationId: await spec.cast.org('belastingdienst'),
      roles: ['partner_staff'],
    });
    const page = await spec.visitors.page(admin);
    await page.goto(`${spec.samenspel.url}/beheer/gebruikers`);
    await page.getByRole('link', { name: colleague }).click();
    await page.getByRole('button', { name: 'Deactiveren' }).click();
    const question = page.getByRole('alertdialog', { name: `${colleague} deactiveren?` });
    await question.getByText('alle sessies worden direct beëindigd', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Annuleren' }).click();
    expect(await question.count()).toBe(0);
    await page.getByRole('button', { name: 'Deactiveren' }).click();
    await question.getByRole('button', { name: 'Ja, deactiveer het account' }).click();
    await page.getByRole('button', { name: 'Weer activeren' }).waitFor();
  });

  it('creates an API token that is shown once, and revokes it', async () => {
    const page = await adminPage(await administrator());
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'API-tokens' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'API-tokens' }).waitFor();
    await page.getByLabel('Naam').fill('Koppeling gemeentelijk zaaksysteem');
    await page.getByLabel('Organisatie').selectOption({ label: 'Gemeente Utrecht' });
    await page.getByLabel('Referentiegegevens lezen').check();
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^ssp_/);
    const revoke = page.getByRole('button', { name: 'Token Koppeling gemeentelijk zaaksysteem intrekken' });
    await revoke.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'api-tokens');
    const works = await page.request.get(`${spec.samenspel.url}/api/v1/regions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(works.status()).toBe(200);
    await revoke.click();
    await page.getByRole('cell', { name: 'Ingetrokken' }).waitFor();
    const refused = await page.request.get(`${spec.samenspel.url}/api/v1/regions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status()).toBe(401);
  });

  it('shows the RIEC covenant and lets the administrator add a legal basis and change a member', async () => {
    const page = await adminPage(await administrator());
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Samenwerkingsverbanden' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Samenwerkingsverbanden' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Leden' }).waitFor();
    await page.getByRole('cell', { name: 'coördinator' }).first().waitFor();
    // A code that is not one: the server's Dutch message next to the field.
    const form = page.getByRole('form', { name: 'Grondslag toevoegen' });
    await form.getByLabel('Code').fill('Wpg 20!');
    await form.getByLabel('Naam').fill('Wet politiegegevens, art. 20');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await form.getByText('Een code bestaat uit kleine letters', { exact: false }).waitFor();
    await form.getByLabel('Code').fill('wpg-20-structureel');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('cell', { name: 'wpg-20-structureel' }).waitFor();
    // Make the Tax Administration an observer: it keeps the figures, not the records.
    const member = page.getByRole('form', { name: 'Lid toevoegen of rol wijzigen' });
    await member.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst — rol wijzigen' });
    await member.getByLabel('Rol').selectOption({ label: 'waarnemer (alleen cijfers)' });
    await member.getByRole('button', { name: 'Opslaan' }).click();
    await page
      .getByRole('row', { name: /Belastingdienst/ })
      .getByRole('cell', { name: 'waarnemer (alleen cijfers)' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'collaborations');
  });

  it("sets the covenant's smallest number per cell or row, never below five", async () => {
    const page = await adminPage(await administrator());
    await page.goto(`${spec.samenspel.url}/beheer/samenwerkingsverbanden`);
    const section = page.getByRole('region', { name: 'Kaarten en cijfers' });
    await section.getByText('Het kleinste aantal per vak of rij is nu 5.').waitFor();
    const form = section.getByRole('form', { name: 'Kleinste aantal wijzigen' });
    const field = form.getByLabel('Kleinste aantal per vak of rij');
    expect(await field.inputValue()).toBe('5');
    // Three would make a map traceable to persons: refused next to the field, in Dutch.
    await field.fill('3');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form
      .getByText('Het kleinste aantal is minstens 5: minder maakt een kaart herleidbaar tot personen.')
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await field.fill('10');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await section.getByText('Het kleinste aantal per vak of rij is nu 10.').waitFor();
    expect(await form.getByLabel('Kleinste aantal per vak of rij').inputValue()).toBe('10');
    expect(await form.getByText('Het kleinste aantal is minstens 5', { exact: false }).count()).toBe(0);
    // Read again from the server: it kept ten.
    await page.reload();
    await section.getByText('Het kleinste aantal per vak of rij is nu 10.').waitFor();
    await screenshot(page, 'collaborations-disclosure');
  });
});
