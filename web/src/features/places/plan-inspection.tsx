import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormFieldTextarea,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { useMunicipalities, usePartnerOrganisations } from '../reference/reference-api.js';
import { createInspection, placesKey, useLocations, useProjects } from './places-api.js';

/** As many locations as one page of the API holds: an inspection visits a handful. */
const LOCATION_CHOICES = 100;

/**
 * Planning an inspection: where and when, integral or by one partner, the partners taking part
 * (the user's own organisation always does), the project and the locations to visit, chosen from
 * the locations of that municipality the user may see. On success, the inspection's page.
 */
export function PlanInspection({ projectId }: { projectId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regionId = me.data?.region.id;
  const municipalities = useMunicipalities(regionId);
  const partners = usePartnerOrganisations(regionId);
  const projects = useProjects();
  const [municipality, setMunicipality] = useState('');
  // The other partners taking part, in the order they were added.
  const [chosen, setChosen] = useState<string[]>([]);
  const [adding, setAdding] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const query = new URLSearchParams({ pageSize: String(LOCATION_CHOICES) });
  if (municipality) query.set('municipalityCode', municipality);
  const locations = useLocations(query, Boolean(municipality));
  const plan = useMutation({
    mutationFn: createInspection,
    onSuccess: async (inspection) => {
      await queryClient.invalidateQueries({ queryKey: placesKey });
      await navigate(`/controles/${inspection.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const own = me.data?.organisation;
  const others = (partners.data ?? []).filter((p) => p.id !== own?.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    setErrors({});
    plan.mutate({
      municipalityCode: v.text('municipalityCode'),
      plannedOn: v.text('plannedOn'),
      integral: v.text('integral') === 'ja',
      organisationIds: [...(own ? [own.id] : []), ...chosen],
      locationIds: v.all('locationIds'),
      projectId: v.optional('projectId'),
      note: v.optional('note'),
    });
  }

  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  const partnerError = errors.integral ?? errors.organisationIds;
  const locationError = errors.locationIds;
  return (
    <Section id="controle-plannen" title={t('places.planInspection')}>
      <Paragraph>{t('places.planIntro')}</Paragraph>
      {plan.isError && !(plan.error instanceof ApiError && plan.error.problem.invalidParams) ? (
        <ProblemAlert error={plan.error} />
      ) : null}
      <form key={projectId} onSubmit={submit} noValidate aria-labelledby="controle-plannen">
        <SelectField
          id="controle-gemeente"
          name="municipalityCode"
          label={t('places.municipality')}
          value={municipality}
          onChange={(event) => setMunicipality(event.currentTarget.value)}
          placeholder={t('places.chooseMunicipality')}
          options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
          {...error('municipalityCode')}
        />
        <DateField
          id="controle-gepland"
          name="plannedOn"
          label={t('places.plannedOn')}
          {...error('plannedOn')}
        />
        <FormFieldCheckbox
          id="controle-integraal"
          name="integral"
          value="ja"
          label={t('places.integralLabel')}
          description={t('places.integralHint')}
        />
        <Fieldset
          invalid={Boolean(partnerError)}
          aria-describedby={['controle-partners-hulp', partnerError ? 'controle-partners-fout' : null]
            .filter(Boolean)
            .join(' ')}
        >
          <FieldsetLegend>{t('places.partnersTakingPart')}</FieldsetLegend>
          <FormFieldDescription id="controle-partners-hulp">
            {t('places.ownPartner', { name: own?.name ?? '' })}
          </FormFieldDescription>
          {partnerError ? (
            <FormFieldErrorMessage id="controle-partners-fout">{partnerError}</FormFieldErrorMessage>
          ) : null}
          {partners.isPending ? <Loading /> : null}
          {partners.isError ? (
            <ProblemAlert error={partners.error} onRetry={() => void partners.refetch()} />
          ) : null}
          {chosen.length > 0 ? (
            <UnorderedList>
              {chosen.map((id) => {
                const name = others.find((o) => o.id === id)?.name ?? id;
                return (
                  <UnorderedListItem key={id}>
                    {name}{' '}
                    <Button
                      appearance="subtle-button"
                      type="button"
                      aria-label={t('places.removePartner', { name })}
                      onClick={() => setChosen(chosen.filter((c) => c !== id))}
                    >
                      {t('intake.remove')}
                    </Button>
                  </UnorderedListItem>
                );
              })}
            </UnorderedList>
          ) : null}
          <SelectField
            id="controle-partner"
            label={t('places.addPartner')}
            value={adding}
            onChange={(event) => setAdding(event.currentTarget.value)}
            placeholder={t('step.chooseOrganisation')}
            options={others.filter((o) => !chosen.includes(o.id)).map((o) => [o.id, o.name] as const)}
          />
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => {
                if (adding && !chosen.includes(adding)) setChosen([...chosen, adding]);
                setAdding('');
              }}
            >
              {t('places.addPartnerButton')}
            </Button>
          </ButtonGroup>
        </Fieldset>
        <SelectField
          id="controle-project"
          name="projectId"
          label={t('places.projectOptional')}
          defaultValue={projectId}
          placeholder={t('places.noProject')}
          options={(projects.data ?? []).map((p) => [p.id, p.name] as const)}
          {...error('projectId')}
        />
        <Fieldset
          invalid={Boolean(locationError)}
          aria-describedby={locationError ? 'controle-locaties-fout' : undefined}
        >
          <FieldsetLegend>{t('places.locationsToVisit')}</FieldsetLegend>
          {locationError ? (
            <FormFieldErrorMessage id="controle-locaties-fout">{locationError}</FormFieldErrorMessage>
          ) : null}
          {!municipality ? <Paragraph>{t('places.chooseMunicipalityFirst')}</Paragraph> : null}
          {municipality && locations.isPending ? <Loading /> : null}
          {locations.isError ? (
            <ProblemAlert error={locations.error} onRetry={() => void locations.refetch()} />
          ) : null}
          {municipality && locations.data?.total === 0 ? (
            <Paragraph>{t('places.noLocationsHere')}</Paragraph>
          ) : null}
          {municipality && locations.data && locations.data.total > locations.data.items.length ? (
            <Paragraph>
              {t('places.firstLocations', {
                shown: locations.data.items.length,
                count: locations.data.total,
              })}
            </Paragraph>
          ) : null}
          {municipality
            ? locations.data?.items.map((l) => (
                <FormFieldCheckbox
                  key={l.id}
                  id={`controle-locatie-${l.id}`}
                  name="locationIds"
                  value={l.id}
                  label={`${l.name ? `${l.name}, ` : ''}${l.address} (${t(`locationKind.${l.kind}`)})`}
                />
              ))
            : null}
        </Fieldset>
        <FormFieldTextarea id="controle-toelichting" name="note" label={t('places.note')} />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={plan.isPending}>
            {t('places.planButton')}
          </Button>
        </ButtonGroup>
        {plan.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}
