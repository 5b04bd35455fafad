import { Heading2 } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** A part of a page under its own heading; screen readers list it as a region by that heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="samenspel-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}
