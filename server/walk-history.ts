import { writeFile } from 'node:fs/promises';
import { generate } from 'otplib';
import { chromium } from 'playwright-core';
import { caseHistoryHeader, generateCaseHistory } from './src/testing/case-history.ts';

const base = 'http://127.0.0.1:8099';
const { rows } = generateCaseHistory(10_000, {
  from: '2005-01-01',
  to: '2015-06-30',
  seed: 77,
  prefix: 'RIS',
});
const csv = [caseHistoryHeader, ...rows]
  .map((r) => r.map((c) => (/[;"]/.test(c) ? `"${c}"` : c)).join(';'))
  .join('\r\n');
await writeFile('/tmp/walk/historie.csv', csv);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium-headless-shell' });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
const code = await generate({ secret: 'TMBPDNLICUBUA6YDMEWYIFKCKTQDEXCC' });
const signIn = await context.request.post('/api/v1/sessions', {
  data: { email: 'analist@riec-mn.example', password: 'demo-a9fc7e45e3a3', code },
});
console.log('sign in', signIn.status());
const page = await context.newPage();
await page.goto('/casussen');
await page.getByRole('link', { name: 'Casushistorie importeren' }).click();
await page.getByRole('heading', { level: 1, name: 'Casushistorie importeren' }).waitFor();
await page.getByLabel('Bestand (CSV of Excel)').setInputFiles('/tmp/walk/historie.csv');
let t = Date.now();
await page.getByRole('button', { name: 'Controleren' }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/walk/progress-0.png' });
await page.locator('progress').waitFor({ timeout: 60_000 });
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/walk/progress-check.png' });
await page.getByText(/rijen — .* goed/).waitFor({ timeout: 120_000 });
console.log('dry run seconds', (Date.now() - t) / 1000);
console.log(await page.getByText(/rijen — .* goed/).textContent());
await page.screenshot({ path: '/tmp/walk/checked.png' });
t = Date.now();
await page.getByRole('button', { name: 'Importeren' }).click();
await page.getByText('Alle rijen zijn goed; ze worden nu vastgelegd…').waitFor({ timeout: 120_000 });
await page.screenshot({ path: '/tmp/walk/progress-write.png' });
await page.getByText(/^Geïmporteerd: /).waitFor({ timeout: 300_000 });
console.log('commit seconds', (Date.now() - t) / 1000);
console.log(await page.getByText(/^Geïmporteerd: /).textContent());
await page.screenshot({ path: '/tmp/walk/committed.png' });
await page.goto('/verantwoording');
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/walk/accountability.png', fullPage: false });
await browser.close();
