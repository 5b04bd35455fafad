import {
  caseOrigins,
  caseTypes,
  type SignalDetail,
  type SubjectRole,
  subjectRoles,
} from '@samenspel/contracts';
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
  Heading2,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import {
  useDistricts,
  useMunicipalities,
  usePartnerOrganisations,
  useThemes,
} from '../reference/reference-api.js';
import {
  casesKey,
  createCase,
  useAcceptedSignals,
  useCaseConfiguration,
  useStartingSignal,
} from './cases-api.js';

/** The choice for a regional case across districts; sent as districtId null. */
const REGIONAL = 'regionaal';

/** The partners that answered "hit" in the signal's rounds (the analyst sees the answers). */
function hitPartners(signal: SignalDetail): Array<{ id: string; name: string }> {
  const ids = new Set(
    signal.rounds.flatMap((r) =>
      (r.answers ?? []).filter((a) => a.answer === 'hit').map((a) => a.organisationId),
    ),
  );
  const named = signal.rounds.flatMap((r) => r.organisations ?? []);
  return [...ids].map((id) => ({ id, name: named.find((o) => o.id === id)?.name ?? '' }));
}

/** A subject of the signal comes into the case as main subject; an address, account or vehicle as "other". */
function defaultRole(kind: string): SubjectRole {
  return kind === 'person' || kind === 'company' ? 'main-subject' : 'other';
}

/**
 * Starting a case: from accepted signals, an analysis product, or directly. Opened from a signal
 * (`?signaal=<id>`), the form is filled in from it: the signal, its municipality and district,
 * its themes, its submitters and the partners with a hit as participants, and its subjects
 * offered to take over.
 */
export function CaseNewPage() {
  const [params] = useSearchParams();
  const signalId = params.get('signaal');
  const starting = useStartingSignal(signalId);
  useEffect(() => {
    document.title = `${t('cases.new')} · ${t('app.name')}`;
  }, []);
  if (signalId && starting.isPending) return <Loading />;
  if (signalId && starting.isError) {
    if (starting.error instanceof ApiError && starting.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={starting.error} onRetry={() => void starting.refetch()} />;
  }
  return <CaseNewForm key={signalId ?? 'leeg'} signal={starting.data ?? null} />;
}

function CaseNewForm({ signal }: { signal: SignalDetail | null }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partnerOrganisations = usePartnerOrganisations(me.data?.region.id);
  const allMunicipalities = useMunicipalities(me.data?.region.id);
  const themes = useThemes(me.data?.region.id);
  const districts = useDistricts(me.data?.region.id);
  const configuration = useCaseConfiguration();
  const accepted = useAcceptedSignals(true);
  const [origin, setOrigin] = useState<(typeof caseOrigins)[number]>('signal');
  const [districtId, setDistrictId] = useState(signal?.district?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
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
  const directors = configuration.data?.directors ?? [];
  const hits = signal ? hitPartners(signal) : [];
  const proposed = new Set([
    ...(signal?.submittingOrganisations.map((o) => o.id) ?? []),
    ...hits.map((o) => o.id),
  ]);
  const signals = [...(signal ? [signal] : []), ...(accepted.data ?? []).filter((s) => s.id !== signal?.id)];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    setBusy(true);
    try {
      const created = await createCase({
        origin,
        signalIds: origin === 'direct' ? [] : v.all('signalIds'),
        originOrganisationIds: v.all('originOrganisationIds'),
        codeName: v.text('codeName'),
        districtId: regional ? null : v.text('districtId'),
        municipalityCodes: v.all('municipalityCodes'),
        themeIds: v.all('themeIds'),
        type: v.choice('type', caseTypes),
        directorId: v.text('directorId'),
        participantIds: v.all('participantIds'),
        startedOn: v.text('startedOn'),
        signalSubjects: v.all('signalSubjectIds').map((id) => ({
          signalSubjectId: id,
          role: v.choice(`role-${id}`, subjectRoles),
        })),
      });
      await queryClient.invalidateQueries({ queryKey: casesKey });
      await navigate(`/casussen/${created.id}`, { state: { started: true } });
    } catch (error) {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
      else setErrors({ form: error instanceof ApiError ? error.message : t('signIn.offline') });
    } finally {
      setBusy(false);
    }
  }

  const error = (name: string) =>
    errors[name] ? <FormFieldErrorMessage>{errors[name]}</FormFieldErrorMessage> : null;

  return (
    <>
      <Heading1>{t('cases.new')}</Heading1>
      {signal ? (
        <Alert type="info">
          <Heading2>{t('caseNew.fromSignal', { reference: signal.reference })}</Heading2>
          <Paragraph>{t('caseNew.filledIn')}</Paragraph>
          {hits.length ? (
            <Paragraph>{t('caseNew.hits', { names: hits.map((o) => o.name).join(', ') })}</Paragraph>
          ) : null}
        </Alert>
      ) : null}
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
        {origin !== 'direct' ? (
          <Fieldset invalid={Boolean(errors.signalIds)}>
            <FieldsetLegend>{t('cases.signals')}</FieldsetLegend>
            {error('signalIds')}
            {accepted.isPending ? <Loading /> : null}
            {signals.map((s) => (
              <FormFieldCheckbox
                key={s.id}
                id={`casus-signaal-${s.id}`}
                name="signalIds"
                value={s.id}
                defaultChecked={s.id === signal?.id}
                label={`${s.reference} — ${s.municipality?.name ?? ''}`}
              />
            ))}
          </Fieldset>
        ) : null}
        {signal?.subjects.length && origin !== 'direct' ? (
          <Fieldset invalid={Boolean(errors.signalSubjects)}>
            <FieldsetLegend>{t('caseNew.subjects')}</FieldsetLegend>
            <Paragraph className="samenspel-muted">{t('caseNew.subjectsHint')}</Paragraph>
            {error('signalSubjects')}
            {signal.subjects.map((s) => (
              <div key={s.id} className="samenspel-case-new__subject">
                <FormFieldCheckbox
                  id={`casus-betrokkene-${s.id}`}
                  name="signalSubjectIds"
                  value={s.id}
                  defaultChecked
                  label={s.label}
                />
                <SelectField
                  id={`casus-rol-${s.id}`}
                  name={`role-${s.id}`}
                  label={t('caseNew.roleOf', { label: s.label })}
                  defaultValue={defaultRole(s.kind)}
                  options={subjectRoles.map((r) => [r, t(`subjectRole.${r}`)] as const)}
                />
              </div>
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
                  defaultChecked={m.code === signal?.municipality?.code}
                  label={m.name}
                />
              ))}
            </Fieldset>
            <Fieldset invalid={Boolean(errors.participantIds)}>
              <FieldsetLegend>{t('cases.participants')}</FieldsetLegend>
              {signal ? (
                <Paragraph className="samenspel-muted">{t('caseNew.participantsHint')}</Paragraph>
              ) : null}
              {error('participantIds')}
              {partners.map((o) => (
                <FormFieldCheckbox
                  key={o.id}
                  id={`casus-deelnemer-${o.id}`}
                  name="participantIds"
                  value={o.id}
                  defaultChecked={proposed.has(o.id)}
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
                defaultChecked={signal?.themes.some((x) => x.id === th.id) ?? false}
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
          // One director in the region is the choice; among several, nobody is picked by accident.
          defaultValue={directors.length === 1 ? (directors[0]?.id ?? '') : ''}
          placeholder={directors.length === 1 ? undefined : t('cases.choose')}
          options={directors.map((d) => [d.id, d.name] as const)}
          invalid={Boolean(errors.directorId)}
          errorMessage={errors.directorId}
        />
        <DateField
          id="casus-start"
          name="startedOn"
          label={t('cases.started')}
          defaultValue={isoDateFromToday()}
          max={isoDateFromToday()}
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
