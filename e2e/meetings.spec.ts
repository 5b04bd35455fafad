import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { signInThroughApi, startSamenspel } from './src/server.ts';

let samenspel: Awaited<ReturnType<typeof startSamenspel>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const references: string[] = [];

beforeAll(async () => {
  samenspel = await startSamenspel();
  browser = await launchBrowser();
  const db = samenspel.database.db;
  // Two signals of Utrecht, submitted through the API by a municipality employee.
  const staff = await browser.newContext();
  await signInThroughApi(
    staff,
    samenspel,
    await createUser(db, samenspel.keys, { roles: ['partner_staff'], organisationCode: 'GM0344' }),
  );
  const me = await (await staff.request.get(`${samenspel.url}/api/v1/me`)).json();
  const theme = await db
    .selectFrom('themes')
    .select('id')
    .where('scope', '=', 'national')
    .executeTakeFirstOrThrow();
  for (const description of [
    'Woning met veel kortstondig bezoek aan de Oudegracht.',
    'Loods met nachtelijke activiteit bij het bedrijventerrein.',
  ]) {
    const response = await staff.request.post(`${samenspel.url}/api/v1/signals`, {
      headers: { 'x-csrf-token': me.session.csrfToken },
      data: {
        submit: true,
        submittingOrganisationIds: [me.organisation.id],
        source: 'partner',
        description,
        municipalityCode: 'GM0344',
        themeIds: [theme.id],
        urgency: 'normal',
        subjects: [],
      },
    });
    references.push((await response.json()).reference);
  }
  await staff.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await signInThroughApi(
    context,
    samenspel,
    await createUser(db, samenspel.keys, { roles: ['meeting_chair'], organisationCode: 'politie' }),
  );
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await samenspel?.close();
});

describe('LOO and DTO meetings', () => {
  it('the chair plans an LOO with the open signals and records an outcome, which marks the signal discussed', async () => {
    await page.goto(samenspel.url);
    await page.getByRole('link', { name: 'Overleggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor();
    await page.getByLabel('District').selectOption({ label: 'Utrecht-Stad' });
    await page.getByRole('group', { name: 'Agenda' }).getByRole('checkbox').first().waitFor();
    expect(await page.getByRole('group', { name: 'Agenda' }).getByRole('checkbox').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Overleg vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: /^LOO Utrecht-Stad/ }).waitFor();
    const first = references[0] ?? '';
    await page.getByLabel(`Uitkomst voor ${first}`).fill('Gemeente en politie onderbouwen samen');
    await page.getByRole('button', { name: `Uitkomst opslaan voor ${first}` }).click();
    await page.getByRole('status').filter({ hasText: 'Vastgelegd.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'meeting-loo');
    await page.getByRole('link', { name: first }).click();
    await page.getByRole('listitem').filter({ hasText: 'Besproken in het LOO' }).waitFor();
  });

  it('the chair plans a DTO and orders its priority list by keyboard', async () => {
    await page.goto(`${samenspel.url}/overleggen`);
    await page.getByLabel('Soort').selectOption({ label: 'DTO' });
    await page.getByLabel('District').selectOption({ label: 'Utrecht-Stad' });
    await page.getByRole('group', { name: 'Agenda' }).getByRole('checkbox').first().waitFor();
    await page.getByRole('button', { name: 'Overleg vastleggen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Prioriteiten van dit kwartaal' }).waitFor();
    const second = references[1] ?? '';
    const list = page.getByRole('region', { name: 'Prioriteiten van dit kwartaal' }).getByRole('listitem');
    const before = await list.allTextContents();
    const lower = before[0]?.startsWith(second) ? references[0] : second;
    await page.getByRole('button', { name: `${lower} hoger` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Prioriteiten opslaan' }).click();
    await page.getByText('De prioriteiten zijn opgeslagen.').waitFor();
    expect((await list.allTextContents())[0]).toContain(lower);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'meeting-dto');
    const meeting = await (
      await page.request.get(page.url().replace('/overleggen/', '/api/v1/meetings/'))
    ).json();
    expect(meeting.priorities.map((p: { reference: string }) => p.reference)[0]).toBe(lower);
  });
});
