import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newRound } from '../server/src/testing/factories.ts';
import { createUser, totpCode } from '../server/src/testing/identity.ts';
import { signIn } from '../server/src/testing/session.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

/** A full-page screenshot at the two widths people use: a laptop and a phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, `${name}-1366`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function signInWithForm(page: Page, email: string, password: string, code?: string): Promise<void> {
  await page.goto(`${spec.samenspel.url}/aanmelden`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  if (code) await page.getByLabel('Code uit de authenticator-app').fill(code);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

describe('one’s own account', () => {
  it('makes a new user choose their own password before anything else, then lets them in', async () => {
    const admin = await spec.cast.member(['administrator']);
    const email = 'pieter.programma@riec.test.example';
    const { initialPassword } = await spec.cast.ok<{ initialPassword: string }>(
      admin,
      'POST',
      '/api/v1/users',
      {
        email,
        displayName: 'Pieter Programma',
        organisationId: await spec.cast.org('riec'),
        roles: ['programme_manager'],
      },
    );
    const page = await spec.visitors.page();
    await signInWithForm(page, email, initialPassword);
    await page.getByRole('heading', { level: 1, name: 'Kies uw eigen wachtwoord' }).waitFor();
    // Nothing else is open yet: another address leads back here.
    await page.goto(`${spec.samenspel.url}/verantwoording`);
    await page.getByRole('heading', { level: 1, name: 'Kies uw eigen wachtwoord' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);

    await page.getByLabel('Wachtwoord dat u van de beheerder kreeg').fill(initialPassword);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('te kort');
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill('anders');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Kies een wachtwoord van minstens 12 tekens.').waitFor();
    await page.getByText('Dit is niet hetzelfde als het nieuwe wachtwoord.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'password-forced');

    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('pieter telt de afgepakte euros');
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill('pieter telt de afgepakte euros');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Gebruik uw naam of e-mailadres niet in uw wachtwoord.').waitFor();
    await page.getByLabel('Wachtwoord dat u van de beheerder kreeg').fill(initialPassword);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('wij tellen de afgepakte euros');
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill('wij tellen de afgepakte euros');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw wachtwoord is gewijzigd' }).waitFor();
    await page.getByText('U kunt nu aan het werk.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Verantwoording' })
      .waitFor();

    // The initial password is gone; the new one signs in straight into the app.
    const again = await spec.visitors.page();
    await signInWithForm(again, email, initialPassword);
    await again.getByText('Het e-mailadres, het wachtwoord of de code klopt niet.').waitFor();
    await signInWithForm(again, email, 'wij tellen de afgepakte euros');
    await again.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  });

  it('changes the password from Mijn account, which signs out the other browsers', async () => {
    const user = await createUser(spec.samenspel.database.db, spec.samenspel.keys, {
      roles: ['riec_analyst'],
    });
    const elsewhere = await signIn(spec.samenspel.app, spec.samenspel.database.db, user);
    const page = await spec.visitors.page(user);
    await page.goto(spec.samenspel.url);
    await page.getByText(/^Test riec_analyst/).click();
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Meldingen per e-mail' }).waitFor();
    await page.getByLabel('Besluit over een signaal').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'account');

    // By keyboard: type in each field and submit with Enter.
    await page.getByLabel('Huidig wachtwoord').focus();
    await page.keyboard.type(user.password);
    await page.keyboard.press('Tab');
    await page.keyboard.type('een lange zin over de Domstad');
    await page.keyboard.press('Tab');
    await page.keyboard.type('een lange zin over de Domstad');
    await page.keyboard.press('Enter');
    const done = page
      .getByRole('status')
      .getByText(
        'Uw wachtwoord is gewijzigd. U bent uitgelogd op 1 ander apparaat of in 1 andere browser; log daar opnieuw in met het nieuwe wachtwoord.',
      );
    await done.waitFor();
    expect(await page.getByLabel('Huidig wachtwoord').inputValue()).toBe('');
    expect(await page.getByLabel('Nieuw wachtwoord', { exact: true }).inputValue()).toBe('');
    const me = (cookie: string) =>
      spec.samenspel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect((await me(elsewhere.cookie)).statusCode).toBe(401);

    // This browser's new session works on: the e-mail choice is saved with it.
    await page.getByLabel('Besluit over een signaal').uncheck();
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await page.getByText('Uw keuze is opgeslagen.', { exact: false }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
    await page.getByLabel('Hit/no-hit-verzoek').waitFor();
    expect(await page.getByLabel('Besluit over een signaal').isChecked()).toBe(false);
    expect(await page.getByLabel('Hit/no-hit-verzoek').isChecked()).toBe(true);

    const fresh = await spec.visitors.page();
    await signInWithForm(
      fresh,
      user.email,
      'een lange zin over de Domstad',
      await totpCode(user.totpSecret ?? '', 1),
    );
    await fresh.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
  });

  it('signs out everywhere from Mijn account, after asking', async () => {
    const user = await createUser(spec.samenspel.database.db, spec.samenspel.keys, {
      roles: ['partner_staff'],
      organisationCode: 'GM0344',
    });
    const elsewhere = await signIn(spec.samenspel.app, spec.samenspel.database.db, user);
    const page = await spec.visitors.page(user);
    await page.goto(`${spec.samenspel.url}/mijn-account`);
    await page.getByRole('button', { name: 'Overal uitloggen' }).click();
    const question = page.getByRole('alertdialog', { name: 'Overal uitloggen?' });
    await question.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Annuleren' }).click();
    expect(
      await page
        .getByRole('button', { name: 'Overal uitloggen' })
        .evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await page.getByRole('button', { name: 'Overal uitloggen' }).click();
    await page.getByRole('button', { name: 'Ja, log overal uit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page
      .getByText('U bent op alle apparaten en in alle browsers uitgelogd.', { exact: false })
      .waitFor();
    const me = (cookie: string) =>
      spec.samenspel.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect((await me(elsewhere.cookie)).statusCode).toBe(401);
    await page.goto(`${spec.samenspel.url}/mijn-account`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  });

  it('copies the recovery codes with the keyboard, and says so', async () => {
    const user = await createUser(spec.samenspel.database.db, spec.samenspel.keys, {
      roles: ['partner_staff'],
      organisationCode: 'politie',
      totp: false,
    });
    const page = await spec.visitors.page(undefined, { permissions: ['clipboard-read', 'clipboard-write'] });
    await signInWithForm(page, user.email, user.password);
    await page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await page.getByLabel('Code uit de app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw herstelcodes' }).waitFor();
    const codes = await page
      .getByRole('list', { name: 'Uw herstelcodes' })
      .getByRole('listitem')
      .allTextContents();
    expect(codes).toHaveLength(10);

    const copy = page.getByRole('button', { name: 'Herstelcodes kopiëren' });
    await copy.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Gekopieerd').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n'));
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'recovery-codes-copied');
  });
});

describe('notifications', () => {
  it('shows a partner a new hit/no-hit request in the header and the list, and opens it', async () => {
    const partner = await spec.cast.member(['partner_staff'], 'belastingdienst');
    // An earlier request stays unread while the newest is opened.
    await newRound(spec.cast, { organisations: ['belastingdienst'], deadlineInDays: 5 });
    const { roundId } = await newRound(spec.cast, { organisations: ['belastingdienst'], deadlineInDays: 6 });
    const page = await spec.visitors.page(partner);
    await page.goto(spec.samenspel.url);
    const link = page.getByRole('link', { name: /^Meldingen, \d+ ongelezen$/ });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    const item = page
      .getByRole('listitem')
      .filter({ hasText: 'Nieuw hit/no-hit-verzoek voor uw organisatie.' })
      .first();
    await item.getByText('Nieuw', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'notifications');

    // Opened by keyboard; it leads to the round in the inbox, where focus lands.
    await item.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Hit/no-hit-verzoeken' }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#ronde-${roundId}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, `ronde-${roundId}`);

    await page.getByRole('link', { name: /^Meldingen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    const opened = page
      .getByRole('listitem')
      .filter({ hasText: 'Nieuw hit/no-hit-verzoek voor uw organisatie.' })
      .first();
    await opened.getByRole('link').waitFor();
    expect(await opened.getByText('Nieuw', { exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await page.getByText('Alle meldingen staan nu op gelezen.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
  });

  it('copies a new API token', async () => {
    const admin = await spec.cast.member(['administrator']);
    const page = await spec.visitors.page(admin, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${spec.samenspel.url}/beheer/api-tokens`);
    await page.getByLabel('Naam', { exact: true }).fill('Zaaksysteem Utrecht');
    await page.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst' });
    await page.getByLabel('Referentiegegevens lezen', { exact: false }).check();
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^ssp_/);
    await page.getByRole('button', { name: 'Token kopiëren' }).click();
    await page.getByRole('status').getByText('Gekopieerd').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  });
});
