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
    await page.getByRole('link', { name: 'Gebruikers' }).click();
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

  it('creates an API token that is shown once, and revokes it', async () => {
    const page = await adminPage(await administrator());
    await page.goto(spec.samenspel.url);
    await page.getByRole('link', { name: 'API-tokens' }).click();
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
});
