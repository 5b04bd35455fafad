import { describe, expect, it } from 'vitest';
import { dutchDay, newSignal } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

/** An invented register of two neighbouring addresses in Utrecht (RD metres). */
const register = [
  'postcode;huisnummer;huisletter;toevoeging;straat;woonplaats;gemeentecode;x;y',
  '3454ZZ;1;;;Verzonnenlaan;Utrecht;GM0344;131000;455000',
  '3454ZZ;2;A;;Verzonnenlaan;Utrecht;GM0344;131020;455010',
].join('\n');

describe('places: the region map', () => {
  it('shows the signals per cell, exact to the analyst and rounded behind the gate to the programme manager', async () => {
    const cast = spec.cast;
    const loaded = await cast.call(
      await cast.member(['administrator']),
      'PUT',
      '/api/v1/address-register?fileName=a.csv',
      register,
      { 'content-type': 'text/csv' },
    );
    expect(loaded.statusCode, loaded.body).toBe(200);
    // Six signals at one address in the register, and one whose subject has no address there.
    for (let i = 0; i < 6; i += 1)
      await newSignal(cast, { subjects: [{ kind: 'address', postcode: '3454ZZ', houseNumber: 1 }] });
    await newSignal(cast);
    const year = dutchDay().slice(0, 4);

    const page = await spec.visitors.page(await cast.analyst());
    await page.goto(`${spec.samenspel.url}/risicolocaties?jaar=${year}`);
    const section = page.getByRole('region', { name: `Regiokaart ${year}`, exact: true });
    await section.getByRole('radio', { name: /^Signalen/ }).check();
    const table = section.getByRole('table', { name: `Aantallen per vak: signalen, ${year}` });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('row', { name: 'Vak 1 6' }).count()).toBe(1);
    await section
      .getByText(
        '6 van de 7 signalen staan op de kaart (de rest noemt geen adres dat in het adresregister staat).',
      )
      .waitFor();
    expect(await section.getByText('afgerond op vijf', { exact: false }).count()).toBe(0);
    // The map draws the one cell; its shapes are not tab stops.
    expect(await section.getByTestId('region-map').locator('path.leaflet-interactive').count()).toBe(1);
    // Another layer, by keyboard: no cases in the register's area, an empty state.
    await section.getByRole('radio', { name: /^Signalen/ }).press('ArrowDown');
    await section.getByText(`De kaart toont geen vakken met casussen voor ${year}.`).waitFor();
    expect(await section.getByRole('radio', { name: /^Casussen/ }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await section.getByRole('radio', { name: /^Signalen/ }).check();
    await table.waitFor();
    await screenshot(page, 'places-region-map');

    // The programme manager sees aggregates only: the cell rounded to five, and why.
    const manager = await spec.visitors.page(await cast.manager());
    await manager.goto(`${spec.samenspel.url}/risicolocaties?jaar=${year}`);
    const gated = manager.getByRole('region', { name: `Regiokaart ${year}`, exact: true });
    await gated.getByRole('radio', { name: /^Signalen/ }).check();
    const rounded = gated.getByRole('table', { name: `Aantallen per vak: signalen, ${year}` });
    await rounded.getByRole('row', { name: 'Vak 1 5' }).waitFor();
    await gated
      .getByText(
        'U ziet aantallen per vak afgerond op vijf; vakken met minder dan 5 signalen worden niet getoond, zodat geen vak naar een enkel adres wijst.',
      )
      .waitFor();
    await gated
      .getByText('Afgerond op vijf: 5 van de 5 signalen staan op de kaart.', { exact: false })
      .waitFor();
    expect(await axeViolations(manager)).toEqual([]);
    await screenshot(manager, 'places-region-map-gated');
  });
});
