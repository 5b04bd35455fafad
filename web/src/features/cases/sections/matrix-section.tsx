import type { CaseDetail } from '@samenspel/contracts';
import {
  FormFieldCheckbox,
  FormFieldTextbox,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Section } from '../../../components/section.js';
import { type SelectChoice, SelectField } from '../../../components/select-field.js';
import { t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { type CaseConfiguration, caseChanges, useCaseChange } from '../cases-api.js';

type Entry = CaseDetail['matrix'][number];

/** Values in the order they first appear. */
function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * The intervention matrix as the partners read it at the table: a row per barrier or chance, a
 * column per partner, and in each cell the interventions that partner can bring against it —
 * those chosen in the strategy marked. A wide matrix scrolls sideways on its own.
 */
function MatrixGrid({ c }: { c: CaseDetail }) {
  const barriers = distinct(c.matrix.map((m) => m.barrier));
  const current = c.participants.filter((p) => !p.removedAt).map((p) => p.organisation);
  const partners = [
    ...current,
    ...distinct(c.matrix.map((m) => m.organisation.id))
      .filter((id) => !current.some((o) => o.id === id))
      .flatMap((id) => {
        const organisation = c.matrix.find((m) => m.organisation.id === id)?.organisation;
        return organisation ? [organisation] : [];
      }),
  ];
  const cell = (barrier: string, organisationId: string): Entry[] =>
    c.matrix.filter((m) => m.barrier === barrier && m.organisation.id === organisationId);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (WCAG 2.1.1)
    <section className="samenspel-matrix" aria-labelledby="matrix-bijschrift" tabIndex={0}>
      <Table>
        <TableCaption id="matrix-bijschrift">{t('caseMatrix.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('cases.barrier')}</TableHeaderCell>
            {partners.map((o) => (
              <TableHeaderCell key={o.id} scope="col">
                {o.name}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {barriers.map((barrier) => (
            <TableRow key={barrier}>
              <TableHeaderCell scope="row">{barrier}</TableHeaderCell>
              {partners.map((o) => {
                const entries = cell(barrier, o.id);
                return (
                  <TableCell key={o.id}>
                    {entries.length ? (
                      <ul className="samenspel-matrix__cell">
                        {entries.map((m) => (
                          <li key={m.id} className={m.chosen ? 'samenspel-matrix__chosen' : undefined}>
                            {m.intervention.name}{' '}
                            <span className="samenspel-muted">({t(`kindOf.${m.intervention.kind}`)})</span>
                            {m.chosen ? <strong> — {t('cases.chosen')}</strong> : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="samenspel-muted" title={t('caseMatrix.empty')}>
                        <span aria-hidden="true">—</span>
                        <span className="samenspel-visually-hidden">{t('caseMatrix.empty')}</span>
                      </span>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

/** The barriers and chances, the interventions against them per partner, and which are in the strategy. */
export function MatrixSection({
  c,
  canAdd,
  interventions,
  participants,
}: {
  c: CaseDetail;
  canAdd: boolean;
  interventions: CaseConfiguration['interventions'];
  participants: ReadonlyArray<SelectChoice>;
}) {
  const add = useCaseChange(c.id, caseChanges.matrixRow);
  const barriers = distinct(c.matrix.map((m) => m.barrier));
  return (
    <Section id="matrix" title={t('cases.matrix')}>
      {c.matrix.length ? <MatrixGrid c={c} /> : <Paragraph>{t('caseMatrix.none')}</Paragraph>}
      {canAdd ? (
        <CaseForm
          id="matrix-regel"
          openLabel={t('cases.addMatrix')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({
            barrier: v.text('barrier'),
            catalogueId: v.text('catalogueId'),
            organisationId: v.text('organisationId'),
            chosen: v.text('chosen') === 'true',
          })}
          success={(_updated, v) => t(v.chosen ? 'caseMatrix.addedChosen' : 'caseMatrix.added')}
        >
          {(field) => (
            <>
              <FormFieldTextbox
                {...field('barrier')}
                label={t('cases.barrier')}
                description={barriers.length ? t('caseMatrix.barrierHint') : undefined}
                list={barriers.length ? 'matrix-barrieres' : undefined}
              />
              {barriers.length ? (
                <datalist id="matrix-barrieres">
                  {barriers.map((b) => (
                    <option key={b} value={b} />
                  ))}
                </datalist>
              ) : null}
              <SelectField
                {...field('catalogueId')}
                label={t('cases.intervention')}
                defaultValue=""
                placeholder={t('cases.choose')}
                options={interventions.map((i) => [i.id, `${t(`kindOf.${i.kind}`)}: ${i.name}`] as const)}
              />
              <SelectField
                {...field('organisationId')}
                label={t('caseMatrix.partner')}
                defaultValue=""
                placeholder={t('cases.choose')}
                options={participants}
              />
              <FormFieldCheckbox {...field('chosen')} value="true" label={t('cases.inStrategy')} />
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
