import { readFile } from 'node:fs/promises';
import { generate } from 'otplib';
import { request } from 'playwright-core';

const ctx = await request.newContext({ baseURL: 'http://127.0.0.1:8099' });
await new Promise((r) => setTimeout(r, 31_000));
const code = await generate({ secret: 'TMBPDNLICUBUA6YDMEWYIFKCKTQDEXCC' });
const s = await ctx.post('/api/v1/sessions', {
  data: { email: 'analist@riec-mn.example', password: 'demo-a9fc7e45e3a3', code },
});
const csrf = (await (await ctx.get('/api/v1/me')).json()).session.csrfToken;
const body = await readFile('/tmp/walk/historie.csv');
const t0 = Date.now();
const tp = Date.now();
const job = await (
  await ctx.post('/api/v1/import-jobs/case-history?mode=dry-run&fileName=h.csv', {
    data: body,
    headers: { 'content-type': 'text/csv', 'x-csrf-token': csrf },
  })
).json();
console.log('POST took', Date.now() - tp);
let last = '';
for (;;) {
  const t = Date.now();
  const j = await (await ctx.get(`/api/v1/import-jobs/${job.id}`)).json();
  const now = `${j.status}/${j.phase}/${j.done}`;
  if (now !== last) console.log(((Date.now() - t0) / 1000).toFixed(1), now, 'GET took', Date.now() - t);
  last = now;
  if (j.status === 'done' || j.status === 'failed') break;
  await new Promise((r) => setTimeout(r, 200));
}
console.log('total', (Date.now() - t0) / 1000, s.status());
