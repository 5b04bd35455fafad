import { type CaseDetail, interventionKinds } from '@samenspel/contracts';
import {
  FormFieldTextarea,
  FormFieldTextbox,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { ChangeFormField } from '../../../components/change-form.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { type SelectChoice, SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { CaseTable } from '../case-table.js';
import { caseChanges, type InterventionBody, useCaseChange } from '../cases-api.js';
import { adviceChoices } from './advices-section.js';

/**
 * The fields of an intervention. On an advice, the kind and the partner follow the advice until
 * the user picks others; only who manages the case picks a partner at all (a partner records its
 * own interventions).
 */
function InterventionFields({
  c,
  field,
  manage,
  participants,
  ownOrganisation,
}: {
  c: CaseDetail;
  field: (name: string) => ChangeFormField;
  manage: boolean;
  participants: ReadonlyArray<SelectChoice>;
  ownOrganisation: string;
}) {
  const open = c.advices.filter((a) => a.status === 'given' || a.status === 'adopted');
  const [adviceId, setAdviceId] = useState(open.length === 1 ? (open[0]?.id ?? '') : '');
  const advice = c.advices.find((a) => a.id === adviceId);
  const [kind, setKind] = useState<string>(advice?.kind ?? '');
  const [organisationId, setOrganisationId] = useState<string>(
    advice?.organisation.id ?? (participants.some(([id]) => id === ownOrganisation) ? ownOrganisation : ''),
  );
  return (
    <>
      <SelectField
        {...field('adviceId')}
        label={t('cases.onAdvice')}
        hint={t('caseInterventions.adviceHint')}
        value={adviceId}
        onChange={(event) => {
          const chosen = c.advices.find((a) => a.id === event.currentTarget.value);
          setAdviceId(event.currentTarget.value);
          if (chosen) {
            setKind(chosen.kind);
            setOrganisationId(chosen.organisation.id);
          }
        }}
        placeholder={t('caseInterventions.noAdvice')}
        options={adviceChoices(c)}
      />
      {manage ? (
        <SelectField
          {...field('organisationId')}
          label={t('caseInterventions.partner')}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.currentTarget.value)}
          placeholder={t('cases.choose')}
          options={participants}
        />
      ) : null}
      <SelectField
        {...field('kind')}
        label={t('cases.kind')}
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value)}
        placeholder={t('cases.choose')}
        options={interventionKinds.map((k) => [k, t(`kindOf.${k}`)] as const)}
      />
      <FormFieldTextarea {...field('description')} label={t('cases.description')} rows={3} />
      <FormFieldTextbox {...field('outcome')} label={t('cases.outcome')} />
      <DateField
        {...field('carriedOutOn')}
        label={t('cases.carriedOutOn')}
        defaultValue={isoDateFromToday()}
        max={isoDateFromToday()}
      />
    </>
  );
}

/** The interventions the partners carried out, on an advice or of their own. */
export function InterventionsSection({
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
  const add = useCaseChange(c.id, caseChanges.intervention);
  const adviceOf = (id: string | null) => c.advices.find((a) => a.id === id);
  return (
    <Section id="interventies" title={t('cases.interventions')}>
      {c.interventions.length ? (
        <CaseTable
          label={t('caseInterventions.caption', { count: c.interventions.length })}
          columns={[
            t('cases.kind'),
            t('caseInterventions.partner'),
            t('cases.carriedOutOn'),
            t('cases.description'),
            t('cases.outcome'),
            t('cases.onAdvice'),
          ]}
        >
          {c.interventions.map((i) => (
            <TableRow key={i.id}>
              <TableCell>{t(`kindOf.${i.kind}`)}</TableCell>
              <TableCell>{i.organisation.name}</TableCell>
              <TableCell>{formatDate(i.carriedOutOn)}</TableCell>
              <TableCell>{i.description}</TableCell>
              <TableCell>{i.outcome ?? '—'}</TableCell>
              <TableCell>{adviceOf(i.adviceId)?.description ?? '—'}</TableCell>
            </TableRow>
          ))}
        </CaseTable>
      ) : (
        <Paragraph>{t('caseInterventions.none')}</Paragraph>
      )}
      {canAdd ? (
        <CaseForm
          id="interventie"
          openLabel={t('cases.addIntervention')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({
            adviceId: v.optional('adviceId'),
            ...(manage ? { organisationId: v.text('organisationId') } : {}),
            // Left unchosen, the server answers that a kind must be chosen.
            kind: v.optionalChoice('kind', interventionKinds) as InterventionBody['kind'],
            description: v.text('description'),
            outcome: v.optional('outcome'),
            carriedOutOn: v.text('carriedOutOn'),
          })}
          success={(_updated, v) =>
            t('caseInterventions.added', {
              name: participants.find(([id]) => id === (v.organisationId ?? ownOrganisation))?.[1] ?? '',
            })
          }
        >
          {(field) => (
            <InterventionFields
              c={c}
              field={field}
              manage={manage}
              participants={participants}
              ownOrganisation={ownOrganisation}
            />
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
