import type { DsrTaskDetail } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { newBsn, newPerson, newSignal, uniqueSurname } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

describe('a data-subject request: the contact point registers, reviews and assigns; partners decide; one answer', () => {
  it('is done by keyboard and mouse, refuses bad input in Dutch next to the field, and ends in one package', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const born = '1982-06-30';
    await newSignal(spec.cast, {
      by: 'GM0344',
      subjects: [newPerson({ firstNames: 'Karin', surname, dateOfBirth: born, bsn })],
    });
    const police = await newSignal(spec.cast, {
      by: 'politie',
      subjects: [newPerson({ firstNames: 'Karin', surname, dateOfBirth: born })],
    });
    // The people who will own the partners' tasks exist before the request.
    const utrecht = await spec.cast.staff('GM0344');
    const officer = await spec.cast.staff('politie');
    const analyst = await spec.cast.analyst();

    const fg = await spec.cast.member(['privacy_officer']);
    const page = await spec.visitors.page(fg);
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Verzoeken betrokkenen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Verzoeken van betrokkenen' }).waitFor();
    const form = page.getByRole('region', { name: 'Verzoek registreren' });
    await form.getByLabel('Achternaam').fill(surname);
    await form.getByLabel('Voornamen (niet verplicht)').fill('Karin');
    await form.getByLabel('Geboortedatum').fill('30-06-1982');
    // A BSN that fails the eleven-test is refused next to the field.
    await form.getByLabel('BSN (niet verplicht)').fill('123456789');
    await form
      .getByLabel('Hoe de betrokkene het antwoord ontvangt')
      .fill('Per post: Neude 11, 3512 AE Utrecht');
    await form
      .getByLabel('Identiteit vastgesteld met')
      .selectOption({ label: 'Identiteitsbewijs aan de balie getoond' });
    await form.getByRole('button', { name: 'Verzoek registreren' }).click();
    await form.getByText('Dit BSN klopt niet (elfproef).').waitFor();
    expect(await form.getByLabel('BSN (niet verplicht)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('BSN (niet verplicht)').fill(bsn);
    await form.getByRole('button', { name: 'Verzoek registreren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Verzoek AVG-\d{4}-\d{4}$/ }).waitFor();
    const detailUrl = page.url();

    // The police's record was found by name and date of birth: the contact point confirms it.
    const pending = page.getByRole('button', { name: 'Dit is dezelfde persoon' });
    await pending.first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dsr-review');
    while ((await pending.count()) > 0) {
      const before = await pending.count();
      await pending.first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => pending.count()).toBeLessThan(before);
    }
    expect(
      await page
        .getByRole('table', { name: /^Treffers bij Politie/ })
        .getByText(police.reference)
        .count(),
    ).toBe(1);

    // An owner at each partner.
    const owners = page.getByRole('form', { name: 'Behandelaars kiezen' });
    const pick = async (organisation: string, who: string) =>
      owners.getByLabel(`Behandelaar bij ${organisation}`).selectOption(who);
    await pick('Gemeente Utrecht', utrecht.user.id);
    await pick('Politie eenheid Midden-Nederland', officer.user.id);
    await pick('RIEC Midden-Nederland', analyst.user.id);
    await owners.getByRole('button', { name: 'Behandelaars opslaan' }).click();
    await page.getByText('De behandelaars zijn opgeslagen.').waitFor();
    expect(await page.getByRole('button', { name: 'Verzoek beantwoorden' }).isDisabled()).toBe(true);

    // The police officer refuses, and must give the legal ground.
    const partner = await spec.visitors.page(officer);
    await partner.goto(spec.samenspel.url);
    await partner
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Verzoektaken' })
      .click();
    await partner
      .getByRole('table', { name: 'Uw taken bij verzoeken van betrokkenen' })
      .getByRole('link')
      .first()
      .click();
    const decision = partner.getByRole('form', { name: `Signaal ${police.reference}` });
    await decision.getByRole('radio', { name: 'Weigeren' }).check();
    await decision.getByRole('button', { name: 'Besluit opslaan' }).click();
    await decision.getByText('Een weigering of beperking heeft een wettelijke grond nodig.').waitFor();
    await decision.getByLabel('Wettelijke grond').selectOption({ label: 'Wet politiegegevens (art. 25–27)' });
    await decision.getByLabel('Toelichting', { exact: true }).fill('Lopend opsporingsonderzoek.');
    await decision.getByRole('button', { name: 'Besluit opslaan' }).click();
    await decision.getByText('Het besluit is opgeslagen.').waitFor();
    expect(await axeViolations(partner)).toEqual([]);
    await screenshot(partner, 'dsr-task');
    // The police's other records (the register, the log) are given.
    for (const form of await partner.getByRole('form').all()) {
      if ((await form.getByText(/Huidig besluit/).count()) > 0) continue;
      await form.getByRole('radio', { name: 'Verstrekken / uitvoeren' }).check();
      await form.getByRole('button', { name: 'Besluit opslaan' }).click();
      await form.getByText('Het besluit is opgeslagen.').waitFor();
    }

    // Utrecht and the RIEC give theirs (through the API, as their systems might).
    for (const who of [utrecht, analyst]) {
      const { items } = await spec.cast.ok<{ items: Array<{ id: string }> }>(
        who,
        'GET',
        '/api/v1/data-subject-tasks',
      );
      for (const { id } of items) {
        const task = await spec.cast.ok<DsrTaskDetail>(who, 'GET', `/api/v1/data-subject-tasks/${id}`);
        for (const m of task.matches.filter((x) => !x.decision))
          await spec.cast.ok(who, 'POST', `/api/v1/data-subject-tasks/${id}/matches/${m.id}/decision`, {
            decision: 'grant',
          });
      }
    }

    // Every partner decided: the contact point answers, once, and the package is there.
    await page.goto(detailUrl);
    const answer = page.getByRole('button', { name: 'Verzoek beantwoorden' });
    await expect.poll(() => answer.isDisabled()).toBe(false);
    await answer.click();
    await page.getByRole('button', { name: 'Ja, beantwoord het verzoek' }).click();
    const links = page.getByRole('list', { name: 'Het antwoord' });
    await links.getByRole('link', { name: 'Antwoord downloaden (pdf)' }).waitFor();
    const pdfUrl = await links.getByRole('link', { name: 'Antwoord downloaden (pdf)' }).getAttribute('href');
    const pdf = await page.request.get(new URL(pdfUrl ?? '', spec.samenspel.url).toString());
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dsr-answered');
  });
});
