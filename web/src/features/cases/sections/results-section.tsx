import { type CaseDetail, resultKinds } from '@samenspel/contracts';
import { FormFieldTextbox } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import type { FormValues } from '../../../components/form-values.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatNumber, t } from '../../../i18n/i18n.js';
import { caseChanges, type ResultBody, useCaseChange } from '../cases-api.js';

const euros = (cents: number | null) => (cents === null ? '—' : `€ ${formatNumber(cents / 100)}`);

/** Euros as typed by people (`120.000,50` or `1200`) to whole cents; NaN when it is no amount. */
export function toCents(value: string): number | undefined {
  if (!value) return undefined;
  const normalised = value.replace(/[€\s.]/g, '').replace(',', '.');
  return /^-?\d+(\.\d{1,2})?$/.test(normalised) ? Math.round(Number(normalised) * 100) : Number.NaN;
}

/**
 * A new result, or with a confiscation chosen a later collection on it. A new result's amounts
 * are dated on the day of imposition; a later collection on its own date. The server refuses an
 * amount that is no amount.
 */
function resultBody(v: FormValues, confiscations: readonly string[]): ResultBody {
  const confiscationId = v.optionalChoice('confiscationId', confiscations);
  const imposed = toCents(v.text('imposed'));
  const collected = toCents(v.text('collected'));
  const count = v.text('count');
  if (confiscationId)
    return {
      kind: 'confiscation',
      confiscationId,
      ...(collected !== undefined ? { collectedCents: collected, collectedOn: v.text('collectedOn') } : {}),
    };
  return {
    kind: v.choice('kind', resultKinds),
    ...(imposed !== undefined ? { imposedCents: imposed, imposedOn: v.text('imposedOn') } : {}),
    ...(collected !== undefined ? { collectedCents: collected, collectedOn: v.text('imposedOn') } : {}),
    ...(count ? { count: Number(count) } : {}),
  };
}

/**
 * What the interventions yielded: amounts imposed and collected, closures, arrests, seizures.
 * Also on a closed case, where a collection often comes years later.
 */
export function ResultsSection({ c, canAdd }: { c: CaseDetail; canAdd: boolean }) {
  const add = useCaseChange(c.id, caseChanges.result);
  const confiscations = c.results.filter((r) => r.kind === 'confiscation' && r.confiscationId === null);
  return (
    <Section id="resultaten" title={t('cases.results')}>
      <ul>
        {c.results.map((r) => (
          <li key={r.id}>
            {t(`resultKind.${r.kind}`)} — {r.organisation.name}
            {r.imposedCents !== null ? `: ${t('cases.imposed')} ${euros(r.imposedCents)}` : ''}
            {r.collectedCents !== null ? `, ${t('cases.collected')} ${euros(r.collectedCents)}` : ''}
            {r.settledCents !== null ? `, ${t('cases.settled')} ${euros(r.settledCents)}` : ''}
            {r.count !== null ? ` (${r.count})` : ''}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <ChangeForm
          id="resultaat"
          title={t('cases.addResult')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) =>
            resultBody(
              v,
              confiscations.map((r) => r.id),
            )
          }
        >
          {(field) => (
            <>
              {confiscations.length ? (
                <SelectField
                  {...field('confiscationId')}
                  label={t('cases.onConfiscation')}
                  defaultValue=""
                  placeholder={t('cases.newResult')}
                  options={confiscations.map(
                    (r) =>
                      [
                        r.id,
                        `${r.imposedOn ?? ''} ${euros(r.imposedCents)} (${r.organisation.name})`,
                      ] as const,
                  )}
                />
              ) : null}
              <SelectField
                {...field('kind')}
                label={t('cases.kind')}
                defaultValue=""
                options={resultKinds.map((k) => [k, t(`resultKind.${k}`)] as const)}
              />
              <FormFieldTextbox {...field('imposed', 'imposedCents')} label={t('cases.imposedEuro')} />
              <DateField
                {...field('imposedOn')}
                label={t('cases.imposedOn')}
                defaultValue={isoDateFromToday()}
              />
              <FormFieldTextbox {...field('collected', 'collectedCents')} label={t('cases.collectedEuro')} />
              {confiscations.length ? (
                <DateField
                  {...field('collectedOn')}
                  label={t('cases.collectedOn')}
                  defaultValue={isoDateFromToday()}
                />
              ) : null}
              <FormFieldTextbox {...field('count')} label={t('cases.count')} />
            </>
          )}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
