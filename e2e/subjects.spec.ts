import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { signInThroughApi, startSamenspel } from './src/server.ts';

let samenspel: Awaited<ReturnType<typeof startSamenspel>>;
let browser: Browser;
const pages = new Map<string, { context: BrowserContext; page: Page }>();
let caseA = '';

async function pageFor(name: string, options: Parameters<typeof createUser>[2]): Promise<Page> {
  const user = await createUser(samenspel.database.db, samenspel.keys, options);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
    acceptDownloads: true,
  });
  await signInThroughApi(context, samenspel, user);
  const page = await context.newPage();
  pages.set(name, { context, page });
  return page;
}

function page(name: string): Page {
  const found = pages.get(name);
  if (!found) throw new Error(name);
  return found.page;
}

async function api(name: string, method: 'POST' | 'GET', url: string, data?: object) {
  const p = page(name);
  const me = await (await p.request.get(`${samenspel.url}/api/v1/me`)).json();
  const response = await p.request.fetch(`${samenspel.url}${url}`, {
    method,
    headers: { 'x-csrf-token': me.session.csrfToken },
    ...(data ? { data } : {}),
  });
  if (response.status() >= 300) throw new Error(`${url}: ${response.status()} ${await response.text()}`);
  return response.json();
}

beforeAll(async () => {
  samenspel = await startSamenspel();
  browser = await launchBrowser();
  const db = samenspel.database.db;
  const director = await createUser(db, samenspel.keys, { roles: ['case_director'] });
  await pageFor('analist', { roles: ['riec_analyst'] });
  await pageFor('politie', { roles: ['partner_staff'], organisationCode: 'politie' });
  const org = async (code: string) =>
    (
      await db
        .selectFrom('partnerOrganisations')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  const theme = (
    await db.selectFrom('themes').select('id').where('scope', '=', 'national').executeTakeFirstOrThrow()
  ).id;
  const newCase = async (codeName: string, participant: string) =>
    (
      await api('analist', 'POST', '/api/v1/cases', {
        origin: 'direct',
        originOrganisationIds: [await org('politie')],
        codeName,
        districtId: 'utrecht-stad',
        municipalityCodes: ['GM0344'],
        themeIds: [theme],
        type: 'network',
        directorId: director.id,
        participantIds: [await org(participant)],
        startedOn: '2026-10-01',
      })
    ).id as string;
  caseA = await newCase('Balans', 'politie');
  const caseB = await newCase('Kluis', 'belastingdienst');
  const caseC = await newCase('Haven', 'politie');
  const add = (id: string, role: string, subject: object) =>
    api('analist', 'POST', `/api/v1/cases/${id}/subjects`, { role, subject });
  await add(caseA, 'facilitator', {
    kind: 'person',
    firstNames: 'Reinier',
    prefix: 'de',
    surname: 'Vries',
    dateOfBirth: '1971-04-12',
    bsn: '123456782',
  });
  const detail = await add(caseA, 'main-subject', {
    kind: 'company',
    name: 'Administratiekantoor De Balans B.V.',
    kvkNumber: '30276418',
  });
  await api('analist', 'POST', `/api/v1/cases/${caseA}/relations`, {
    fromSubjectId: detail.subjects[0].id,
    toSubjectId: detail.subjects[1].id,
    type: 'directorship',
    startDate: '2014-09-01',
  });
  await add(caseB, 'facilitator', {
    kind: 'person',
    firstNames: 'R.',
    surname: 'Vries, de',
    dateOfBirth: '1971-04-12',
    bsn: '123456782',
  });
  await add(caseC, 'main-subject', {
    kind: 'person',
    firstNames: 'Reinier',
    surname: 'de Vries',
    dateOfBirth: '1971-12-04',
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await samenspel?.close();
});

describe('subjects and networks', () => {
  it('shows the analyst a suggestion with its evidence, confirmed by keyboard', async () => {
    const p = page('analist');
    await p.goto(`${samenspel.url}/subjecten`);
    await p.getByRole('heading', { name: /is waarschijnlijk dezelfde als/ }).waitFor();
    expect(await p.getByText('Geboortedatum gelijk met dag en maand verwisseld').count()).toBe(1);
    await p.getByRole('heading', { name: 'Facilitators bij meerdere casussen of netwerken' }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-suggestions');
    await p.getByRole('button', { name: 'Bevestigen: dezelfde' }).focus();
    await p.keyboard.press('Enter');
    await p.getByText('Er zijn geen open suggesties.').waitFor();
  });

  it('draws the network around a subject, expands it and exports PNG and GEXF', async () => {
    const p = page('analist');
    await p.getByRole('link', { name: 'Reinier de Vries (1971-04-12)' }).first().click();
    await p.getByRole('heading', { name: 'Waar gezien, volgens welke bron' }).waitFor();
    // Three sources, each as it recorded the adviser.
    expect(await p.locator('table', { hasText: 'Zoals vastgelegd' }).locator('tbody tr').count()).toBe(3);
    await p.locator('.samenspel-network__canvas canvas').first().waitFor();
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
    expect(xml).toContain('Administratiekantoor De Balans B.V.');
    const [png] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download als afbeelding (PNG)' }).click(),
    ]);
    expect((await readFile((await png.path()) ?? '')).subarray(1, 4).toString()).toBe('PNG');
    // Filtering by a relation type the network lacks leaves no relations.
    await p.getByLabel('familie van').check();
    await p.getByText('Er zijn (met deze filters) geen relaties vastgelegd.').waitFor();
  });

  it('tells a partner only that the adviser is known elsewhere, and imports FtM after review', async () => {
    const p = page('politie');
    await p.goto(`${samenspel.url}/casussen/${caseA}`);
    await p.getByText(/ook bekend in 2 ander\(e\) dossier\(s\) — vraag het RIEC/).waitFor();
    const text = (await p.locator('main').textContent()) ?? '';
    expect(text).not.toContain('Kluis');
    expect(await p.locator('a[href^="/subjecten/"]').count()).toBe(0);
    await p.getByRole('table', { name: 'Relaties' }).getByText('bestuurder van').waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'subjects-case-partner');

    const a = page('analist');
    await a.goto(`${samenspel.url}/casussen/${caseA}`);
    const good = `${JSON.stringify({ id: 'p1', schema: 'Person', properties: { firstName: ['Youssef'], lastName: ['Bouzid'], birthDate: ['1985-02-03'] } })}\n`;
    const bad = `${good}${JSON.stringify({ id: 'b1', schema: 'BankAccount', properties: { iban: ['NL00ABNA0000000000'] } })}\n`;
    await a
      .getByLabel('Bestand (.jsonl)')
      .setInputFiles({ name: 'fout.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
    await a.getByRole('button', { name: 'Inlezen en controleren' }).click();
    await a.getByText('1 regel(s) goed, 1 geweigerd.').waitFor();
    await a.getByText('Dit IBAN klopt niet (controlegetal).').waitFor();
    expect(await a.getByRole('button', { name: /overnemen in de casus/ }).count()).toBe(0);
    await a
      .getByLabel('Bestand (.jsonl)')
      .setInputFiles({ name: 'goed.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(good) });
    await a.getByRole('button', { name: 'Inlezen en controleren' }).click();
    await a.getByText('1 regel(s) goed, 0 geweigerd.').waitFor();
    await a.getByRole('button', { name: '1 entiteit(en) overnemen in de casus' }).click();
    await a.getByText('1 entiteit(en) overgenomen.').waitFor();
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'subjects-ftm-import');
  });
});
