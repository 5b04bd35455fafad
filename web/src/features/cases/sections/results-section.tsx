import { type CaseDetail, resultKinds } from '@samenspel/contracts';
import { FormFieldTextbox, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { ChangeFormField } from '../../../components/change-form.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import type { FormValues } from '../../../components/form-values.js';
import { Section } from '../../../components/section.js';
import { type SelectChoice, SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { euros, toCents } from '../case-format.js';
import { CaseTable } from '../case-table.js';
import { caseChanges, type ResultBody, useCaseChange } from '../cases-api.js';

type Result = CaseDetail['results'][number];

/** Only for who manages the case: the partner named; a partner records its own results. */
function partnerOf(v: FormValues, manage: boolean): { organisationId?: string } {
  return manage ? { organisationId: v.text('organisationId') } : {};
}

/**
 * A new result. Amounts belong to a confiscation only, each with its own date: what was imposed on
 * the day of imposition, what was collected so far on the day of collection. Other results count.
 * The server refuses an amount that is no amount, and says why.
 */
function resultBody(v: FormValues, manage: boolean): ResultBody {
  // Left unchosen, the server answers that a kind must be chosen.
  const kind = v.optionalChoice('kind', resultKinds) as ResultBody['kind'];
  const common = { kind, ...partnerOf(v, manage), interventionId: v.optional('interventionId') };
  if (kind !== 'confiscation') {
    const count = v.text('count');
    return {
      ...common,
      ...(count ? { count: Number(count) } : {}),
      description: v.optional('description'),
    };
  }
  const imposed = toCents(v.text('imposed'));
  const collected = toCents(v.text('collected'));
  return {
    ...common,
    ...(imposed !== undefined ? { imposedCents: imposed } : {}),
    imposedOn: v.text('imposedOn'),
    ...(collected !== undefined ? { collectedCents: collected, collectedOn: v.text('collectedOn') } : {}),
  };
}

/** A collection or settlement later on a confiscation: its own small form, also on a closed case. */
function paymentBody(v: FormValues, manage: boolean): ResultBody {
  const cents = toCents(v.text('amount'));
  const on = v.text('paidOn');
  const settled = v.text('how') === 'settled';
  return {
    kind: 'confiscation',
    confiscationId: v.text('confiscationId'),
    ...partnerOf(v, manage),
    ...(settled
      ? { ...(cents !== undefined ? { settledCents: cents } : {}), settledOn: on }
      : { ...(cents !== undefined ? { collectedCents: cents } : {}), collectedOn: on }),
  };
}

/** What is still open on each confiscation: imposed less what was collected or settled, on it and later. */
function outstanding(c: CaseDetail, confiscation: Result): number {
  const paid = c.results
    .filter((r) => r.id === confiscation.id || r.confiscationId === confiscation.id)
    .reduce((sum, r) => sum + (r.collectedCents ?? 0) + (r.settledCents ?? 0), 0);
  return (confiscation.imposedCents ?? 0) - paid;
}

function amountOn(cents: number | null, on: string | null): string {
  if (cents === null) return '';
  return on ? t('caseResults.amountOn', { amount: euros(cents), date: formatDate(on) }) : euros(cents);
}

/** The fields of a new result: the amounts only for a confiscation, the count for the rest. */
function ResultFields({
  c,
  field,
  manage,
  participants,
  ownOrganisation,
}: {
  c: CaseDetail;
  field: (name: string, ...requestNames: string[]) => ChangeFormField;
  manage: boolean;
  participants: ReadonlyArray<SelectChoice>;
  ownOrganisation: string;
}) {
  const [kind, setKind] = useState('');
  const [interventionId, setInterventionId] = useState('');
  const [organisationId, setOrganisationId] = useState(
    participants.some(([id]) => id === ownOrganisation) ? ownOrganisation : '',
  );
  const [collected, setCollected] = useState('');
  return (
    <>
      <SelectField
        {...field('kind')}
        label={t('cases.kind')}
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value)}
        placeholder={t('cases.choose')}
        options={resultKinds.map((k) => [k, t(`resultKind.${k}`)] as const)}
      />
      {c.interventions.length ? (
        <SelectField
          {...field('interventionId')}
          label={t('caseResults.ofIntervention')}
          value={interventionId}
          onChange={(event) => {
            const chosen = c.interventions.find((i) => i.id === event.currentTarget.value);
            setInterventionId(event.currentTarget.value);
            if (chosen) setOrganisationId(chosen.organisation.id);
          }}
          placeholder={t('caseResults.noIntervention')}
          options={c.interventions.map(
            (i) =>
              [i.id, `${formatDate(i.carriedOutOn)}: ${i.description} (${i.organisation.name})`] as const,
          )}
        />
      ) : null}
      {manage ? (
        <SelectField
          {...field('organisationId')}
          label={t('caseResults.partner')}
          hint={t('caseResults.partnerHint')}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.currentTarget.value)}
          placeholder={t('cases.choose')}
          options={participants}
        />
      ) : null}
      {kind === 'confiscation' ? (
        <>
          <FormFieldTextbox {...field('imposed', 'imposedCents')} label={t('cases.imposedEuro')} />
          <DateField
            {...field('imposedOn')}
            label={t('caseResults.imposedOn')}
            defaultValue={isoDateFromToday()}
            max={isoDateFromToday()}
          />
          <FormFieldTextbox
            {...field('collected', 'collectedCents')}
            label={t('caseResults.collectedSoFar')}
            description={t('caseResults.collectedSoFarHint')}
            value={collected}
            onChange={(event) => {
              if (event.target instanceof HTMLInputElement) setCollected(event.target.value);
            }}
          />
          {collected.trim() ? (
            <DateField
              {...field('collectedOn')}
              label={t('caseResults.collectedOn')}
              defaultValue={isoDateFromToday()}
              max={isoDateFromToday()}
            />
          ) : null}
        </>
      ) : kind ? (
        <>
          <FormFieldTextbox {...field('count')} label={t('cases.count')} />
          <FormFieldTextbox {...field('description')} label={t('cases.description')} />
        </>
      ) : null}
    </>
  );
}

/** The fields of a later collection or settlement on a confiscation. */
function PaymentFields({
  confiscations,
  field,
  manage,
  participants,
}: {
  confiscations: Array<{ result: Result; open: number }>;
  field: (name: string, ...requestNames: string[]) => ChangeFormField;
  manage: boolean;
  participants: ReadonlyArray<SelectChoice>;
}) {
  const first = confiscations.length === 1 ? confiscations[0]?.result : undefined;
  const [confiscationId, setConfiscationId] = useState(first?.id ?? '');
  const [organisationId, setOrganisationId] = useState(first?.organisation.id ?? '');
  return (
    <>
      <SelectField
        {...field('confiscationId')}
        label={t('caseResults.onConfiscation')}
        value={confiscationId}
        onChange={(event) => {
          const chosen = confiscations.find((x) => x.result.id === event.currentTarget.value);
          setConfiscationId(event.currentTarget.value);
          if (chosen) setOrganisationId(chosen.result.organisation.id);
        }}
        placeholder={t('cases.choose')}
        options={confiscations.map(
          ({ result, open }) =>
            [
              result.id,
              t('caseResults.confiscationChoice', {
                imposed: amountOn(result.imposedCents, result.imposedOn),
                name: result.organisation.name,
                open: euros(open),
              }),
            ] as const,
        )}
      />
      <SelectField
        {...field('how')}
        label={t('caseResults.how')}
        defaultValue="collected"
        options={[
          ['collected', t('caseResults.collected')],
          ['settled', t('caseResults.settled')],
        ]}
      />
      <FormFieldTextbox
        {...field('amount', 'collectedCents', 'settledCents')}
        label={t('caseResults.amount')}
        inputMode="decimal"
      />
      <DateField
        {...field('paidOn', 'collectedOn', 'settledOn')}
        label={t('caseResults.paidOn')}
        defaultValue={isoDateFromToday()}
        max={isoDateFromToday()}
      />
      {manage ? (
        <SelectField
          {...field('organisationId')}
          label={t('caseResults.partner')}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.currentTarget.value)}
          placeholder={t('cases.choose')}
          options={participants}
        />
      ) : null}
    </>
  );
}

/**
 * What the interventions yielded: amounts imposed and collected, closures, arrests, seizures,
 * each credited to its partner. A collection often comes years later: it is its own step, also
 * on a closed case.
 */
export function ResultsSection({
  c,
  canAdd,
  manage,
  participants,
  ownOrganisation,
}: {
  c: CaseDetail;
  canAdd: boolean;
  manage: boolean;
  participants: ReadonlyArray<SelectChoice>;
  ownOrganisation: string;
}) {
  const add = useCaseChange(c.id, caseChanges.result);
  const pay = useCaseChange(c.id, caseChanges.result);
  const confiscations = c.results
    .filter((r) => r.kind === 'confiscation' && r.confiscationId === null)
    .map((result) => ({ result, open: outstanding(c, result) }));
  const payable = confiscations.filter((x) => x.open > 0);
  /** The partner a result was recorded for: the one named, else the recorder's own organisation. */
  const partnerName = (id: string | undefined) =>
    participants.find(([value]) => value === (id ?? ownOrganisation))?.[1] ?? '';
  const imposedOn = (id: string | null) => c.results.find((r) => r.id === id)?.imposedOn ?? null;
  return (
    <Section id="resultaten" title={t('cases.results')}>
      {c.results.length ? (
        <CaseTable
          label={t('caseResults.caption', { count: c.results.length })}
          columns={[
            t('cases.kind'),
            t('caseResults.partner'),
            t('caseResults.imposed'),
            t('caseResults.collectedOrSettled'),
            t('cases.count'),
          ]}
        >
          {c.results.map((r) => (
            <TableRow key={r.id}>
              <TableCell>
                {r.confiscationId
                  ? t('caseResults.paymentOn', { date: formatDate(imposedOn(r.confiscationId) ?? '') })
                  : t(`resultKind.${r.kind}`)}
              </TableCell>
              <TableCell>{r.organisation.name}</TableCell>
              <TableCell>{amountOn(r.imposedCents, r.imposedOn) || '—'}</TableCell>
              <TableCell>
                {[
                  r.collectedCents !== null
                    ? `${t('cases.collected')} ${amountOn(r.collectedCents, r.collectedOn)}`
                    : '',
                  r.settledCents !== null
                    ? `${t('caseResults.settledShort')} ${amountOn(r.settledCents, r.settledOn)}`
                    : '',
                ]
                  .filter(Boolean)
                  .join('; ') || '—'}
              </TableCell>
              <TableCell>{r.count ?? '—'}</TableCell>
            </TableRow>
          ))}
        </CaseTable>
      ) : (
        <Paragraph>{t('caseResults.none')}</Paragraph>
      )}
      {confiscations.length ? (
        <Paragraph>
          {t('caseResults.open', {
            amount: euros(confiscations.reduce((sum, x) => sum + Math.max(0, x.open), 0)),
          })}
        </Paragraph>
      ) : null}
      {canAdd && c.phase !== 'closed' ? (
        <CaseForm
          id="resultaat"
          openLabel={t('cases.addResult')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => resultBody(v, manage)}
          success={(_updated, v) => t('caseResults.added', { name: partnerName(v.organisationId) })}
        >
          {(field) => (
            <ResultFields
              c={c}
              field={field}
              manage={manage}
              participants={participants}
              ownOrganisation={ownOrganisation}
            />
          )}
        </CaseForm>
      ) : null}
      {canAdd && payable.length ? (
        <CaseForm
          id="inning"
          openLabel={t('caseResults.addPayment')}
          submitLabel={t('cases.add')}
          mutation={pay}
          toVariables={(v) => paymentBody(v, manage)}
          success={(updated, v) => {
            const confiscation = updated.results.find((r) => r.id === v.confiscationId);
            return t('caseResults.paid', {
              open: euros(confiscation ? outstanding(updated, confiscation) : 0),
            });
          }}
        >
          {(field) => (
            <PaymentFields
              confiscations={payable}
              field={field}
              manage={manage}
              participants={participants}
            />
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
