import {
  adviceStatuses,
  type CaseDetail,
  type CasePhase,
  casePhases,
  classifications,
  interventionKinds,
  resultKinds,
  subjectRoles,
} from '@samenspel/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError, getJson, uploadFile } from '../../components/api.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, formatDateTime, formatNumber, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import { CaseNetwork, KnownElsewhere } from '../subjects/case-network.js';
import { type CaseConfiguration, useCase, useCaseChange, useCaseConfiguration } from './cases-api.js';

type Field =
  | {
      name: string;
      label: string;
      kind: 'text' | 'textarea' | 'date' | 'euro' | 'number';
      optional?: boolean;
      value?: string;
    }
  | { name: string; label: string; kind: 'select'; options: Array<[string, string]>; optional?: boolean };

const euros = (cents: number | null) => (cents === null ? '—' : `€ ${formatNumber(cents / 100)}`);

/** A small form for one change to the case; the server's problems appear next to the fields. */
function ChangeForm({
  id,
  title,
  fields,
  submitLabel,
  toBody,
  path,
  method = 'POST',
  caseId,
}: {
  id: string;
  title: string;
  fields: Field[];
  submitLabel: string;
  toBody: (values: Record<string, string>) => unknown;
  path: string | ((values: Record<string, string>) => string);
  method?: 'POST' | 'PUT';
  caseId: string;
}) {
  const change = useCaseChange(caseId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = Object.fromEntries(fields.map((f) => [f.name, String(data.get(f.name) ?? '').trim()]));
    change.mutate(
      { method, path: typeof path === 'string' ? path : path(values), body: toBody(values) },
      {
        onSuccess: () => {
          setErrors({});
          form.reset();
        },
        onError: (error) =>
          setErrors(
            error instanceof ApiError && error.problem.invalidParams
              ? error.fieldErrors()
              : {
                  form:
                    error instanceof ApiError ? (error.problem.detail ?? error.message) : t('signIn.offline'),
                },
          ),
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="samenspel-subject" aria-labelledby={`${id}-kop`}>
      <h3 id={`${id}-kop`} className="utrecht-heading-3">
        {title}
      </h3>
      {errors.form ? (
        <Alert type="error" role="alert">
          <Paragraph>{errors.form}</Paragraph>
        </Alert>
      ) : null}
      {fields.map((f) => {
        const fieldId = `${id}-${f.name}`;
        if (f.kind === 'select')
          return (
            <FormField
              key={f.name}
              invalid={Boolean(errors[f.name])}
              label={<FormLabel htmlFor={fieldId}>{f.label}</FormLabel>}
            >
              {errors[f.name] ? <FormFieldErrorMessage>{errors[f.name]}</FormFieldErrorMessage> : null}
              <Select id={fieldId} name={f.name} defaultValue="">
                {f.optional ? <SelectOption value="">—</SelectOption> : null}
                {f.options.map(([value, label]) => (
                  <SelectOption key={value} value={value}>
                    {label}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
          );
        if (f.kind === 'textarea')
          return (
            <FormFieldTextarea
              key={f.name}
              id={fieldId}
              name={f.name}
              label={f.label}
              rows={3}
              invalid={Boolean(errors[f.name])}
              errorMessage={errors[f.name]}
            />
          );
        return (
          <FormFieldTextbox
            key={f.name}
            id={fieldId}
            name={f.name}
            label={f.label}
            type={f.kind === 'date' ? 'date' : 'text'}
            defaultValue={f.value ?? (f.kind === 'date' ? new Date().toISOString().slice(0, 10) : '')}
            invalid={Boolean(errors[f.name] ?? errors[`${f.name}Cents`])}
            errorMessage={errors[f.name] ?? errors[`${f.name}Cents`]}
          />
        );
      })}
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" disabled={change.isPending}>
          {submitLabel}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function currentQuarter(): string {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

interface AttachmentView {
  id: string;
  fileName: string;
  sizeBytes: number;
  organisation: { name: string };
  uploadedAt: string;
}

/** Attachments: encrypted at rest on the server; uploaded as a stream, downloaded as a link. */
function Attachments({ caseId, canUpload }: { caseId: string; canUpload: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['case-attachments', caseId],
    queryFn: ({ signal }) =>
      getJson<{ items: AttachmentView[] }>(`/api/v1/cases/${caseId}/attachments`, signal).then(
        (r) => r.items,
      ),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      await uploadFile(`/api/v1/cases/${caseId}/attachments`, body);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['case-attachments', caseId] });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? (e.problem.invalidParams?.[0]?.reason ?? e.problem.detail ?? e.message)
          : t('signIn.offline'),
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section id="bijlagen" title={t('cases.attachments')}>
      {list.isPending ? <Loading /> : null}
      <ul>
        {(list.data ?? []).map((a) => (
          <li key={a.id}>
            <a className="utrecht-link" href={`/api/v1/cases/${caseId}/attachments/${a.id}`} download>
              {a.fileName}
            </a>{' '}
            ({formatNumber(Math.ceil(a.sizeBytes / 1024))} kB, {a.organisation.name},{' '}
            {formatDateTime(a.uploadedAt)})
          </li>
        ))}
      </ul>
      {canUpload ? (
        <form
          onSubmit={(event) => void upload(event)}
          noValidate
          aria-labelledby="bijlage-kop"
          className="samenspel-subject"
        >
          <h3 id="bijlage-kop" className="utrecht-heading-3">
            {t('cases.addAttachment')}
          </h3>
          <FormField
            invalid={Boolean(error)}
            label={<FormLabel htmlFor="bijlage-bestand">{t('cases.file')}</FormLabel>}
          >
            {error ? <FormFieldErrorMessage>{error}</FormFieldErrorMessage> : null}
            <input
              id="bijlage-bestand"
              name="file"
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt"
              required
            />
          </FormField>
          <ButtonGroup>
            <Button type="submit" appearance="secondary-action-button" disabled={busy}>
              {t('cases.upload')}
            </Button>
          </ButtonGroup>
          {busy ? <Loading label={t('cases.uploading')} /> : null}
        </form>
      ) : null}
    </Section>
  );
}

/** Euros as typed by people (`120.000,50` or `1200`) to whole cents; NaN when it is no amount. */
export function toCents(value: string): number | undefined {
  if (!value) return undefined;
  const normalised = value.replace(/[€\s.]/g, '').replace(',', '.');
  return /^-?\d+(\.\d{1,2})?$/.test(normalised) ? Math.round(Number(normalised) * 100) : Number.NaN;
}

export function CasePage() {
  const { caseId } = useParams();
  const found = useCase(caseId);
  const configuration = useCaseConfiguration();
  useEffect(() => {
    if (found.data) document.title = `${found.data.codeName} · ${t('app.name')}`;
  }, [found.data]);
  if (found.isPending || configuration.isPending) return <Loading />;
  if (found.isError) {
    if (found.error instanceof ApiError && found.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={found.error} onRetry={() => void found.refetch()} />;
  }
  if (configuration.isError) return <ProblemAlert error={configuration.error} />;
  return <CaseView c={found.data} configuration={configuration.data} />;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="samenspel-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

function CaseView({ c, configuration }: { c: CaseDetail; configuration: CaseConfiguration }) {
  const me = useMe();
  const partners = usePartnerOrganisations(me.data?.region.id);
  const manage = c.abilities.includes('manage');
  const analyst = can(me.data, 'subject.read');
  const contribute = c.abilities.includes('contribute');
  const open = c.phase !== 'closed';
  const participants = c.participants.filter((p) => !p.removedAt);
  const partnerOptions = participants.map(
    (p) => [p.organisation.id, p.organisation.name] as [string, string],
  );
  const next = casePhases[casePhases.indexOf(c.phase) + 1] as CasePhase | undefined;
  const phaseChange = useCaseChange(c.id);
  const others = (partners.data ?? []).filter((o) => !participants.some((p) => p.organisation.id === o.id));
  const signalSubjects = c.signalSubjects;

  return (
    <>
      <Paragraph>
        <RouterLink to="/casussen" className="utrecht-link">
          {t('cases.title')}
        </RouterLink>
      </Paragraph>
      <Heading1>{c.codeName}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t('cases.reference')}</DataListKey>
          <DataListValue>{c.reference}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.phase')}</DataListKey>
          <DataListValue>{t(`phase.${c.phase}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.origin')}</DataListKey>
          <DataListValue>
            {t(`origin.${c.origin}`)}
            {c.signals.length ? ` (${c.signals.map((s) => s.reference).join(', ')})` : ''}
            {c.originOrganisations.length ? ` — ${c.originOrganisations.map((o) => o.name).join(', ')}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.director')}</DataListKey>
          <DataListValue>{c.director?.name ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.district')}</DataListKey>
          <DataListValue>
            {c.district?.name ?? t('cases.regionalShort')}: {c.municipalities.map((m) => m.name).join(', ')}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.goal')}</DataListKey>
          <DataListValue>{c.goal ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.strategy')}</DataListKey>
          <DataListValue>{c.strategy ?? '—'}</DataListValue>
        </DataListItem>
      </DataList>

      {manage && c.phase === 'start' ? (
        <ChangeForm
          id="doel"
          caseId={c.id}
          title={t('cases.goalAndStrategy')}
          method="PUT"
          path="/goal"
          submitLabel={t('step.save')}
          fields={[
            { name: 'goal', label: t('cases.goal'), kind: 'textarea' },
            { name: 'strategy', label: t('cases.strategy'), kind: 'textarea' },
          ]}
          toBody={(v) => v}
        />
      ) : null}
      {manage ? (
        <Section id="fase" title={t('cases.phase')}>
          {phaseChange.isError ? <ProblemAlert error={phaseChange.error} /> : null}
          <ButtonGroup>
            {next && next !== 'closed' ? (
              <Button
                appearance="secondary-action-button"
                disabled={phaseChange.isPending}
                onClick={() =>
                  phaseChange.mutate({ method: 'POST', path: '/phase', body: { type: 'advance', to: next } })
                }
              >
                {t('cases.toPhase', { phase: t(`phase.${next}`) })}
              </Button>
            ) : null}
            {c.phase === 'evaluation' ? (
              <Button
                appearance="primary-action-button"
                disabled={phaseChange.isPending}
                onClick={() =>
                  phaseChange.mutate({ method: 'POST', path: '/phase', body: { type: 'close' } })
                }
              >
                {t('cases.close')}
              </Button>
            ) : null}
          </ButtonGroup>
          {c.phase === 'closed' ? (
            <ChangeForm
              id="heropenen"
              caseId={c.id}
              title={t('cases.reopen')}
              path="/phase"
              submitLabel={t('cases.reopen')}
              fields={[{ name: 'reason', label: t('step.reason'), kind: 'text' }]}
              toBody={(v) => ({ type: 'reopen', reason: v.reason })}
            />
          ) : null}
        </Section>
      ) : null}

      <Section id="deelnemers" title={t('cases.participants')}>
        <ul>
          {c.participants.map((p) => (
            <li key={`${p.organisation.id}-${p.addedAt}`}>
              {p.organisation.name} — {p.addedReason}
              {p.removedAt
                ? ` (${t('cases.removed', { date: formatDateTime(p.removedAt), reason: p.removedReason ?? '' })})`
                : ''}
            </li>
          ))}
        </ul>
        {manage && open ? (
          <ChangeForm
            id="deelnemer"
            caseId={c.id}
            title={t('cases.addParticipant')}
            path="/participants"
            submitLabel={t('cases.add')}
            fields={[
              {
                name: 'organisationId',
                label: t('admin.organisation'),
                kind: 'select',
                options: others.map((o) => [o.id, o.name]),
              },
              { name: 'reason', label: t('step.reason'), kind: 'text' },
            ]}
            toBody={(v) => v}
          />
        ) : null}
      </Section>

      <Section id="betrokkenen" title={t('signal.subjects')}>
        <ul>
          {c.subjects.map((s) => (
            <li key={s.id}>
              {t(`subjectRole.${s.role}`)}: {s.label}
              <KnownElsewhere s={s} analyst={analyst} />
            </li>
          ))}
        </ul>
        {manage && open ? (
          <ChangeForm
            id="betrokkene"
            caseId={c.id}
            title={t('cases.addSubject')}
            path="/subjects"
            submitLabel={t('cases.add')}
            fields={[
              {
                name: 'role',
                label: t('cases.role'),
                kind: 'select',
                options: subjectRoles.map((r) => [r, t(`subjectRole.${r}`)]),
              },
              {
                name: 'signalSubjectId',
                label: t('cases.fromSignal'),
                kind: 'select',
                optional: true,
                options: signalSubjects.map((x) => [x.id, x.label]),
              },
              { name: 'companyName', label: t('cases.orCompany'), kind: 'text', optional: true },
            ]}
            toBody={(v) => ({
              role: v.role,
              ...(v.signalSubjectId ? { signalSubjectId: v.signalSubjectId } : {}),
              ...(!v.signalSubjectId && v.companyName
                ? { subject: { kind: 'company', name: v.companyName } }
                : {}),
            })}
          />
        ) : null}
      </Section>

      <Section id="netwerk" title={t('network.title')}>
        <CaseNetwork c={c} manage={manage} analyst={analyst} />
      </Section>

      <Section id="verstrekkingen" title={t('cases.provisions')}>
        <ul>
          {c.provisions.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong> — {p.organisation.name}, {formatDate(p.providedOn)},{' '}
              {p.legalBasis.name} ({p.classification})
              <br />
              {p.body}
            </li>
          ))}
        </ul>
        {contribute && open ? (
          <ChangeForm
            id="verstrekking"
            caseId={c.id}
            title={t('cases.addProvision')}
            path="/provisions"
            submitLabel={t('cases.add')}
            fields={[
              { name: 'title', label: t('cases.provisionTitle'), kind: 'text' },
              { name: 'body', label: t('cases.provisionBody'), kind: 'textarea' },
              {
                name: 'legalBasisId',
                label: t('cases.legalBasis'),
                kind: 'select',
                optional: true,
                options: configuration.legalBases.map((b) => [b.id, b.name]),
              },
              {
                name: 'classification',
                label: t('cases.classification'),
                kind: 'select',
                options: classifications.map((k) => [k, k]),
              },
              { name: 'providedOn', label: t('cases.providedOn'), kind: 'date' },
            ]}
            toBody={(v) => ({ ...v, legalBasisId: v.legalBasisId || undefined })}
          />
        ) : null}
      </Section>

      <Section id="matrix" title={t('cases.matrix')}>
        <ul>
          {c.matrix.map((m) => (
            <li key={m.id}>
              {m.barrier}: {m.intervention.name} ({m.organisation.name})
              {m.chosen ? ` — ${t('cases.chosen')}` : ''}
            </li>
          ))}
        </ul>
        {manage && open ? (
          <ChangeForm
            id="matrix-regel"
            caseId={c.id}
            title={t('cases.addMatrix')}
            path="/matrix"
            submitLabel={t('cases.add')}
            fields={[
              { name: 'barrier', label: t('cases.barrier'), kind: 'text' },
              {
                name: 'catalogueId',
                label: t('cases.intervention'),
                kind: 'select',
                options: configuration.interventions.map((i) => [
                  i.id,
                  `${t(`kindOf.${i.kind as 'other'}`)}: ${i.name}`,
                ]),
              },
              {
                name: 'organisationId',
                label: t('admin.organisation'),
                kind: 'select',
                options: partnerOptions,
              },
              {
                name: 'chosen',
                label: t('cases.inStrategy'),
                kind: 'select',
                options: [
                  ['false', t('cases.no')],
                  ['true', t('cases.yes')],
                ],
              },
            ]}
            toBody={(v) => ({ ...v, chosen: v.chosen === 'true' })}
          />
        ) : null}
      </Section>

      <Section id="adviezen" title={t('cases.advices')}>
        <ul>
          {c.advices.map((a) => (
            <li key={a.id}>
              {t(`kindOf.${a.kind}`)} — {a.organisation.name}, {formatDate(a.givenOn)}: {a.description} (
              {t(`adviceStatus.${a.status}`)})
            </li>
          ))}
        </ul>
        {manage && open ? (
          <ChangeForm
            id="advies"
            caseId={c.id}
            title={t('cases.addAdvice')}
            path="/advices"
            submitLabel={t('cases.add')}
            fields={[
              {
                name: 'kind',
                label: t('cases.kind'),
                kind: 'select',
                options: interventionKinds.map((k) => [k, t(`kindOf.${k}`)]),
              },
              {
                name: 'organisationId',
                label: t('admin.organisation'),
                kind: 'select',
                options: partnerOptions,
              },
              { name: 'description', label: t('cases.description'), kind: 'textarea' },
              { name: 'givenOn', label: t('cases.givenOn'), kind: 'date' },
            ]}
            toBody={(v) => v}
          />
        ) : null}
        {manage && open && c.advices.length ? (
          <ChangeForm
            id="advies-status"
            caseId={c.id}
            title={t('cases.adviceStatus')}
            method="PUT"
            path={(v) => `/advices/${v.adviceId}/status`}
            submitLabel={t('step.save')}
            fields={[
              {
                name: 'adviceId',
                label: t('cases.advices'),
                kind: 'select',
                options: c.advices.map((a) => [a.id, `${t(`kindOf.${a.kind}`)}: ${a.description}`]),
              },
              {
                name: 'status',
                label: t('cases.status'),
                kind: 'select',
                options: adviceStatuses.map((x) => [x, t(`adviceStatus.${x}`)]),
              },
            ]}
            toBody={(v) => ({ status: v.status })}
          />
        ) : null}
      </Section>

      <Section id="interventies" title={t('cases.interventions')}>
        <ul>
          {c.interventions.map((i) => (
            <li key={i.id}>
              {t(`kindOf.${i.kind}`)} — {i.organisation.name}, {formatDate(i.carriedOutOn)}: {i.description}
              {i.outcome ? ` (${i.outcome})` : ''}
            </li>
          ))}
        </ul>
        {contribute && open ? (
          <ChangeForm
            id="interventie"
            caseId={c.id}
            title={t('cases.addIntervention')}
            path="/interventions"
            submitLabel={t('cases.add')}
            fields={[
              {
                name: 'adviceId',
                label: t('cases.onAdvice'),
                kind: 'select',
                optional: true,
                options: c.advices.map((a) => [a.id, `${t(`kindOf.${a.kind}`)}: ${a.description}`]),
              },
              {
                name: 'kind',
                label: t('cases.kind'),
                kind: 'select',
                options: interventionKinds.map((k) => [k, t(`kindOf.${k}`)]),
              },
              { name: 'description', label: t('cases.description'), kind: 'textarea' },
              { name: 'outcome', label: t('cases.outcome'), kind: 'text' },
              { name: 'carriedOutOn', label: t('cases.carriedOutOn'), kind: 'date' },
            ]}
            toBody={(v) => ({ ...v, adviceId: v.adviceId || undefined, outcome: v.outcome || undefined })}
          />
        ) : null}
      </Section>

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
        {contribute && open ? (
          <ChangeForm
            id="resultaat"
            caseId={c.id}
            title={t('cases.addResult')}
            path="/results"
            submitLabel={t('cases.add')}
            fields={[
              {
                name: 'kind',
                label: t('cases.kind'),
                kind: 'select',
                options: resultKinds.map((k) => [k, t(`resultKind.${k}`)]),
              },
              { name: 'imposed', label: t('cases.imposedEuro'), kind: 'euro', optional: true },
              { name: 'imposedOn', label: t('cases.imposedOn'), kind: 'date' },
              { name: 'collected', label: t('cases.collectedEuro'), kind: 'euro', optional: true },
              { name: 'count', label: t('cases.count'), kind: 'number', optional: true },
            ]}
            toBody={(v) => {
              const imposed = toCents(v.imposed ?? '');
              const collected = toCents(v.collected ?? '');
              return {
                kind: v.kind,
                ...(imposed !== undefined ? { imposedCents: imposed, imposedOn: v.imposedOn } : {}),
                ...(collected !== undefined ? { collectedCents: collected, collectedOn: v.imposedOn } : {}),
                ...(v.count ? { count: Number(v.count) } : {}),
              };
            }}
          />
        ) : null}
      </Section>

      <Section id="communicatie" title={t('cases.communications')}>
        <ul>
          {c.communications.map((x) => (
            <li key={x.id}>
              {formatDate(x.onDate)} — {x.channel}: {x.description}
            </li>
          ))}
        </ul>
        {manage && open ? (
          <ChangeForm
            id="communicatie-actie"
            caseId={c.id}
            title={t('cases.addCommunication')}
            path="/communications"
            submitLabel={t('cases.add')}
            fields={[
              { name: 'channel', label: t('cases.channel'), kind: 'text' },
              { name: 'description', label: t('cases.description'), kind: 'textarea' },
              { name: 'onDate', label: t('meetings.date'), kind: 'date' },
            ]}
            toBody={(v) => v}
          />
        ) : null}
      </Section>

      <Attachments caseId={c.id} canUpload={contribute && open} />

      {c.abilities.includes('prioritise') && open ? (
        <Section id="prioriteit" title={t('cases.priority')}>
          <Paragraph>
            {c.priority ? t('cases.priorityNow', { priority: c.priority }) : t('cases.noPriority')}
          </Paragraph>
          <ChangeForm
            id="prioriteit-zetten"
            caseId={c.id}
            title={t('cases.setPriority')}
            method="PUT"
            path="/priority"
            submitLabel={t('step.save')}
            fields={[
              { name: 'quarter', label: t('cases.quarter'), kind: 'text', value: currentQuarter() },
              {
                name: 'priority',
                label: t('cases.priority'),
                kind: 'select',
                options: [
                  ['1', '1'],
                  ['2', '2'],
                  ['3', '3'],
                ],
              },
            ]}
            toBody={(v) => ({ quarter: v.quarter, priority: Number(v.priority) })}
          />
          {c.phase === 'evaluation' && !c.evaluation ? (
            <ChangeForm
              id="evaluatie-overslaan"
              caseId={c.id}
              title={t('cases.waive')}
              method="PUT"
              path="/evaluation"
              submitLabel={t('step.save')}
              fields={[{ name: 'waivedReason', label: t('step.reason'), kind: 'text' }]}
              toBody={(v) => v}
            />
          ) : null}
        </Section>
      ) : null}

      <Section id="evaluatie" title={t('cases.evaluation')}>
        {c.evaluation ? (
          <DataList>
            {c.evaluation.waivedReason ? (
              <DataListItem>
                <DataListKey>{t('cases.waived')}</DataListKey>
                <DataListValue>{c.evaluation.waivedReason}</DataListValue>
              </DataListItem>
            ) : (
              <>
                <DataListItem>
                  <DataListKey>{t('cases.whatWorked')}</DataListKey>
                  <DataListValue>{c.evaluation.whatWorked}</DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>{t('cases.whatDidNot')}</DataListKey>
                  <DataListValue>{c.evaluation.whatDidNot}</DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>{t('cases.lessons')}</DataListKey>
                  <DataListValue>{c.evaluation.lessons}</DataListValue>
                </DataListItem>
              </>
            )}
          </DataList>
        ) : (
          <Paragraph>{t('cases.notEvaluated')}</Paragraph>
        )}
        {manage && c.phase === 'evaluation' ? (
          <ChangeForm
            id="evalueren"
            caseId={c.id}
            title={t('cases.evaluate')}
            method="PUT"
            path="/evaluation"
            submitLabel={t('step.save')}
            fields={[
              { name: 'whatWorked', label: t('cases.whatWorked'), kind: 'textarea' },
              { name: 'whatDidNot', label: t('cases.whatDidNot'), kind: 'textarea' },
              { name: 'lessons', label: t('cases.lessons'), kind: 'textarea' },
            ]}
            toBody={(v) => v}
          />
        ) : null}
      </Section>

      <Section id="tijdlijn-casus" title={t('signal.timeline')}>
        <ol className="samenspel-timeline">
          {c.events.map((e) => (
            <li key={`${e.type}-${e.at}`}>
              <strong>{t(`caseEvent.${e.type as 'started'}`)}</strong> —{' '}
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {e.by ? ` — ${e.by}` : ''}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
