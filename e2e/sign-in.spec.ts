import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser, totpCode } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { type Samenspel, startSamenspel } from './src/server.ts';
import { Visitors } from './src/visitors.ts';

let samenspel: Samenspel;
let browser: Browser;
let visitors: Visitors;

beforeAll(async () => {
  samenspel = await startSamenspel();
  browser = await launchBrowser();
  visitors = new Visitors(browser, samenspel);
});

afterEach(async () => {
  await visitors.close();
});

afterAll(async () => {
  await browser?.close();
  await samenspel?.close();
});

describe('signing in', () => {
  it('sends a visitor without a session to the sign-in page, which passes axe', async () => {
    const page = await visitors.page();
    await page.goto(`${samenspel.url}/regio/midden-nederland`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/aanmelden');
    expect(new URL(page.url()).searchParams.get('terug')).toBe('/regio/midden-nederland');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('explains in Dutch what is missing, and refuses a wrong password without saying whether the account exists', async () => {
    const page = await visitors.page();
    await page.goto(`${samenspel.url}/aanmelden`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Vul uw e-mailadres in.').waitFor();
    expect(await page.getByText('Vul uw wachtwoord in.').isVisible()).toBe(true);

    await page.getByLabel('E-mailadres').fill('niemand@test.example');
    await page.getByLabel('Wachtwoord').fill('fout');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Het e-mailadres, het wachtwoord of de code klopt niet.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-refused');
  });

  it('signs in with password and TOTP code by keyboard only, then signs out', async () => {
    const user = await createUser(samenspel.database.db, samenspel.keys, { roles: ['riec_analyst'] });
    const page = await visitors.page();
    await page.goto(`${samenspel.url}/aanmelden`);
    await page.getByLabel('E-mailadres').focus();
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Tab');
    await page.keyboard.type(await totpCode(user.totpSecret ?? ''));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();

    const menu = page.getByRole('banner').getByText(/Test riec_analyst/);
    await menu.click();
    await page.getByText('Rollen: RIEC-analist').waitFor();
    await screenshot(page, 'signed-in-user-menu');
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    // The old session is gone: the app asks to sign in again.
    await page.goto(`${samenspel.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  });

  it('enrols an authenticator app with a QR code, shows recovery codes once, then lets the user in', async () => {
    const user = await createUser(samenspel.database.db, samenspel.keys, {
      roles: ['partner_staff'],
      organisationCode: 'politie',
      totp: false,
    });
    const page = await visitors.page();
    await page.goto(`${samenspel.url}/aanmelden`);
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(user.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' }).waitFor();
    const qr = page.getByRole('img', { name: /QR-code/ });
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'second-factor-enrolment');

    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await page.getByLabel('Code uit de app').fill('12345');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('Vul de zes cijfers uit de authenticator-app in.').waitFor();
    await page.getByLabel('Code uit de app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw herstelcodes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Uw herstelcodes' }).getByRole('listitem').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'second-factor-recovery-codes');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  });
});
