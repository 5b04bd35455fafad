import { FormFieldTextbox, type FormFieldTextboxProps } from '@utrecht/component-library-react';
import type { ChangeEventHandler, ReactNode } from 'react';

const netherlands = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/**
 * A calendar day `days` from today in the Netherlands, as an ISO date (`2026-10-01`), the value
 * of a date field: what the server takes as today, also just after midnight.
 */
export function isoDateFromToday(days = 0): string {
  return netherlands.format(new Date(Date.now() + days * 86_400_000));
}

/** The date of a moment in the Netherlands (`2026-12-03`). */
export function isoDateOf(iso: string): string {
  return netherlands.format(new Date(iso));
}

export interface DateFieldProps
  extends Omit<FormFieldTextboxProps, 'type' | 'description' | 'errorMessage' | 'onChange'> {
  hint?: ReactNode;
  errorMessage?: string | undefined;
  /** FormFieldTextbox hands its onChange to the input, so the event is the input's. */
  onChange?: ChangeEventHandler<HTMLInputElement>;
}

/** A date field with its label, an optional hint and the server's message when the date was refused. */
export function DateField({ hint, ...field }: DateFieldProps) {
  return <FormFieldTextbox type="date" description={hint} {...field} />;
}
