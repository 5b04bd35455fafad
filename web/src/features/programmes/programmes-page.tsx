import { type ProgrammeKind, type ProgrammeSummary, programmeKinds } from '@samenspel/contracts';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useDistricts } from '../reference/reference-api.js';
import { useCreateProgramme, useProgrammes } from './programmes-api.js';
import { reachedLabel } from './programmes-format.js';
import './programmes.css';

const thisYear = new Date().getFullYear();

/**
 * The region's programmes and district action plans of a year, each with how many of its goals
 * were reached. The year is in the address; without one, the most recent year with programmes.
 */
export function ProgrammesPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const programmes = useProgrammes();
  useEffect(() => {
    document.title = `${t('programmes.title')} · ${t('app.name')}`;
  }, []);
  const all = programmes.data ?? [];
  const years = [...new Set(all.map((p) => p.year))].sort((a, b) => b - a);
  const chosen = Number(params.get('jaar')) || years[0] || thisYear;
  // A year typed into the address that has no programmes is still a choice, shown empty.
  const choices = [...new Set([...years, chosen])].sort((a, b) => b - a);
  const shown = all.filter((p) => p.year === chosen);
  const districtPlans = shown.filter((p) => p.kind === 'district');
  const regional = shown.filter((p) => p.kind === 'programme');
  return (
    <>
      <Heading1>{t('programmes.title')}</Heading1>
      <Paragraph>{t('programmes.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to="/programmas/indicatoren" className="utrecht-link">
          {t('programmes.indicatorsLink')}
        </RouterLink>
      </Paragraph>
      {programmes.isPending ? <Loading /> : null}
      {programmes.isError ? (
        <ProblemAlert error={programmes.error} onRetry={() => void programmes.refetch()} />
      ) : null}
      {programmes.data ? (
        <>
          {choices.length > 1 ? (
            <div className="samenspel-filters">
              <SelectField
                id="programmas-jaar"
                label={t('programmes.year')}
                value={String(chosen)}
                onChange={(event) => setParams({ jaar: event.currentTarget.value })}
                options={choices.map((y) => [String(y), String(y)] as const)}
              />
            </div>
          ) : null}
          {all.length === 0 ? <Paragraph>{t('programmes.none')}</Paragraph> : null}
          {all.length > 0 && shown.length === 0 ? (
            <Paragraph>{t('programmes.noneInYear', { year: chosen })}</Paragraph>
          ) : null}
          {districtPlans.length ? (
            <ProgrammeTable
              id="districtsplannen"
              title={t('programmes.districtPlans')}
              caption={t('programmes.districtPlansCaption', { year: chosen })}
              programmes={districtPlans}
            />
          ) : null}
          {regional.length ? (
            <ProgrammeTable
              id="regionale-programmas"
              title={t('programmes.regionalProgrammes')}
              caption={t('programmes.regionalCaption', { year: chosen })}
              programmes={regional}
            />
          ) : null}
        </>
      ) : null}
      {can(me.data, 'programme.manage') ? <NewProgramme /> : null}
    </>
  );
}

function ProgrammeTable({
  id,
  title,
  caption,
  programmes,
}: {
  id: string;
  title: string;
  caption: string;
  programmes: readonly ProgrammeSummary[];
}) {
  return (
    <Section id={id} title={title}>
      <DataTable
        caption={caption}
        className="samenspel-rowheads samenspel-plain-rowheads"
        columns={[t('programmes.name'), t('programmes.goalsReached')]}
      >
        {programmes.map((p) => (
          <TableRow key={p.id}>
            <TableHeaderCell scope="row">
              <RouterLink to={`/programmas/${p.id}`} className="utrecht-link">
                {p.name}
              </RouterLink>
              {p.kind === 'district' && p.district && !p.name.includes(p.district.name) ? (
                <span className="samenspel-muted"> ({p.district.name})</span>
              ) : null}
            </TableHeaderCell>
            <TableCell>{reachedLabel(p)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

/** Starting a programme or a district action plan (for this year, unless changed); on success its page, to add its goals. */
function NewProgramme() {
  const me = useMe();
  const navigate = useNavigate();
  const districts = useDistricts(me.data?.region.id);
  const create = useCreateProgramme();
  const [kind, setKind] = useState<ProgrammeKind>('district');
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    const typedYear = v.text('year');
    setErrors({});
    create.mutate(
      {
        // What is no number goes as null (JSON has no NaN): the server says so next to the field.
        year: typedYear ? Number(typedYear) : Number.NaN,
        kind,
        districtId: kind === 'district' ? v.optional('districtId') : undefined,
        name: v.text('name'),
        description: v.optional('description'),
      },
      {
        onSuccess: (programme) => void navigate(`/programmas/${programme.id}`),
        onError: (error) => {
          if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
        },
      },
    );
  }

  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  return (
    <Section id="nieuw-programma" title={t('programmes.new')}>
      <Paragraph>{t('programmes.newIntro')}</Paragraph>
      {create.isError && !(create.error instanceof ApiError && create.error.problem.invalidParams) ? (
        <ProblemAlert error={create.error} />
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="nieuw-programma" className="samenspel-narrow">
        <FormFieldTextbox
          id="programma-jaar"
          name="year"
          label={t('programmes.year')}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={String(thisYear)}
          {...error('year')}
        />
        <Fieldset invalid={Boolean(errors.kind)}>
          <FieldsetLegend>{t('programmes.kind')}</FieldsetLegend>
          {errors.kind ? <FormFieldErrorMessage>{errors.kind}</FormFieldErrorMessage> : null}
          {programmeKinds.map((k) => (
            <p key={k} className="samenspel-radio">
              <RadioButton
                id={`programma-soort-${k}`}
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <FormLabel htmlFor={`programma-soort-${k}`} type="radio">
                {t(`programmes.kind.${k}`)}
              </FormLabel>
            </p>
          ))}
        </Fieldset>
        {kind === 'district' ? (
          <SelectField
            id="programma-district"
            name="districtId"
            label={t('programmes.district')}
            defaultValue=""
            placeholder={t('programmes.chooseDistrict')}
            options={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
            {...error('districtId')}
          />
        ) : null}
        <FormFieldTextbox id="programma-naam" name="name" label={t('programmes.name')} {...error('name')} />
        <FormFieldTextarea
          id="programma-omschrijving"
          name="description"
          label={t('programmes.description')}
          rows={3}
          {...error('description')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {t('programmes.create')}
          </Button>
        </ButtonGroup>
        {create.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}
