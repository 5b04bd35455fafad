import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_TIMEOUT, demoSeedOutput, type TestApp, testEngine } from '../testing/index.js';

let t: TestApp;
let cookie = '';

beforeAll(async () => {
  // The demo region as `samenspel seed --demo` built it once for this run; the chair signs in
  // with what it printed.
  t = await createTestApp({ demo: true });
  const [, password, secret] =
    /voorzitter@politie-mn\.example\s+(\S+)\s+TOTP (\S+)/.exec(await demoSeedOutput()) ?? [];
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: {
      email: 'voorzitter@politie-mn.example',
      password,
      code: await generate({ secret: secret ?? '' }),
    },
  });
  cookie = String([response.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
}, DEMO_TIMEOUT);
afterAll(async () => t?.close());

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const value = (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
  return Math.round(value * 10) / 10;
}

describe(`the demo region's signals on ${testEngine()}`, () => {
  it('holds signals in every stage and every decision, spread over months', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/signals', headers: { cookie } })).json()
      .items as Array<{
      stage: string;
      decision: string | null;
      receivedAt: string;
    }>;
    for (const stage of ['received', 'discussed', 'substantiated', 'triaged', 'hit-check', 'decided'])
      expect(
        list.some((s) => s.stage === stage),
        stage,
      ).toBe(true);
    for (const decision of ['accepted', 'referred', 'not-accepted', 'withdrawn'])
      expect(
        list.some((s) => s.decision === decision),
        decision,
      ).toBe(true);
    // The signals of the past ten months (the history of 2019–2022 has its own, decided long ago).
    const recent = list.filter((s) => Date.parse(s.receivedAt) > Date.now() - 301 * 86_400_000);
    expect(recent.length).toBeGreaterThan(25);
    const months = new Set(recent.map((s) => s.receivedAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
  });

  it('gives lead-time medians and 90th percentiles over the API that match the dates the events happened', async () => {
    // Every decided signal: the list answers a page at a time.
    const list: Array<{ id: string; decision: string }> = [];
    for (let page = 1; ; page += 1) {
      const answer = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/signals?stage=decided&pageSize=100&page=${page}`,
          headers: { cookie },
        })
      ).json() as { items: Array<{ id: string; decision: string }>; total: number };
      list.push(...answer.items);
      if (list.length >= answer.total || answer.items.length === 0) break;
    }
    const expected = new Map<string, number[]>();
    for (const s of list.filter((x) => x.decision !== 'withdrawn')) {
      const detail = (
        await t.app.inject({ method: 'GET', url: `/api/v1/signals/${s.id}`, headers: { cookie } })
      ).json();
      // By the dates the steps happened.
      const on = (type: string): string =>
        detail.events.find((e: { type: string }) => e.type === type).happenedOn;
      const decided = on('decided');
      const key = `${detail.district.id}|${decided.slice(0, 7)}`;
      expected.set(key, [
        ...(expected.get(key) ?? []),
        (Date.parse(decided) - Date.parse(on('received'))) / 86_400_000,
      ]);
    }
    const rows = (
      await t.app.inject({ method: 'GET', url: '/api/v1/signals/lead-times', headers: { cookie } })
    ).json().items as Array<{
      districtId: string;
      month: string;
      decided: number;
      segments: { intakeToDecision: { median: number | null; p90: number | null } };
    }>;
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const values = expected.get(`${row.districtId}|${row.month}`) ?? [];
      expect(row.decided).toBe(values.length);
      expect(row.segments.intakeToDecision.median).toBe(percentile(values, 0.5));
      expect(row.segments.intakeToDecision.p90).toBe(percentile(values, 0.9));
    }
  });
});
