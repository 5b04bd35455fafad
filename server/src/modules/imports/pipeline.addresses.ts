import {
  type AddressField,
  type AddressRow,
  addressesAtPostcodes,
  checkAddressFields,
  upsertAddresses,
} from '../locations/index.js';
import type { ImportKindDefinition } from './pipeline.kinds.js';
import { kindField as field, shown } from './pipeline.values.js';

/**
 * The address register's kind: addresses of the BAG with their points from a spreadsheet (a
 * municipality's extract kept in Excel, new addresses of a development), added to the region's
 * register or put in place of the same address there. Each row is checked by the register's own
 * rules and messages (`checkAddressFields`: postcode, number, letter, addition, street, place,
 * the point in RD or WGS84 within the Netherlands). Replacing the register whole, from a CSV or
 * GeoPackage extract of the BAG, stays with the register's own load (Beheer → Adresregister),
 * which reads GeoPackages too. The register holds no personal data.
 */

/** The register's fields, with the headings a BAG extract or a spreadsheet gives them. */
const fields = [
  field('postcode', 'Postcode', 'Zoals 3511 ED.', ['postcode', 'pc6', 'postalcode'], { required: true }),
  field('houseNumber', 'Huisnummer', 'Een geheel getal.', ['huisnummer', 'huisnr', 'nummer'], {
    required: true,
  }),
  field('houseLetter', 'Huisletter', 'Eén letter, of leeg.', ['huisletter']),
  field('addition', 'Toevoeging', 'Hoogstens vier letters of cijfers, of leeg.', [
    'toevoeging',
    'huisnummertoevoeging',
    'huisnr toev',
  ]),
  field(
    'street',
    'Straat',
    'De openbare ruimte.',
    ['straat', 'straatnaam', 'openbare ruimte naam', 'openbareruimtenaam'],
    {
      required: true,
    },
  ),
  field('place', 'Woonplaats', 'De woonplaats.', ['woonplaats', 'plaats', 'woonplaatsnaam'], {
    required: true,
  }),
  field('municipalityCode', 'Gemeentecode', 'GM0344 of 0344, of leeg.', ['gemeentecode', 'cbs gemeentecode']),
  field('bagId', 'BAG-identificatie', 'De nummeraanduiding: zestien cijfers, of leeg.', [
    'nummeraanduiding id',
    'nummeraanduiding',
    'bag id',
    'identificatie',
  ]),
  field('x', 'X (RD)', 'In meters (RD New), met y; of lat en lon.', ['x', 'rd x', 'x coordinaat']),
  field('y', 'Y (RD)', 'In meters (RD New), met x.', ['y', 'rd y', 'y coordinaat']),
  field('latitude', 'Breedtegraad', 'In graden (WGS84), met lon; of x en y.', [
    'lat',
    'latitude',
    'breedtegraad',
  ]),
  field('longitude', 'Lengtegraad', 'In graden (WGS84), met lat.', [
    'lon',
    'lng',
    'longitude',
    'lengtegraad',
  ]),
];

const addressKey = (a: { postcode: string; houseNumber: number; houseLetter: string; addition: string }) =>
  `${a.postcode} ${a.houseNumber} ${a.houseLetter} ${a.addition}`;

/** An address with everything the register holds of it: the same text when nothing would change. */
const asHeld = (a: Omit<AddressRow, 'line'>) =>
  JSON.stringify([addressKey(a), a.street, a.place, a.municipalityCode, a.bagId, a.latitude, a.longitude]);

export const addressRegister: ImportKindDefinition<AddressRow> = {
  kind: 'address-register',
  name: 'Adresregister (adressen bijwerken)',
  description:
    'Per rij een adres uit de BAG met zijn punt (x en y in RD, of lat en lon): nieuwe adressen komen in het adresregister van de regio, een adres dat er al is krijgt de gegevens uit het bestand.',
  permission: 'address-register.manage',
  fields,
  row(cell) {
    // The register's own check, with the cells as text: a number as Excel keeps it, a date never.
    const value = (f: AddressField) => {
      const c = cell(f);
      if (c === undefined || c === null) return '';
      return typeof c === 'number' ? String(c) : (shown(c) ?? '');
    };
    // Excel keeps fifteen digits of a number: a sixteen-digit BAG id typed as a number may have
    // lost its last digit, and would pass the check as another id.
    const bagId = cell('bagId');
    if (typeof bagId === 'number' && bagId >= 1e15)
      return {
        problems: [
          {
            field: 'bagId',
            code: 'address.bag_id_number',
            reason:
              'Deze BAG-identificatie staat als getal in de werkmap, en Excel bewaart maar vijftien cijfers: het laatste cijfer kan verloren zijn. Maak de kolom tekst en vul de nummers opnieuw in (of laat de kolom weg).',
          },
        ],
      };
    const checked = checkAddressFields(0, value, (f) => cell(f) !== undefined);
    if ('problems' in checked)
      return {
        problems: checked.problems.map((p) => ({
          // A point's problem names its pair of fields ("latitude, longitude"): the first of them.
          field: p.column.split(',')[0]?.trim() ?? null,
          code: p.code,
          reason: p.message,
        })),
      };
    return { value: checked.row };
  },
  key: addressKey,
  async unchanged(db, actor, values) {
    const stored = await addressesAtPostcodes(
      db,
      actor.regionId,
      values.map((v) => v.postcode),
    );
    const held = new Set(stored.map((s) => asHeld({ ...s, addition: s.houseNumberAddition })));
    return new Set(values.filter((v) => held.has(asHeld(v))).map(addressKey));
  },
  async write(db, actor, values, at, by, _importId, _ports, _record, file) {
    if (!values.length) return 0;
    await upsertAddresses(
      db,
      {
        regionId: actor.regionId,
        fileName: file.name,
        fileHash: file.sha256,
        format: file.format,
        rows: file.rows,
        accepted: values.length,
        rejected: 0,
        loadedAt: at,
        loadedBy: by,
      },
      values,
    );
    return values.length;
  },
};
