import { type CaseDetail, relationTypes } from '@samenspel/contracts';
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  FormField,
  FormLabel,
  Heading3,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { DateField } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { type SelectChoice, SelectField } from '../../components/select-field.js';
import { hasMessage, type MessageKey, t } from '../../i18n/i18n.js';
import { subjectChoices } from './subject-choices.js';
import { useFtmImport, useRelation } from './subjects-api.js';

// The drawing (Cytoscape) is loaded when a case page shows its network.
const NetworkView = lazy(() => import('./network-view.js').then((m) => ({ default: m.NetworkView })));

/** "Also known in N other records": a link for analysts, "ask the RIEC" for the rest. */
export function KnownElsewhere({ s, analyst }: { s: CaseDetail['subjects'][number]; analyst: boolean }) {
  const k = s.knownElsewhere;
  if (analyst && k.registerId)
    return (
      <>
        {' '}
        (
        <RouterLink to={`/subjecten/${k.registerId}`}>
          {t('subjects.inRegister', { count: k.records })}
        </RouterLink>
        )
      </>
    );
  if (k.records === 0) return null;
  return (
    <>
      {' '}
      (
      {k.hidden > 0
        ? t('subjects.askRiec', { count: k.records })
        : t('subjects.alsoIn', { count: k.records })}
      )
    </>
  );
}

function RelationForm({ c }: { c: CaseDetail }) {
  const relation = useRelation(c.id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = new FormValues(new FormData(form));
    setDone(false);
    try {
      await relation.mutateAsync({
        fromSubjectId: v.text('fromSubjectId'),
        toSubjectId: v.text('toSubjectId'),
        type: v.optionalChoice('type', relationTypes),
        startDate: v.optional('startDate'),
        endDate: v.optional('endDate'),
      });
      setErrors({});
      setDone(true);
      form.reset();
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors() : { form: t('signIn.offline') });
    }
  }
  const select = (name: string, label: string, options: ReadonlyArray<SelectChoice>) => (
    <SelectField
      id={`relatie-${name}`}
      name={name}
      label={label}
      placeholder={t('cases.choose')}
      options={options}
      invalid={Boolean(errors[name])}
      errorMessage={errors[name]}
    />
  );
  const subjects = subjectChoices(c.subjects);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="samenspel-filters">
      <Heading3 className="samenspel-filters__wide">{t('network.addRelation')}</Heading3>
      {errors.form ? <Alert type="error">{errors.form}</Alert> : null}
      {select('fromSubjectId', t('network.from.subject'), subjects)}
      {select(
        'type',
        t('network.relation'),
        relationTypes.map((r) => [r, t(`relation.${r}` as MessageKey)] as const),
      )}
      {select('toSubjectId', t('network.to.subject'), subjects)}
      <DateField
        id="relatie-start"
        name="startDate"
        label={t('network.start')}
        invalid={Boolean(errors.startDate)}
        errorMessage={errors.startDate}
      />
      <DateField
        id="relatie-einde"
        name="endDate"
        label={t('network.end')}
        invalid={Boolean(errors.endDate)}
        errorMessage={errors.endDate}
      />
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" disabled={relation.isPending}>
          {t('cases.add')}
        </Button>
      </ButtonGroup>
      {done ? (
        <Alert type="ok" role="status">
          {t('network.relationAdded')}
        </Alert>
      ) : null}
    </form>
  );
}

/** FollowTheMoney import with a review step: read, look at every line's verdict, then apply. */
/** An FtM schema by its Dutch name ("Person" → "Persoon"); an unusual one by its own. */
function schemaName(schema: string): string {
  const key = `ftm.schema.${schema}`;
  return hasMessage(key) ? t(key) : schema;
}

function FtmImport({ caseId }: { caseId: string }) {
  const { preview, apply } = useFtmImport(caseId);
  const [text, setText] = useState('');
  const report = preview.data;
  // Once taken over: which register subject each line became (the apply's report).
  const applied = apply.isSuccess ? apply.data : undefined;
  return (
    <div className="samenspel-ftm">
      <Heading3>{t('ftm.import')}</Heading3>
      <Paragraph>{t('ftm.importIntro')}</Paragraph>
      <FormField label={<FormLabel htmlFor="ftm-bestand">{t('ftm.file')}</FormLabel>}>
        <input
          id="ftm-bestand"
          type="file"
          accept=".json,.jsonl,.ftm,application/x-ndjson"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
      </FormField>
      <ButtonGroup>
        <Button
          appearance="secondary-action-button"
          disabled={!text || preview.isPending}
          onClick={() => {
            apply.reset();
            preview.mutate(text);
          }}
        >
          {t('ftm.read')}
        </Button>
      </ButtonGroup>
      {preview.isError ? <ProblemAlert error={preview.error} /> : null}
      {report ? (
        <>
          <Paragraph role="status">
            {t('ftm.summary', { accepted: report.accepted.length, refused: report.refused.length })}
          </Paragraph>
          <DataTable
            caption={t('ftm.report')}
            columns={[
              t('ftm.line'),
              t('ftm.verdict'),
              t('ftm.detail'),
              ...(applied ? [t('ftm.inRegister')] : []),
            ]}
          >
            {[
              ...(applied ?? report).accepted.map((a) => ({
                line: a.line,
                ok: true,
                text: `${schemaName(a.schema)}: ${a.caption}`,
                subject: a.registerSubject ?? null,
              })),
              ...report.refused.map((r) => ({ line: r.line, ok: false, text: r.reason, subject: null })),
            ]
              .sort((a, b) => a.line - b.line)
              .map((row) => (
                <TableRow key={row.line}>
                  <TableCell>{row.line}</TableCell>
                  <TableCell>
                    {!row.ok ? t('ftm.refused') : applied ? t('ftm.taken') : t('ftm.accepted')}
                  </TableCell>
                  <TableCell>{row.text}</TableCell>
                  {applied ? (
                    <TableCell>
                      {row.subject ? (
                        <>
                          <RouterLink to={`/subjecten/${row.subject.id}`}>{row.subject.label}</RouterLink> (
                          {row.subject.linked ? t('ftm.linked') : t('ftm.new')})
                        </>
                      ) : (
                        t('ftm.relation')
                      )}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
          </DataTable>
          {report.refused.length ? (
            <Alert type="warning">{t('ftm.fixFirst')}</Alert>
          ) : apply.isSuccess ? (
            <Alert type="ok" role="status">
              {t('ftm.applied', { count: report.accepted.length })}
            </Alert>
          ) : (
            <ButtonGroup>
              <Button
                appearance="primary-action-button"
                disabled={apply.isPending}
                onClick={() => apply.mutate(report.id)}
              >
                {t('ftm.apply', { count: report.accepted.length })}
              </Button>
            </ButtonGroup>
          )}
          {apply.isError ? <ProblemAlert error={apply.error} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** The case's network, relations, and the FollowTheMoney export and import. */
export function CaseNetwork({ c, manage, analyst }: { c: CaseDetail; manage: boolean; analyst: boolean }) {
  return (
    <>
      <Suspense fallback={<Loading />}>
        <NetworkView caseId={c.id} analyst={analyst} />
      </Suspense>
      {manage && c.phase !== 'closed' && c.subjects.length > 1 ? <RelationForm c={c} /> : null}
      <ButtonGroup>
        <ButtonLink appearance="secondary-action-button" href={`/api/v1/cases/${c.id}/ftm`} download>
          {t('ftm.export')}
        </ButtonLink>
      </ButtonGroup>
      {manage && c.phase !== 'closed' ? <FtmImport caseId={c.id} /> : null}
    </>
  );
}
