import type { personAddress } from '@samenspel/contracts';
import { Fieldset, FieldsetLegend, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { type MessageKey, t } from '../../i18n/i18n.js';

/** An address as a request carries it. */
export type PersonAddressInput = z.input<typeof personAddress>;

export const personAddressFields = [
  'postcode',
  'houseNumber',
  'houseNumberAddition',
  'street',
  'town',
] as const;
export type PersonAddressField = (typeof personAddressFields)[number];

const labels: Record<PersonAddressField, MessageKey> = {
  postcode: 'intake.postcode',
  houseNumber: 'intake.houseNumber',
  houseNumberAddition: 'intake.addition',
  street: 'intake.street',
  town: 'intake.town',
};

/** A field's id, name and the server's message for it, as the surrounding form gives them. */
export interface AddressFieldProps {
  id: string;
  name: string;
  invalid: boolean;
  errorMessage: string | undefined;
}

/**
 * Where a person lives or is registered, as a source knows it: postcode, house number, addition,
 * street and place, each with the server's message next to it. Matching uses the postcode and
 * house number to recognise the same person (and someone who moved).
 *
 * `prefix` is the request's name of the address ("subjects.0.address", "subject.address"): the
 * fields are named after it, so the server's messages land next to them. With `values` and
 * `onChange` the fields are controlled, by the keys "address.postcode" …; without, a form reads
 * them by name.
 */
export function PersonAddressFields({
  prefix,
  field,
  values,
  onChange,
}: {
  prefix: string;
  field: (name: string) => AddressFieldProps;
  values?: Record<string, string>;
  onChange?: (key: `address.${PersonAddressField}`, value: string) => void;
}) {
  return (
    <Fieldset>
      <FieldsetLegend>{t('personAddress.legend')}</FieldsetLegend>
      <Paragraph appearance="small">{t('personAddress.hint')}</Paragraph>
      {personAddressFields.map((name) => {
        const props = field(`${prefix}.${name}`);
        const key = `address.${name}` as const;
        return (
          <FormFieldTextbox
            key={name}
            {...props}
            label={t(labels[name])}
            inputMode={name === 'houseNumber' ? 'numeric' : undefined}
            autoComplete={name === 'postcode' ? 'off' : undefined}
            {...(onChange
              ? {
                  value: values?.[key] ?? '',
                  onChange: (event) => onChange(key, (event.target as HTMLInputElement).value),
                }
              : {})}
          />
        );
      })}
    </Fieldset>
  );
}

/** A house number typed as digits is sent as a number; anything else as typed, for the server to refuse. */
function houseNumberOf(value: string): number | string {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}

/**
 * The address to send, from the fields by name (`read('postcode')`), or nothing when every field
 * was left empty. A partly filled address is sent as it is: the server names what is missing.
 */
export function personAddressPayload(
  read: (name: PersonAddressField) => string | undefined,
): PersonAddressInput | undefined {
  const typed = Object.fromEntries(
    personAddressFields.flatMap((name) => {
      const value = read(name)?.trim();
      return value ? [[name, name === 'houseNumber' ? houseNumberOf(value) : value]] : [];
    }),
  );
  // Possibly without a postcode or house number: the server then says which is missing.
  return Object.keys(typed).length ? (typed as PersonAddressInput) : undefined;
}

/** A stored person's address as the intake form's values ("address.postcode" …). */
export function personAddressValues(data: object): Record<string, string> {
  const address =
    'address' in data ? (data.address as Partial<Record<PersonAddressField, unknown>>) : undefined;
  if (!address) return {};
  return Object.fromEntries(
    personAddressFields.flatMap((name) =>
      address[name] === undefined ? [] : [[`address.${name}`, String(address[name])]],
    ),
  );
}

/** A person's address on one line: "Kerkstraat 12 A, 3511 AB Utrecht". */
export function formatPersonAddress(a: {
  postcode: string;
  houseNumber: number | string;
  houseNumberAddition?: string | undefined;
  street?: string | undefined;
  town?: string | undefined;
}): string {
  const number = `${a.houseNumber}${a.houseNumberAddition ? ` ${a.houseNumberAddition}` : ''}`;
  return `${a.street ? `${a.street} ` : ''}${number}, ${a.postcode}${a.town ? ` ${a.town}` : ''}`;
}
