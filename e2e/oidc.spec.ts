import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/src/testing/identity.ts';
import { startIdentityProvider, type TestIdentityProvider } from '../server/src/testing/oidc-provider.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { freePort, type Samenspel, startSamenspel } from './src/server.ts';
import { Visitors } from './src/visitors.ts';

let idp: TestIdentityProvider;
let samenspel: Samenspel;
let browser: Browser;
let visitors: Visitors;

beforeAll(async () => {
  const port = await freePort();
  idp = await startIdentityProvider({
    redirectUri: `http://127.0.0.1:${port}/api/v1/sessions/oidc/callback`,
    accounts: { 'j.jansen': { email: 'j.jansen@utrecht.test.example' } },
  });
  samenspel = await startSamenspel({
    port,
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      name: 'Gemeente Utrecht',
    },
  });
  browser = await launchBrowser();
  visitors = new Visitors(browser, samenspel);
});

afterEach(async () => {
  await visitors.close();
});

afterAll(async () => {
  await browser?.close();
  await samenspel?.close();
  await idp?.close();
});

describe('single sign-on through OpenID Connect', () => {
  it("signs a municipality's employee in through their own provider", async () => {
    // The account Samenspel backs for the provider's j.jansen.
    await createUser(samenspel.database.db, samenspel.keys, {
      roles: ['partner_staff'],
      organisationCode: 'GM0344',
      email: 'j.jansen@utrecht.test.example',
    });
    const page = await visitors.page();
    await page.goto(`${samenspel.url}/aanmelden`);
    const sso = page.getByRole('link', { name: 'Inloggen via Gemeente Utrecht' });
    await sso.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-with-sso');
    await sso.click();

    // The provider's own (development) login form, whose fields have only a placeholder.
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByPlaceholder('Enter any login').fill('j.jansen');
    await page.getByPlaceholder('and password').fill('wachtwoord-bij-de-gemeente');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    expect(new URL(page.url()).origin).toBe(samenspel.url);
    await page
      .getByRole('banner')
      .getByText(/Test partner_staff/)
      .click();
    const details = page.getByText(/Rollen: Medewerker partner/);
    await details.waitFor();
    expect(await details.textContent()).toContain('Gemeente Utrecht');
    await screenshot(page, 'signed-in-with-sso');
  });

  it('sends someone the provider knows but Samenspel does not back, with an explanation', async () => {
    const page = await visitors.page();
    await page.goto(`${samenspel.url}/aanmelden`);
    await page.getByRole('link', { name: 'Inloggen via Gemeente Utrecht' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByPlaceholder('Enter any login').fill('onbekende.medewerker');
    await page.getByPlaceholder('and password').fill('x');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page
      .getByRole('alert')
      .getByText(/Inloggen via uw organisatie is niet gelukt/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/aanmelden');
  });
});
