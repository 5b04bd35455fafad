import { caseOrigins, caseTypes } from '@samenspel/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import {
  useDistricts,
  useMunicipalities,
  usePartnerOrganisations,
  useThemes,
} from '../reference/reference-api.js';
import { casesKey, createCase, useAcceptedSignals, useCaseConfiguration } from './cases-api.js';

/** Starting a case: from accepted signals, an analysis product, or directly. */
/** The choice for a regional case across districts; sent as districtId null. */
const REGIONAL = 'regionaal';

export function CaseNewPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partnerOrganisations = usePartnerOrganisations(me.data?.region.id);
  const allMunicipalities = useMunicipalities(me.data?.region.id);
  const themes = useThemes(me.data?.region.id);
  const districts = useDistricts(me.data?.region.id);
  const configuration = useCaseConfiguration();
  const signals = useAcceptedSignals(true);
  const [origin, setOrigin] = useState<(typeof caseOrigins)[number]>('signal');
  const [districtId, setDistrictId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `${t('cases.new')} · ${t('app.name')}`;
  }, []);
  if ([partnerOrganisations, allMunicipalities, themes, configuration].some((q) => q.isPending))
    return <Loading />;
  const organisations = partnerOrganisations.data ?? [];
  const regional = districtId === REGIONAL;
  const municipalities = (allMunicipalities.data ?? []).filter(
    (m) => regional || m.districtId === districtId,
  );
  const partners = organisations.filter(
    (o) => o.kind !== 'municipality' || municipalities.some((m) => m.code === o.municipalityCode),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    setBusy(true);
    try {
      const created = await createCase({
        origin,
        signalIds: v.all('signalIds'),
        originOrganisationIds: v.all('originOrganisationIds'),
        codeName: v.text('codeName'),
        districtId: regional ? null : v.text('districtId'),
        municipalityCodes: v.all('municipalityCodes'),
        themeIds: v.all('themeIds'),
        type: v.choice('type', caseTypes),
        directorId: v.text('directorId'),
        participantIds: v.all('participantIds'),
        startedOn: v.text('startedOn'),
      });
      await queryClient.invalidateQueries({ queryKey: casesKey });
      await navigate(`/casussen/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
      else setErrors({ form: error instanceof Error ? error.message : t('signIn.offline') });
    } finally {
      setBusy(false);
    }
  }

  const error = (name: string) =>
    errors[name] ? <FormFieldErrorMessage>{errors[name]}</FormFieldErrorMessage> : null;

  return (
    <>
      <Heading1>{t('cases.new')}</Heading1>
      {Object.keys(errors).length ? (
        <Alert type="error" role="alert">
          <Paragraph>{t('cases.notSaved')}</Paragraph>
          <ul>
            {Object.values(errors).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Fieldset>
          <FieldsetLegend>{t('cases.origin')}</FieldsetLegend>
          {caseOrigins.map((o) => (
            <p key={o} className="samenspel-radio">
              <RadioButton
                id={`herkomst-${o}`}
                name="origin"
                value={o}
                checked={origin === o}
                onChange={() => setOrigin(o)}
              />
              <FormLabel htmlFor={`herkomst-${o}`} type="radio">
                {t(`origin.${o}`)}
              </FormLabel>
            </p>
          ))}
        </Fieldset>
        {origin === 'signal' ? (
          <Fieldset invalid={Boolean(errors.signalIds)}>
            <FieldsetLegend>{t('cases.signals')}</FieldsetLegend>
            {error('signalIds')}
            {(signals.data ?? []).map((s) => (
              <FormFieldCheckbox
                key={s.id}
                id={`casus-signaal-${s.id}`}
                name="signalIds"
                value={s.id}
                label={`${s.reference} — ${s.municipality?.name ?? ''}`}
              />
            ))}
          </Fieldset>
        ) : null}
        <FormFieldTextbox
          id="casus-codenaam"
          name="codeName"
          label={t('cases.codeName')}
          invalid={Boolean(errors.codeName)}
          errorMessage={errors.codeName}
        />
        <SelectField
          id="casus-district"
          name="districtId"
          label={t('meetings.district')}
          value={districtId}
          onChange={(event) => setDistrictId(event.currentTarget.value)}
          placeholder={t('meetings.chooseDistrict')}
          options={[
            ...(districts.data ?? []).map((d) => [d.id, d.name] as const),
            [REGIONAL, t('cases.regional')],
          ]}
          invalid={Boolean(errors.districtId)}
          errorMessage={errors.districtId}
        />
        {districtId ? (
          <>
            <Fieldset invalid={Boolean(errors.municipalityCodes)}>
              <FieldsetLegend>{t('cases.municipalities')}</FieldsetLegend>
              {error('municipalityCodes')}
              {municipalities.map((m) => (
                <FormFieldCheckbox
                  key={m.code}
                  id={`casus-gemeente-${m.code}`}
                  name="municipalityCodes"
                  value={m.code}
                  label={m.name}
                />
              ))}
            </Fieldset>
            <Fieldset invalid={Boolean(errors.participantIds)}>
              <FieldsetLegend>{t('cases.participants')}</FieldsetLegend>
              {error('participantIds')}
              {partners.map((o) => (
                <FormFieldCheckbox
                  key={o.id}
                  id={`casus-deelnemer-${o.id}`}
                  name="participantIds"
                  value={o.id}
                  label={o.name}
                />
              ))}
            </Fieldset>
            {origin === 'direct' ? (
              <Fieldset>
                <FieldsetLegend>{t('cases.originOrganisations')}</FieldsetLegend>
                {partners.map((o) => (
                  <FormFieldCheckbox
                    key={o.id}
                    id={`casus-herkomst-${o.id}`}
                    name="originOrganisationIds"
                    value={o.id}
                    label={o.name}
                  />
                ))}
              </Fieldset>
            ) : null}
          </>
        ) : null}
        <Fieldset invalid={Boolean(errors.themeIds)}>
          <FieldsetLegend>{t('intake.themes')}</FieldsetLegend>
          {error('themeIds')}
          {(themes.data ?? [])
            .filter((th) => th.scope === 'national')
            .map((th) => (
              <FormFieldCheckbox
                key={th.id}
                id={`casus-thema-${th.id}`}
                name="themeIds"
                value={th.id}
                label={th.name}
              />
            ))}
        </Fieldset>
        <SelectField
          id="casus-soort"
          name="type"
          label={t('cases.type')}
          defaultValue="subject"
          options={caseTypes.map((c) => [c, t(`caseType.${c}`)] as const)}
        />
        <SelectField
          id="casus-regisseur"
          name="directorId"
          label={t('cases.director')}
          defaultValue={configuration.data?.directors[0]?.id ?? ''}
          options={(configuration.data?.directors ?? []).map((d) => [d.id, d.name] as const)}
          invalid={Boolean(errors.directorId)}
          errorMessage={errors.directorId}
        />
        <DateField
          id="casus-start"
          name="startedOn"
          label={t('cases.started')}
          defaultValue={isoDateFromToday()}
          invalid={Boolean(errors.startedOn)}
          errorMessage={errors.startedOn}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t('cases.start')}
          </Button>
        </ButtonGroup>
        {busy ? <Loading label={t('intake.saving')} /> : null}
      </form>
    </>
  );
}
