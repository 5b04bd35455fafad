import type { NormDetail, ScanDetail, ScanRun } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { dutchDay } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

const name = (what: string) => `${what} ${Math.random().toString(36).slice(2, 7)}`;

/** A Flevoland norm of five placeholder ambitions for Almere, Lelystad and the province, with statuses of 2021. */
async function newNorm(): Promise<NormDetail> {
  const analyst = await spec.cast.analyst();
  const [almere, lelystad, province] = await Promise.all(
    ['GM0034', 'GM0995', 'PV24'].map((c) => spec.cast.org(c)),
  );
  const norm = await spec.cast.ok<NormDetail>(analyst, 'POST', '/api/v1/norms', {
    name: name('Flevolandse norm'),
    districtId: 'flevoland',
    validFrom: '2021-01-01',
    ambitions: Array.from({ length: 5 }, (_, i) => ({
      code: `A${i + 1}`,
      title: `Ambitie ${i + 1} (voorbeeld)`,
    })),
    memberIds: [almere, lelystad, province],
  });
  const status = (
    organisationId: string | undefined,
    ambitionCode: string,
    value: string,
    happenedOn: string,
  ) =>
    spec.cast.ok(analyst, 'POST', `/api/v1/norms/${norm.id}/statuses`, {
      organisationId,
      ambitionCode,
      status: value,
      happenedOn,
      ...(value === 'met' ? { evidence: `Raadsbesluit ${ambitionCode}` } : {}),
    });
  await status(almere, 'A1', 'in-progress', '2021-02-01');
  await status(almere, 'A1', 'met', '2021-09-15');
  await status(lelystad, 'A2', 'met', '2021-04-01');
  await status(province, 'A3', 'in-progress', '2021-05-10');
  return norm;
}

const levels = [
  { value: 'nee', label: 'Nee', points: 0 },
  { value: 'deels', label: 'Deels', points: 1 },
  { value: 'ja', label: 'Ja', points: 2 },
];

async function newScan(subject: 'municipality' | 'objects'): Promise<ScanDetail> {
  return spec.cast.ok<ScanDetail>(await spec.cast.manager(), 'POST', '/api/v1/scans', {
    name: name(subject === 'objects' ? 'Horecascan' : 'Weerbaarheidsscan'),
    kind: subject === 'objects' ? 'horecascan' : 'weerbaarheidsscan',
    subject,
    definition:
      subject === 'objects'
        ? {
            questions: [
              {
                code: 'H1',
                text: 'Wisselende exploitanten',
                options: levels.slice(0, 1).concat(levels[2] ?? []),
              },
              {
                code: 'H2',
                text: 'Contante aankoop van het pand',
                options: levels.slice(0, 1).concat(levels[2] ?? []),
              },
            ],
            threshold: 4,
          }
        : {
            questions: [
              {
                code: 'W1',
                theme: 'Bestuur',
                text: 'Is er beleid tegen ondermijning?',
                options: levels,
                recommendation: 'Stel beleid tegen ondermijning vast.',
              },
              {
                code: 'W2',
                theme: 'Bestuur',
                text: 'Wordt de Wet Bibob toegepast?',
                options: levels,
                weight: 2,
              },
              {
                code: 'W3',
                theme: 'Samenwerking',
                text: 'Is er een lokaal ondermijningsoverleg?',
                options: levels,
                recommendation: 'Start een LOO.',
              },
            ],
          },
  });
}

describe('norm monitoring and scans', () => {
  it('the programme manager reads the matrix as of a day and a timeline, records a status and holds a review', async () => {
    const norm = await newNorm();
    const page = await spec.visitors.page(await spec.cast.manager());
    await page.goto(spec.samenspel.url);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Normen' }).click();
    await page.getByRole('link', { name: norm.name }).click();
    await page.getByRole('heading', { level: 1, name: norm.name }).waitFor();
    const matrix = page.getByRole('table', { name: /Stand van elke ambitie per deelnemer/ });
    await matrix.waitFor();
    // Today: Almere met A1 in September; said in words, not by colour alone.
    const a1 = matrix.getByRole('row', { name: /A1 Ambitie 1/ });
    expect(await a1.getByRole('cell').first().textContent()).toContain('Voldaan');
    expect(await a1.getByRole('cell').first().textContent()).toContain('sinds 15 september 2021');
    // As of 30 June 2021 Almere was still busy with it.
    await page.getByLabel('Stand op').fill('30-06-2021');
    await page.getByLabel('Stand op').press('Tab');
    await page.getByText(/^Op 30 juni 2021 \(versie 1\): 1 van de 15 punten voldaan, 2 bezig/).waitFor();
    expect(
      await matrix
        .getByRole('row', { name: /A1 Ambitie 1/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toContain('Bezig');
    expect(page.url()).toContain('op=2021-06-30');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'norms-matrix');

    await page.getByRole('link', { name: 'Tijdlijn van Gemeente Almere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tijdlijn van Gemeente Almere' }).waitFor();
    const entries = page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(1).textContent()).toContain('15 september 2021');
    expect(await entries.nth(1).textContent()).toContain('bezig → Voldaan');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'norms-timeline');

    // Recording by keyboard: "met" without evidence is refused next to the field, in Dutch.
    await page.getByRole('link', { name: `Terug naar ${norm.name}` }).click();
    const form = page.getByRole('region', { name: 'Stand vastleggen' });
    await form.getByLabel('Deelnemer').selectOption({ label: 'Provincie Flevoland' });
    await form.getByLabel('Ambitie', { exact: true }).selectOption({ label: 'A3 Ambitie 3 (voorbeeld)' });
    await form.getByLabel('Stand', { exact: true }).selectOption({ label: 'Voldaan' });
    await form.getByRole('button', { name: 'Stand vastleggen' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText('Geef aan waaruit blijkt dat de ambitie is gehaald.').waitFor();
    expect(await form.getByLabel('Bewijs').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Bewijs').fill('Statenbesluit over de aanpak van ondermijning');
    await form.getByRole('button', { name: 'Stand vastleggen' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText(/^Vastgelegd: Provincie Flevoland, Ambitie 3 \(voorbeeld\): Voldaan op/).waitFor();
    await page.getByLabel('Stand op').fill('');
    await page.getByLabel('Stand op').press('Tab');
    await page.getByText(/3 van de 15 punten voldaan/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'norms-record-status');

    // The working group's review: its agenda is today's open points, an outcome recorded on one.
    const reviews = page.getByRole('region', { name: 'Besprekingen' });
    await reviews.getByLabel('Notitie').fill('Zeswekelijks overleg');
    await reviews.getByRole('button', { name: 'Bespreking vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Bespreking van / }).waitFor();
    await page.getByText('Op de agenda: 12 open punten bij 3 deelnemers.').waitFor();
    const province = page.getByRole('region', { name: 'Provincie Flevoland' });
    expect(await province.getByRole('listitem').count()).toBe(4);
    await province.getByText('Uitkomst vastleggen').first().focus();
    await page.keyboard.press('Enter');
    await province
      .getByLabel('Uitkomst', { exact: true })
      .first()
      .fill('De provincie legt in september een plan voor.');
    await province.getByRole('button', { name: 'Uitkomst opslaan' }).first().click();
    await province.getByText('Uitkomst: De provincie legt in september een plan voor.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'norms-review');
  });

  it('the analyst runs a scan: every missing answer named, then the score, the change and the comparison', async () => {
    const scan = await newScan('municipality');
    const analyst = await spec.cast.analyst();
    const answers = [
      ['GM0303', { W1: 'ja', W2: 'deels', W3: 'ja' }],
      ['GM0995', { W1: 'deels', W2: 'deels', W3: 'nee' }],
      ['GM0171', { W1: 'nee', W2: 'nee', W3: 'deels' }],
      ['GM0184', { W1: 'ja', W2: 'ja', W3: 'ja' }],
      ['GM0034', { W1: 'nee', W2: 'deels', W3: 'nee' }],
    ] as const;
    for (const [municipalityCode, given] of answers)
      await spec.cast.ok<ScanRun>(analyst, 'POST', `/api/v1/scans/${scan.id}/runs`, {
        municipalityCode,
        heldOn: '2021-03-15',
        answers: given,
      });
    const page = await spec.visitors.page(analyst);
    await page.goto(`${spec.samenspel.url}/scans`);
    await page.getByRole('link', { name: scan.name }).click();
    await page.getByRole('heading', { level: 1, name: scan.name }).waitFor();
    await page.getByRole('link', { name: 'Scan uitvoeren' }).click();
    await page.getByRole('heading', { level: 1, name: `${scan.name} uitvoeren` }).waitFor();
    await page.getByLabel('Gemeente').selectOption({ label: 'Almere' });
    // Two of three answered: the run is refused whole, the missing one named beside its question.
    await page
      .getByRole('group', { name: /W1 Is er beleid/ })
      .getByLabel('Ja (2 punten)')
      .check();
    await page
      .getByRole('group', { name: /W2 Wordt de Wet Bibob/ })
      .getByLabel('Ja (4 punten)')
      .check();
    await page.getByRole('button', { name: 'Scan vastleggen' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('De scan is niet vastgelegd: 1 punt om te verbeteren').waitFor();
    const w3 = page.getByRole('group', { name: /W3 Is er een lokaal/ });
    await w3.getByText('Beantwoord vraag W3.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scans-form-refused');
    // By keyboard: the radio group takes focus and Space chooses.
    await w3.getByLabel('Deels (1 punt)').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Scan vastleggen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `${scan.name} in Almere` }).waitFor();
    await page.getByText('7 van 8 punten: 87,5%').waitFor();
    // Against Almere's run of March 2021 (2 of 8 points): +62,5 percentage points.
    await page.getByText(/Vorige keer 25%; verandering \+62,5 procentpunt/).waitFor();
    const table = page.getByRole('table', { name: /Antwoord en punten per vraag/ });
    expect(await table.getByRole('row', { name: /W1/ }).textContent()).toContain('+2');
    await page.getByRole('region', { name: 'Aanbevelingen' }).getByText('Start een LOO.').waitFor();
    const actions = page.getByRole('region', { name: 'Vervolgacties' });
    await actions.getByLabel('Actie', { exact: true }).fill('LOO starten met politie en RIEC');
    await actions
      .getByLabel('Naar aanleiding van vraag')
      .selectOption({ label: 'W3 Is er een lokaal ondermijningsoverleg?' });
    await actions.getByRole('button', { name: 'Vervolgactie toevoegen' }).click();
    await actions.getByText(/Open sinds/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scans-result');

    // The comparison: each municipality by its latest run; the analyst also sees each one's row.
    await page.getByRole('link', { name: `Terug naar ${scan.name}` }).click();
    const comparison = page.getByRole('region', { name: 'Vergelijking van gemeenten' });
    await comparison.getByText(/^5 gemeenten: gemiddelde score/).waitFor();
    expect(
      await comparison
        .getByRole('table', { name: /Score per gemeente \(5\)/ })
        .getByRole('row')
        .count(),
    ).toBe(6);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scans-comparison-analyst');

    const steering = await spec.visitors.page(await spec.cast.manager());
    await steering.goto(`${spec.samenspel.url}/scans/${scan.id}`);
    const gated = steering.getByRole('region', { name: 'Vergelijking van gemeenten' });
    await gated.getByText(/^5 gemeenten: gemiddelde score/).waitFor();
    await gated.getByText(/U ziet alleen totalen/).waitFor();
    expect(await gated.getByRole('table', { name: /Score per gemeente/ }).count()).toBe(0);
    expect(
      await gated
        .getByRole('table', { name: /Punten per vraag over 5 gemeenten/ })
        .getByRole('row', { name: /W1/ })
        .textContent(),
    ).toContain('Nee: 1 · Deels: 1 · Ja: 3');
    expect(await axeViolations(steering)).toEqual([]);
    await screenshot(steering, 'scans-comparison-steering');
  });

  it('a horecascan object at the threshold becomes a risk location; the programme manager gets the counts only', async () => {
    const scan = await newScan('objects');
    const page = await spec.visitors.page(await spec.cast.analyst());
    await page.goto(`${spec.samenspel.url}/scans/${scan.id}/uitvoeren`);
    await page.getByLabel('Gemeente').selectOption({ label: 'Hilversum' });
    const street = name('Havenstraat');
    const first = page.getByRole('group', { name: 'Object 1' });
    await first.getByRole('group', { name: /H1/ }).getByLabel('Ja (2 punten)').check();
    await first.getByRole('group', { name: /H2/ }).getByLabel('Ja (2 punten)').check();
    await first.getByLabel('Straat').fill(street);
    await first.getByLabel('Huisnummer').fill('12');
    await first.getByLabel('Plaats').fill('Hilversum');
    await page.getByRole('button', { name: 'Object toevoegen' }).click();
    const second = page.getByRole('group', { name: 'Object 2' });
    await second.getByRole('group', { name: /H1/ }).getByLabel('Nee (0 punten)').check();
    await second.getByRole('group', { name: /H2/ }).getByLabel('Ja (2 punten)').check();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scans-object-form');
    await page.getByRole('button', { name: 'Scan vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: `${scan.name} in Hilversum` }).waitFor();
    const objects = page.getByRole('region', { name: 'Objecten' });
    await objects
      .getByText(
        '2 objecten gescoord, 1 op of boven de drempel van 4 punten; 1 in het register van risicolocaties.',
      )
      .waitFor();
    await objects.getByRole('link', { name: `${street} 12, Hilversum` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scans-object-result');
    await objects.getByRole('link', { name: `${street} 12, Hilversum` }).click();
    await page.getByRole('heading', { level: 1, name: `${street} 12, Hilversum` }).waitFor();
    await page
      .getByText(new RegExp(`gesignaleerd.*${dutchDay().slice(0, 4)}`, 'i'))
      .first()
      .waitFor();

    const runId = (
      await spec.cast.ok<{ items: Array<{ id: string }> }>(
        await spec.cast.manager(),
        'GET',
        `/api/v1/scans/${scan.id}/runs`,
      )
    ).items[0]?.id;
    const steering = await spec.visitors.page(await spec.cast.manager());
    await steering.goto(`${spec.samenspel.url}/scans/uitvoeringen/${runId}`);
    const counts = steering.getByRole('region', { name: 'Objecten' });
    await counts.getByText(/^2 objecten gescoord, 1 op of boven de drempel/).waitFor();
    await counts.getByText(/U ziet alleen de objecten waarvan u de risicolocatie mag openen/).waitFor();
    expect(await counts.getByRole('link').count()).toBe(0);
    expect(await steering.getByText(street).count()).toBe(0);
    expect(await axeViolations(steering)).toEqual([]);
  });
});
