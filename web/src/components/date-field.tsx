import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { t } from '../i18n/i18n.js';
import { dutchDateInput, parseDutchDate } from './dutch-date.js';

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

export interface DateFieldProps {
  id: string;
  /** The name the ISO date is sent under. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  /** ISO dates (`2026-03-14`), as the API takes them. */
  defaultValue?: string;
  value?: string;
  /** Not checked here: the server refuses a date outside the range, next to the field. */
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  errorMessage?: string | undefined;
  /**
   * Called with the ISO date once what is typed is a date, with '' when it is emptied, and with
   * the text as typed when the field is left (or Enter pressed) holding something that is no date,
   * so that the server refuses it next to the field.
   */
  onChange?: (event: { currentTarget: { value: string } }) => void;
}

/**
 * A date typed the Dutch way — `14-03-2026`, `14-3-2026` or `14 maart 2026` — whatever the
 * browser's language (a native date picker shows mm/dd/yyyy in an English browser). The form
 * sends the ISO date under `name`; what cannot be read as a date is said next to the field when
 * it is left, and sent as typed, so that the server refuses it with the form's other problems.
 */
export function DateField({
  id,
  name,
  label,
  hint,
  defaultValue,
  value,
  required,
  disabled,
  invalid,
  errorMessage,
  onChange,
}: DateFieldProps) {
  const visible = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(dutchDateInput(value ?? defaultValue));
  const [unreadable, setUnreadable] = useState(false);
  // A form that empties itself after a success (form.reset()) starts this field over too.
  useEffect(() => {
    const form = visible.current?.form;
    if (!form) return;
    const reset = () => {
      setText(dutchDateInput(defaultValue));
      setUnreadable(false);
    };
    form.addEventListener('reset', reset);
    return () => form.removeEventListener('reset', reset);
  }, [defaultValue]);
  // A controlled field follows its value when it changes from outside (a filter reset).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of value counts, not typing
  useEffect(() => {
    if (value !== undefined && parseDutchDate(text) !== value && !(value === '' && text === ''))
      setText(dutchDateInput(value));
  }, [value]);

  const message = unreadable ? t('date.unreadable') : errorMessage;
  const showError = Boolean(message && (unreadable || invalid));
  const hintId = `${id}-hulp`;
  const errorId = `${id}-fout`;
  const describedBy = [hint ? hintId : null, `${id}-vorm`, showError ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <FormField invalid={showError} label={<FormLabel htmlFor={id}>{label}</FormLabel>}>
      {hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : null}
      <FormFieldDescription id={`${id}-vorm`} className="samenspel-muted">
        {t('date.format')}
      </FormFieldDescription>
      {showError ? <FormFieldErrorMessage id={errorId}>{message}</FormFieldErrorMessage> : null}
      <Textbox
        id={id}
        ref={visible}
        className="samenspel-date"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        required={required}
        disabled={disabled}
        invalid={showError}
        aria-describedby={describedBy}
        onChange={(event) => {
          const typed = event.currentTarget.value;
          const iso = parseDutchDate(typed);
          setText(typed);
          if (iso || !typed.trim()) setUnreadable(false);
          if (iso || !typed.trim()) onChange?.({ currentTarget: { value: iso ?? '' } });
        }}
        onBlur={() => {
          const wrong = Boolean(text.trim()) && !parseDutchDate(text);
          setUnreadable(wrong);
          if (wrong) onChange?.({ currentTarget: { value: text.trim() } });
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && text.trim() && !parseDutchDate(text))
            onChange?.({ currentTarget: { value: text.trim() } });
        }}
      />
      {name ? <input type="hidden" name={name} value={parseDutchDate(text) ?? text.trim()} readOnly /> : null}
    </FormField>
  );
}
