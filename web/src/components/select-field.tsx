import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  type SelectProps,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** A choice: the value sent, and the text people see. */
export type SelectChoice<T extends string = string> = readonly [value: T, label: string];

export interface SelectFieldProps<T extends string> extends Omit<SelectProps, 'id' | 'children'> {
  id: string;
  label: ReactNode;
  options: ReadonlyArray<SelectChoice<T>>;
  /** The text of an empty first choice (value ''), for when choosing nothing is allowed or is the start. */
  placeholder?: string;
  /** A line of help under the label. */
  hint?: ReactNode;
  errorMessage?: string | undefined;
}

/**
 * A labelled select with its choices and the server's message when the value was refused; the
 * message is tied to the control with aria-describedby.
 */
export function SelectField<T extends string>({
  id,
  label,
  options,
  placeholder,
  hint,
  invalid,
  errorMessage,
  ...select
}: SelectFieldProps<T>) {
  const errorId = `${id}-fout`;
  const hintId = `${id}-hulp`;
  const showError = Boolean(invalid && errorMessage);
  const describedBy = [hint ? hintId : null, showError ? errorId : null].filter(Boolean).join(' ');
  return (
    <FormField invalid={invalid} label={<FormLabel htmlFor={id}>{label}</FormLabel>}>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      {showError ? <FormFieldErrorMessage id={errorId}>{errorMessage}</FormFieldErrorMessage> : null}
      <Select id={id} invalid={invalid} aria-describedby={describedBy || undefined} {...select}>
        {placeholder !== undefined ? <SelectOption value="">{placeholder}</SelectOption> : null}
        {options.map(([value, text]) => (
          <SelectOption key={value} value={value}>
            {text}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}
