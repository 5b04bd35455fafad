import { Button, ButtonGroup, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { t } from '../i18n/i18n.js';
import { Loading } from './loading.js';

/**
 * A final or destructive step asks first, in the page itself (not the browser's confirm box): what
 * will happen, and two buttons — the step named again ("Ja, sluit de casus") and "Annuleren".
 * Focus moves to the question when it appears and back to where the user came from on cancel.
 */
export function Confirmation({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
}: {
  /** The question: "Casus sluiten?" */
  title: string;
  /** What happens, and what cannot be undone. */
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="samenspel-confirmation" role="alertdialog" aria-labelledby={id} aria-modal="false">
      <Heading3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </Heading3>
      {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
      <ButtonGroup>
        <Button appearance="primary-action-button" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button appearance="secondary-action-button" disabled={busy} onClick={onCancel}>
          {t('confirm.cancel')}
        </Button>
      </ButtonGroup>
      {busy ? <Loading label={t('confirm.busy')} /> : null}
    </section>
  );
}

/**
 * A form whose submission must be confirmed: `ask(values)` on submit shows the confirmation with
 * those values; `confirmed()` hands them back once, `cancel()` drops them and returns focus to the
 * element that asked.
 */
export function useConfirmation<T>() {
  const [pending, setPending] = useState<{ values: T } | null>(null);
  const origin = useRef<HTMLElement | null>(null);
  return {
    pending: pending?.values ?? null,
    asking: pending !== null,
    ask(values: T) {
      origin.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPending({ values });
    },
    cancel() {
      setPending(null);
      const back = origin.current;
      if (back) requestAnimationFrame(() => back.focus());
    },
    done() {
      setPending(null);
    },
  };
}
