import { locationKinds, type ScanDetail } from '@samenspel/contracts';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  RadioButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../components/api.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { FormValues } from '../../../components/form-values.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { SelectField } from '../../../components/select-field.js';
import { formatNumber, t } from '../../../i18n/i18n.js';
import { can, useMe } from '../../auth/auth-api.js';
import { useMunicipalities } from '../../reference/reference-api.js';
import { runScan, type ScanRunBody, useMunicipalityLocations, useScan } from './scans-api.js';
import './scans.css';

type Errors = Record<string, string>;
type Question = ScanDetail['versions'][number]['definition']['questions'][number];

/**
 * Running a scan in a municipality on a day: an answer to every question, or for an object scan
 * the objects one by one, each with its indicators and where it is (an existing risk location or
 * an address). The server refuses the whole run with every problem at once, named beside each
 * field and summed up above the form.
 */
export function ScanRunFormPage() {
  const { scanId } = useParams();
  const scan = useScan(scanId);
  useEffect(() => {
    if (scan.data) document.title = `${t('scans.runTitle', { name: scan.data.name })} · ${t('app.name')}`;
  }, [scan.data]);
  if (scan.isPending) return <Loading />;
  if (scan.isError) return <ProblemAlert error={scan.error} onRetry={() => void scan.refetch()} />;
  return <RunForm scan={scan.data} />;
}

/** One question as a group of radio buttons: the question is the group's name. */
function QuestionField({ question, name, errors }: { question: Question; name: string; errors: Errors }) {
  const error = errors[name];
  const id = name.replaceAll('.', '-');
  return (
    <Fieldset
      invalid={Boolean(error)}
      aria-describedby={error ? `${id}-fout` : undefined}
      className="samenspel-scan-question"
    >
      <FieldsetLegend>
        <span className="samenspel-scan-code">{question.code}</span> {question.text}
      </FieldsetLegend>
      {error ? <FormFieldErrorMessage id={`${id}-fout`}>{error}</FormFieldErrorMessage> : null}
      <div className="samenspel-scan-options">
        {question.options.map((o) => (
          <p key={o.value} className="samenspel-radio">
            <RadioButton id={`${id}-${o.value}`} name={name} value={o.value} invalid={Boolean(error)} />
            <FormLabel htmlFor={`${id}-${o.value}`} type="radio">
              {t('scans.optionPoints', {
                label: o.label,
                count: o.points * question.weight,
                points: formatNumber(o.points * question.weight),
              })}
            </FormLabel>
          </p>
        ))}
      </div>
    </Fieldset>
  );
}

function RunForm({ scan }: { scan: ScanDetail }) {
  const me = useMe();
  const navigate = useNavigate();
  const municipalities = useMunicipalities(me.data?.region.id);
  const [errors, setErrors] = useState<Errors>({});
  const [municipality, setMunicipality] = useState('');
  const next = useRef(1);
  const [objects, setObjects] = useState<number[]>([0]);
  const summary = useRef<HTMLDivElement>(null);
  const definition = scan.versions.at(-1)?.definition;
  const objectScan = scan.subject === 'objects';
  // A municipality's own staff run scans for their own municipality only.
  const own = me.data && !me.data.roles.includes('riec_analyst') ? me.data.organisation.code : null;
  const choices = (municipalities.data ?? []).filter((m) => !own || m.code === own);
  const locations = useMunicipalityLocations(municipality, objectScan && can(me.data, 'location.read'));
  const run = useMutation({
    mutationFn: (body: ScanRunBody) => runScan(scan.id, body),
    onSuccess: (result) => navigate(`/scans/uitvoeringen/${result.id}`),
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) {
        setErrors(error.fieldErrors());
        requestAnimationFrame(() => summary.current?.focus());
      }
    },
  });
  if (!definition) return null;
  const themes = [...new Set(definition.questions.map((q) => q.theme ?? ''))];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!definition) return;
    const v = new FormValues(new FormData(event.currentTarget));
    const answersOf = (prefix: string) =>
      Object.fromEntries(
        definition.questions.flatMap((q) => {
          const value = v.optional(`${prefix}${q.code}`);
          return value ? [[q.code, value]] : [];
        }),
      );
    const number = (name: string) => {
      const text = v.optional(name);
      return text === undefined ? undefined : Number(text);
    };
    run.mutate({
      municipalityCode: v.text('municipalityCode'),
      heldOn: v.optional('heldOn'),
      note: v.optional('note'),
      ...(objectScan
        ? {
            objects: objects.map((key) => {
              const at = `object-${key}-`;
              const locationId = v.optional(`${at}locationId`);
              const street = v.optional(`${at}street`);
              const postcode = v.optional(`${at}postcode`);
              const place = v.optional(`${at}place`);
              const houseNumber = number(`${at}houseNumber`);
              const address = street || postcode || place || houseNumber !== undefined;
              return {
                answers: answersOf(`${at}answers.`),
                ...(locationId ? { locationId } : {}),
                ...(address
                  ? {
                      newLocation: {
                        kind: v.choice(`${at}kind`, locationKinds),
                        address: { street, postcode, place, houseNumber },
                      },
                    }
                  : {}),
              };
            }),
          }
        : { answers: answersOf('answers.') }),
    });
  }

  // The server names an object's fields by its place in the list; the form keeps its own keys.
  const objectErrors = (index: number): Errors => {
    const prefix = `objects.${index}.`;
    return Object.fromEntries(
      Object.entries(errors).flatMap(([name, reason]) =>
        name.startsWith(prefix)
          ? [[name.slice(prefix.length), reason]]
          : name === `objects.${index}`
            ? [['', reason]]
            : [],
      ),
    );
  };
  const problems = run.error instanceof ApiError ? (run.error.problem.invalidParams ?? []) : [];
  return (
    <>
      <Paragraph>
        <RouterLink to={`/scans/${scan.id}`} className="utrecht-link">
          {t('scans.backTo', { name: scan.name })}
        </RouterLink>
      </Paragraph>
      <Heading1>{t('scans.runTitle', { name: scan.name })}</Heading1>
      <Paragraph>{objectScan ? t('scans.runIntroObjects') : t('scans.runIntro')}</Paragraph>
      {problems.length > 0 ? (
        <div ref={summary} tabIndex={-1}>
          <Alert type="error" role="alert">
            <Heading2>{t('scans.notRecorded', { count: problems.length })}</Heading2>
            <UnorderedList>
              {problems.map((p) => (
                <UnorderedListItem key={`${p.name}-${p.code}`}>{p.reason}</UnorderedListItem>
              ))}
            </UnorderedList>
          </Alert>
        </div>
      ) : null}
      {run.isError && !(run.error instanceof ApiError && run.error.problem.invalidParams) ? (
        <ProblemAlert error={run.error} />
      ) : null}
      <form onSubmit={submit} noValidate aria-label={t('scans.runTitle', { name: scan.name })}>
        <SelectField
          id="scan-gemeente"
          name="municipalityCode"
          label={t('scans.municipality')}
          value={municipality}
          onChange={(event) => setMunicipality(event.currentTarget.value)}
          placeholder={t('scans.chooseMunicipality')}
          options={choices.map((m) => [m.code, m.name] as const)}
          invalid={Boolean(errors.municipalityCode)}
          errorMessage={errors.municipalityCode}
        />
        <DateField
          id="scan-datum"
          name="heldOn"
          label={t('scans.heldOn')}
          defaultValue={isoDateFromToday()}
          invalid={Boolean(errors.heldOn)}
          errorMessage={errors.heldOn}
        />
        {objectScan ? (
          <>
            {objects.map((key, index) => {
              const own = objectErrors(index);
              const at = `object-${key}-`;
              return (
                <Fieldset key={key} className="samenspel-scan-object" invalid={Boolean(own[''])}>
                  <FieldsetLegend>{t('scans.objectN', { n: index + 1 })}</FieldsetLegend>
                  {own[''] ? <FormFieldErrorMessage>{own['']}</FormFieldErrorMessage> : null}
                  {definition.questions.map((q) => (
                    <QuestionField
                      key={q.code}
                      question={q}
                      name={`${at}answers.${q.code}`}
                      errors={{ [`${at}answers.${q.code}`]: own[`answers.${q.code}`] ?? '' }}
                    />
                  ))}
                  <Paragraph className="samenspel-muted">{t('scans.whereHint')}</Paragraph>
                  {locations.data ? (
                    <SelectField
                      id={`${at}bestaand`}
                      name={`${at}locationId`}
                      label={t('scans.existingLocation')}
                      defaultValue=""
                      placeholder={t('scans.noExisting')}
                      options={locations.data.map((l) => [l.id, l.address] as const)}
                      invalid={Boolean(own.locationId)}
                      errorMessage={own.locationId}
                    />
                  ) : null}
                  <SelectField
                    id={`${at}soort`}
                    name={`${at}kind`}
                    label={t('scans.locationKind')}
                    defaultValue={scan.kind === 'horecascan' ? 'catering' : 'business-unit'}
                    options={locationKinds.map((k) => [k, t(`locationKind.${k}`)] as const)}
                  />
                  <div className="samenspel-scan-address">
                    <FormFieldTextbox
                      id={`${at}straat`}
                      name={`${at}street`}
                      label={t('scans.street')}
                      invalid={Boolean(own['newLocation.address'])}
                      errorMessage={own['newLocation.address']}
                    />
                    <FormFieldTextbox
                      id={`${at}huisnummer`}
                      name={`${at}houseNumber`}
                      label={t('scans.houseNumber')}
                      inputMode="numeric"
                    />
                    <FormFieldTextbox
                      id={`${at}postcode`}
                      name={`${at}postcode`}
                      label={t('scans.postcode')}
                    />
                    <FormFieldTextbox id={`${at}plaats`} name={`${at}place`} label={t('scans.place')} />
                  </div>
                  {objects.length > 1 ? (
                    <ButtonGroup>
                      <Button
                        appearance="secondary-action-button"
                        onClick={() => setObjects((list) => list.filter((k) => k !== key))}
                      >
                        {t('scans.removeObject', { n: index + 1 })}
                      </Button>
                    </ButtonGroup>
                  ) : null}
                </Fieldset>
              );
            })}
            <ButtonGroup>
              <Button
                appearance="secondary-action-button"
                onClick={() => {
                  next.current += 1;
                  setObjects((list) => [...list, next.current]);
                }}
              >
                {t('scans.addObject')}
              </Button>
            </ButtonGroup>
          </>
        ) : (
          themes.map((theme) => (
            <section
              key={theme || 'zonder-thema'}
              className="samenspel-scan-theme"
              aria-label={theme || t('scans.questions')}
            >
              {theme ? <Heading2>{theme}</Heading2> : null}
              {definition.questions
                .filter((q) => (q.theme ?? '') === theme)
                .map((q) => (
                  <QuestionField key={q.code} question={q} name={`answers.${q.code}`} errors={errors} />
                ))}
            </section>
          ))
        )}
        <FormFieldTextarea id="scan-notitie" name="note" label={t('scans.note')} />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={run.isPending}>
            {t('scans.record')}
          </Button>
        </ButtonGroup>
        {run.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </>
  );
}
