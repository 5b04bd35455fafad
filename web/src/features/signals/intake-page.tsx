import { type SignalDetail, signalSources, subjectKinds, urgencies } from '@samenspel/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { type MessageKey, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import {
  themeLabel,
  useDistricts,
  useMunicipalities,
  usePartnerOrganisations,
  useThemes,
} from '../reference/reference-api.js';
import {
  PersonAddressFields,
  personAddressPayload,
  personAddressValues,
} from '../subjects/person-address-fields.js';
import { NameReading } from './name-reading.js';
import { type IntakeBody, type SubjectDraft, saveSignal, signalsKey, useSignal } from './signals-api.js';

type Kind = (typeof subjectKinds)[number];
type SubjectForm = { key: number; kind: Kind; values: Record<string, string> };

const fieldsOf: Record<
  Kind,
  Array<{ name: string; label: MessageKey; type?: string; required?: boolean }>
> = {
  person: [
    { name: 'firstNames', label: 'intake.firstNames', required: true },
    { name: 'prefix', label: 'intake.prefix' },
    { name: 'surname', label: 'intake.surname', required: true },
    { name: 'dateOfBirth', label: 'intake.dateOfBirth', type: 'date' },
    { name: 'bsn', label: 'intake.bsn' },
  ],
  company: [
    { name: 'name', label: 'intake.name', required: true },
    { name: 'kvkNumber', label: 'intake.kvk' },
    { name: 'establishmentNumber', label: 'intake.establishment' },
    { name: 'rsin', label: 'intake.rsin' },
  ],
  address: [
    { name: 'postcode', label: 'intake.postcode', required: true },
    { name: 'houseNumber', label: 'intake.houseNumber', required: true },
    { name: 'houseNumberAddition', label: 'intake.addition' },
    { name: 'street', label: 'intake.street' },
    { name: 'town', label: 'intake.town' },
  ],
  account: [
    { name: 'iban', label: 'intake.iban', required: true },
    { name: 'holder', label: 'intake.holder' },
  ],
  vehicle: [{ name: 'registration', label: 'intake.registration', required: true }],
};

/** A subject's fields as typed, those left empty out; a house number of digits as a number. */
function subjectPayload(s: SubjectForm): SubjectDraft {
  const v = (name: string) => {
    const value = s.values[name] ?? '';
    return value.trim() === '' ? undefined : value;
  };
  switch (s.kind) {
    case 'person':
      return {
        kind: 'person',
        firstNames: v('firstNames'),
        prefix: v('prefix'),
        surname: v('surname'),
        dateOfBirth: v('dateOfBirth'),
        bsn: v('bsn'),
        address: personAddressPayload((name) => v(`address.${name}`)),
      };
    case 'company':
      return {
        kind: 'company',
        name: v('name'),
        kvkNumber: v('kvkNumber'),
        establishmentNumber: v('establishmentNumber'),
        rsin: v('rsin'),
      };
    case 'address': {
      const houseNumber = v('houseNumber');
      return {
        kind: 'address',
        postcode: v('postcode'),
        houseNumber:
          houseNumber && /^\d+$/.test(houseNumber.trim()) ? Number(houseNumber.trim()) : houseNumber,
        houseNumberAddition: v('houseNumberAddition'),
        street: v('street'),
        town: v('town'),
      };
    }
    case 'account':
      return { kind: 'account', iban: v('iban'), holder: v('holder') };
    case 'vehicle':
      return { kind: 'vehicle', registration: v('registration') };
  }
}

/** The id of the form control a server-side error name points at. */
function controlId(name: string): string {
  return `veld-${name.replaceAll('.', '-')}`;
}

/** A draft's stored subjects as form values. */
function formOf(draft: SignalDetail | undefined, next: () => number): SubjectForm[] {
  return (draft?.subjects ?? []).map((s) => ({
    key: next(),
    kind: s.kind,
    values: {
      ...Object.fromEntries(
        Object.entries(s.data)
          .filter(([k]) => k !== 'kind' && k !== 'address')
          .map(([k, v]) => [k, String(v ?? '')]),
      ),
      ...personAddressValues(s.data),
    },
  }));
}

/** Intake of a new signal, or a draft taken up again. */
export function IntakePage() {
  const { signalId } = useParams();
  const draft = useSignal(signalId);
  if (signalId && draft.isPending) return <Loading />;
  if (signalId && draft.isError)
    return <ProblemAlert error={draft.error} onRetry={() => void draft.refetch()} />;
  return <IntakeForm draft={signalId ? draft.data : undefined} />;
}

/** The intake form: inline validation from the server, every problem next to its field. */
function IntakeForm({ draft }: { draft: SignalDetail | undefined }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partners = usePartnerOrganisations(me.data?.region.id);
  const municipalities = useMunicipalities(me.data?.region.id);
  const themes = useThemes(me.data?.region.id);
  const districts = useDistricts(me.data?.region.id);
  const nextKey = useRef(0);
  const [submitters, setSubmitters] = useState<string[]>(
    draft?.submittingOrganisations.map((o) => o.id) ?? [],
  );
  const [subjects, setSubjects] = useState<SubjectForm[]>(() =>
    formOf(draft, () => {
      nextKey.current += 1;
      return nextKey.current;
    }),
  );
  const [themeIds, setThemeIds] = useState<string[]>(draft?.themes.map((th) => th.id) ?? []);
  const [newKind, setNewKind] = useState<Kind>('person');
  const [errors, setErrors] = useState<Array<{ name: string; reason: string }>>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${t('intake.title')} · ${t('app.name')}`;
  }, []);
  useEffect(() => {
    if (me.data && submitters.length === 0) setSubmitters([me.data.organisation.id]);
  }, [me.data, submitters.length]);
  useEffect(() => {
    if (errors.length) summaryRef.current?.focus();
  }, [errors]);

  // In the summary a subject's problem names the subject: "Persoon 1: dit BSN klopt niet".
  const summaryLine = (e: { name: string; reason: string }) => {
    const index = /^subjects\.(\d+)\./.exec(e.name)?.[1];
    const subject = index === undefined ? undefined : subjects[Number(index)];
    if (!subject) return e.reason;
    const title = t('intake.subjectTitle', { kind: t(`kind.${subject.kind}`), n: Number(index) + 1 });
    return `${title}: ${e.reason.charAt(0).toLowerCase()}${e.reason.slice(1)}`;
  };
  const errorOf = (name: string) =>
    errors.find((e) => e.name === name || e.name.startsWith(`${name}.`))?.reason;
  const organisations = partners.data ?? [];

  async function save(form: HTMLFormElement, submit: boolean) {
    const v = new FormValues(new FormData(form));
    const body: IntakeBody = {
      submit,
      submittingOrganisationIds: submitters,
      source: v.optionalChoice('source', signalSources),
      description: v.text('description'),
      municipalityCode: v.optional('municipalityCode'),
      themeIds,
      urgency: v.optionalChoice('urgency', urgencies) ?? 'normal',
      subjects: subjects.map(subjectPayload),
      receivedFromOrganisationId: v.optional('receivedFromOrganisationId'),
      happenedOn: v.optional('happenedOn'),
    };
    setBusy(true);
    setFailure(null);
    try {
      const created = await saveSignal(draft?.id, body);
      await queryClient.invalidateQueries({ queryKey: signalsKey });
      await navigate(`/signalen/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.invalidParams?.length) {
        setErrors(error.problem.invalidParams.map((p) => ({ name: p.name, reason: p.reason })));
      } else {
        setErrors([]);
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const choice = (name: string) => ({
    id: controlId(name),
    name,
    invalid: Boolean(errorOf(name)),
    errorMessage: errorOf(name),
  });

  const choices = [partners, municipalities, themes];
  if (choices.some((q) => q.isPending)) return <Loading />;
  const failed = choices.find((q) => q.isError);
  if (failed) return <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} />;

  return (
    <>
      <Heading1>{draft ? t('intake.editTitle', { reference: draft.reference }) : t('intake.title')}</Heading1>
      <Paragraph>{t('intake.intro')}</Paragraph>
      {errors.length ? (
        <div ref={summaryRef} tabIndex={-1} className="samenspel-error-summary">
          <Alert type="error" role="alert">
            <Paragraph>{t('intake.errors')}</Paragraph>
            <ul>
              {errors.map((e) => (
                <li key={`${e.name}-${e.reason}`}>
                  <a href={`#${controlId(e.name)}`}>{summaryLine(e)}</a>
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      {failure ? <ProblemAlert error={failure} /> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          void save(event.currentTarget, submitter?.value !== 'concept');
        }}
      >
        <Fieldset invalid={Boolean(errorOf('submittingOrganisationIds'))}>
          <FieldsetLegend>{t('intake.submitters')}</FieldsetLegend>
          {errorOf('submittingOrganisationIds') ? (
            <FormFieldErrorMessage id={controlId('submittingOrganisationIds')}>
              {errorOf('submittingOrganisationIds')}
            </FormFieldErrorMessage>
          ) : null}
          <ul>
            {submitters.map((id) => {
              const name = organisations.find((o) => o.id === id)?.name ?? id;
              return (
                <li key={id}>
                  {name}{' '}
                  {id !== me.data?.organisation.id ? (
                    <Button
                      appearance="subtle-button"
                      type="button"
                      aria-label={t('intake.removeNamed', { name })}
                      onClick={() => setSubmitters(submitters.filter((s) => s !== id))}
                    >
                      {t('intake.remove')}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <SelectField
            id="mede-indiener"
            label={t('intake.addSubmitter')}
            value=""
            onChange={(event) => {
              const id = event.currentTarget.value;
              if (id && !submitters.includes(id)) setSubmitters([...submitters, id]);
            }}
            placeholder={t('step.chooseOrganisation')}
            options={organisations
              .filter((o) => !submitters.includes(o.id))
              .map((o) => [o.id, o.name] as const)}
          />
        </Fieldset>

        {me.data?.roles.includes('riec_analyst') ? (
          <SelectField
            {...choice('receivedFromOrganisationId')}
            label={t('intake.receivedFrom')}
            hint={t('intake.receivedFromHelp')}
            defaultValue={draft?.receivedFrom?.id ?? ''}
            placeholder={t('intake.receivedFromNone')}
            options={organisations
              .filter((o) => !submitters.includes(o.id))
              .map((o) => [o.id, o.name] as const)}
          />
        ) : null}
        <SelectField
          {...choice('source')}
          label={t('intake.source')}
          defaultValue={draft?.source ?? 'partner'}
          options={signalSources.map((s) => [s, t(`source.${s}`)] as const)}
        />
        <FormFieldTextarea
          id={controlId('description')}
          name="description"
          label={t('intake.description')}
          description={t('intake.descriptionHelp')}
          rows={6}
          defaultValue={draft?.description ?? ''}
          invalid={Boolean(errorOf('description'))}
          errorMessage={errorOf('description')}
        />
        <SelectField
          {...choice('municipalityCode')}
          label={t('intake.municipality')}
          defaultValue={draft?.municipality?.code ?? ''}
          placeholder={t('intake.chooseMunicipality')}
          options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
        />
        <Fieldset invalid={Boolean(errorOf('themeIds'))}>
          <FieldsetLegend>{t('intake.themes')}</FieldsetLegend>
          {errorOf('themeIds') ? (
            <FormFieldErrorMessage id={controlId('themeIds')}>{errorOf('themeIds')}</FormFieldErrorMessage>
          ) : null}
          {(themes.data ?? []).map((theme) => (
            <FormFieldCheckbox
              key={theme.id}
              id={`thema-${theme.id}`}
              label={themeLabel(theme, districts.data)}
              checked={themeIds.includes(theme.id)}
              onChange={(event) =>
                setThemeIds(
                  event.currentTarget.checked
                    ? [...themeIds, theme.id]
                    : themeIds.filter((x) => x !== theme.id),
                )
              }
            />
          ))}
        </Fieldset>
        <SelectField
          {...choice('urgency')}
          label={t('intake.urgency')}
          defaultValue={draft?.urgency ?? 'normal'}
          options={urgencies.map((u) => [u, t(`urgency.${u}`)] as const)}
        />
        <DateField
          {...choice('happenedOn')}
          label={t('intake.receivedOn')}
          hint={t('intake.receivedOnHint')}
          defaultValue={isoDateFromToday()}
          max={isoDateFromToday()}
        />

        <section aria-labelledby="betrokkenen-kop">
          <Heading2 id="betrokkenen-kop">{t('intake.subjects')}</Heading2>
          {subjects.map((subject, index) => (
            <fieldset key={subject.key} className="samenspel-subject">
              <legend>{t('intake.subjectTitle', { kind: t(`kind.${subject.kind}`), n: index + 1 })}</legend>
              {fieldsOf[subject.kind].map((f) => {
                const name = `subjects.${index}.${f.name}`;
                const change = (value: string) =>
                  setSubjects(
                    subjects.map((s) =>
                      s.key === subject.key ? { ...s, values: { ...s.values, [f.name]: value } } : s,
                    ),
                  );
                if (f.type === 'date')
                  return (
                    <DateField
                      key={f.name}
                      id={controlId(name)}
                      label={t(f.label)}
                      value={subject.values[f.name] ?? ''}
                      invalid={Boolean(errorOf(name))}
                      errorMessage={errorOf(name)}
                      onChange={(event) => change(event.currentTarget.value)}
                    />
                  );
                return (
                  <FormFieldTextbox
                    key={f.name}
                    id={controlId(name)}
                    label={t(f.label)}
                    type={f.type ?? 'text'}
                    required={f.required}
                    value={subject.values[f.name] ?? ''}
                    invalid={Boolean(errorOf(name))}
                    errorMessage={errorOf(name)}
                    onChange={(event) => change((event.target as HTMLInputElement).value)}
                  />
                );
              })}
              {subject.kind === 'person' ? <NameReading values={subject.values} /> : null}
              {subject.kind === 'person' ? (
                <PersonAddressFields
                  prefix={`subjects.${index}.address`}
                  field={choice}
                  values={subject.values}
                  onChange={(key, value) =>
                    setSubjects(
                      subjects.map((s) =>
                        s.key === subject.key ? { ...s, values: { ...s.values, [key]: value } } : s,
                      ),
                    )
                  }
                />
              ) : null}
              <Button
                appearance="subtle-button"
                type="button"
                onClick={() => setSubjects(subjects.filter((s) => s.key !== subject.key))}
              >
                {t('intake.remove')}
              </Button>
            </fieldset>
          ))}
          <SelectField
            id="nieuwe-betrokkene"
            label={t('intake.addSubject')}
            value={newKind}
            onChange={(event) => setNewKind(event.currentTarget.value as Kind)}
            options={subjectKinds.map((k) => [k, t(`kind.${k}`)] as const)}
          />
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              type="button"
              onClick={() => {
                nextKey.current += 1;
                setSubjects([...subjects, { key: nextKey.current, kind: newKind, values: {} }]);
              }}
            >
              {t('intake.add')}
            </Button>
          </ButtonGroup>
        </section>

        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" value="indienen" disabled={busy}>
            {t('intake.submit')}
          </Button>
          <Button type="submit" appearance="secondary-action-button" value="concept" disabled={busy}>
            {t('intake.saveDraft')}
          </Button>
        </ButtonGroup>
        {busy ? <Loading label={t('intake.saving')} /> : null}
      </form>
    </>
  );
}
