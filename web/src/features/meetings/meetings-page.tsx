import { meetingKind } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  Heading1,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { useDistricts, useMunicipalities, usePartnerOrganisations } from '../reference/reference-api.js';
import { useSignals } from '../signals/signals-api.js';
import { createMeeting, meetingsKey, useMeetings } from './meetings-api.js';

/** LOO and DTO meetings: the list, and planning a new one with its attendees and agenda. */
export function MeetingsPage() {
  const meetings = useMeetings();
  useEffect(() => {
    document.title = `${t('meetings.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('meetings.title')}</Heading1>
      {meetings.isPending ? <Loading /> : null}
      {meetings.isError ? (
        <ProblemAlert error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : null}
      {meetings.data && meetings.data.length === 0 ? <Paragraph>{t('meetings.none')}</Paragraph> : null}
      {meetings.data && meetings.data.length > 0 ? (
        <DataTable
          caption={t('meetings.caption', { count: meetings.data.length })}
          columns={[t('meetings.date'), t('meetings.kind'), t('meetings.district'), t('meetings.agenda')]}
        >
          {meetings.data.map((m) => (
            <TableRow key={m.id}>
              <TableCell>
                <RouterLink to={`/overleggen/${m.id}`} className="utrecht-link">
                  {formatDate(m.date)}
                </RouterLink>
              </TableCell>
              <TableCell>{t(`meetingKind.${m.kind}`)}</TableCell>
              <TableCell>
                {m.district.name}
                {m.municipality ? ` · ${m.municipality.name}` : ''}
              </TableCell>
              <TableCell className="samenspel-number">{m.agenda.length}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
      <NewMeeting />
    </>
  );
}

function NewMeeting() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const districts = useDistricts(me.data?.region.id);
  const partners = usePartnerOrganisations(me.data?.region.id);
  const municipalities = useMunicipalities(me.data?.region.id);
  const signals = useSignals();
  const [districtId, setDistrictId] = useState('');
  const [kind, setKind] = useState<string>('loo');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: createMeeting,
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: meetingsKey });
      await navigate(`/overleggen/${meeting.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const open = (signals.data ?? []).filter(
    (s) => s.stage !== 'draft' && s.stage !== 'decided' && (!districtId || s.district?.id === districtId),
  );
  const organisations = (partners.data ?? []).filter(
    (o) =>
      o.kind !== 'municipality' ||
      (municipalities.data ?? []).some((m) => m.code === o.municipalityCode && m.districtId === districtId),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    create.mutate({
      kind: v.choice('kind', meetingKind.options) ?? 'loo',
      districtId: v.text('districtId'),
      ...(v.text('municipalityCode') ? { municipalityCode: v.text('municipalityCode') } : {}),
      date: v.text('date'),
      attendingOrganisationIds: v.all('attendingOrganisationIds'),
      signalIds: v.all('signalIds'),
    });
  }

  return (
    <Section id="nieuw-overleg" title={t('meetings.new')}>
      {create.isError && !(create.error instanceof ApiError && create.error.problem.invalidParams) ? (
        <ProblemAlert error={create.error} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <SelectField
          id="overleg-soort"
          name="kind"
          label={t('meetings.kind')}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value)}
          options={meetingKind.options.map((k) => [k, t(`meetingKind.${k}`)] as const)}
        />
        <SelectField
          id="overleg-district"
          name="districtId"
          label={t('meetings.district')}
          value={districtId}
          onChange={(event) => setDistrictId(event.currentTarget.value)}
          placeholder={t('meetings.chooseDistrict')}
          options={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
          invalid={Boolean(errors.districtId)}
          errorMessage={errors.districtId}
        />
        {kind === 'loo' && districtId ? (
          <SelectField
            id="overleg-gemeente"
            name="municipalityCode"
            label={t('meetings.municipality')}
            hint={t('meetings.municipalityHint')}
            placeholder={t('meetings.noMunicipality')}
            options={(municipalities.data ?? [])
              .filter((m) => m.districtId === districtId)
              .map((m) => [m.code, m.name] as const)}
            invalid={Boolean(errors.municipalityCode)}
            errorMessage={errors.municipalityCode}
          />
        ) : null}
        <DateField
          id="overleg-datum"
          name="date"
          label={t('meetings.date')}
          defaultValue={isoDateFromToday()}
          invalid={Boolean(errors.date)}
          errorMessage={errors.date}
        />
        {districtId ? (
          <>
            <Fieldset invalid={Boolean(errors.attendingOrganisationIds)}>
              <FieldsetLegend>{t('meetings.attendees')}</FieldsetLegend>
              {errors.attendingOrganisationIds ? (
                <FormFieldErrorMessage>{errors.attendingOrganisationIds}</FormFieldErrorMessage>
              ) : null}
              {organisations.map((o) => (
                <FormFieldCheckbox
                  key={o.id}
                  id={`overleg-org-${o.id}`}
                  name="attendingOrganisationIds"
                  value={o.id}
                  label={o.name}
                  defaultChecked={o.kind === 'municipality' || o.kind === 'police' || o.kind === 'riec'}
                />
              ))}
            </Fieldset>
            <Fieldset>
              <FieldsetLegend>{t('meetings.agenda')}</FieldsetLegend>
              {open.length === 0 ? <Paragraph>{t('meetings.noOpenSignals')}</Paragraph> : null}
              {open.map((s) => (
                <FormFieldCheckbox
                  key={s.id}
                  id={`overleg-signaal-${s.id}`}
                  name="signalIds"
                  value={s.id}
                  label={`${s.reference} — ${s.municipality?.name ?? ''} (${t(`stage.${s.stage}`)})`}
                  defaultChecked
                />
              ))}
            </Fieldset>
          </>
        ) : null}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {t('meetings.create')}
          </Button>
        </ButtonGroup>
        {create.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}
