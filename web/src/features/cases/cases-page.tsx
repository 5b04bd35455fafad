import { type CaseSummary, casePhases } from '@samenspel/contracts';
import {
  Button,
  ButtonGroup,
  ButtonLink,
  FormFieldCheckbox,
  Heading1,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField } from '../../components/date-field.js';
import { FilterPanel } from '../../components/filter-panel.js';
import {
  activeFilters,
  ExportButton,
  LIST_PAGE_SIZE,
  Pager,
  SortableTable,
  useListParams,
} from '../../components/list-controls.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, formatNumber, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { themeLabel, useDistricts, useMunicipalities, useThemes } from '../reference/reference-api.js';
import { useCasePage } from './cases-api.js';

function days(value: number | null): string {
  return value === null ? '—' : String(value).replace('.', ',');
}

const DEFAULT_SORT = '-startedOn';
/** The district filter's value for cases of the whole region (no district). */
const REGIONAL = 'regionaal';

/** The list's filters in the page's address (Dutch names) as the API's query. */
function apiFilter(params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  const phase = params.get('fase') ?? '';
  if (phase === 'lopend') query.set('open', 'true');
  else if ((casePhases as readonly string[]).includes(phase)) query.set('phase', phase);
  const district = params.get('district');
  if (district === REGIONAL) query.set('regional', 'true');
  else if (district) query.set('districtId', district);
  const copy: Array<[string, string]> = [
    ['gemeente', 'municipalityCode'],
    ['thema', 'themeId'],
    ['van', 'from'],
    ['tot', 'to'],
    ['prioriteit', 'priority'],
  ];
  for (const [from, to] of copy) {
    const value = params.get(from);
    if (value) query.set(to, value);
  }
  if (params.get('eigen') === 'ja') query.set('own', 'true');
  return query;
}

/** The cases the caller may see: filtered, sorted and paged on the server, the filter in the address. */
export function CasesPage() {
  const me = useMe();
  const regionId = me.data?.region.id;
  const districts = useDistricts(regionId);
  const municipalities = useMunicipalities(regionId);
  const themes = useThemes(regionId);
  const list = useListParams(DEFAULT_SORT);
  const filter = apiFilter(list.params);
  const query = new URLSearchParams(filter);
  if (list.sort !== DEFAULT_SORT) query.set('sort', list.sort);
  if (list.page > 1) query.set('page', String(list.page));
  const cases = useCasePage(query.toString());
  const exportQuery = new URLSearchParams(filter);
  exportQuery.set('sort', list.sort);
  const problem = cases.error instanceof ApiError ? cases.error : null;
  const fieldError = (name: string) => problem?.fieldError(name);
  const value = (key: string) => list.params.get(key) ?? '';
  useEffect(() => {
    document.title = `${t('cases.title')} · ${t('app.name')}`;
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (key: string) => String(form.get(key) ?? '').trim() || null;
    list.update({
      fase: field('fase'),
      district: field('district'),
      gemeente: field('gemeente'),
      thema: field('thema'),
      van: field('van'),
      tot: field('tot'),
      prioriteit: field('prioriteit'),
      eigen: form.get('eigen') ? 'ja' : null,
    });
  }

  const districtOf = (c: CaseSummary) => c.district?.name ?? t('cases.regionalShort');
  const page = cases.data;
  return (
    <>
      <Heading1>{t('cases.title')}</Heading1>
      {can(me.data, 'case.create') || can(me.data, 'case.manage') ? (
        <ButtonGroup>
          {can(me.data, 'case.create') ? (
            <>
              <ButtonLink appearance="primary-action-button" href="/casussen/nieuw">
                {t('cases.new')}
              </ButtonLink>
              <ButtonLink appearance="secondary-action-button" href="/casussen/historie-importeren">
                {t('imports.caseHistory.title')}
              </ButtonLink>
            </>
          ) : null}
          {can(me.data, 'case.manage') ? (
            <ButtonLink appearance="secondary-action-button" href="/casussen/betrokkenen-importeren">
              {t('imports.subjects.title')}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
      ) : null}
      <FilterPanel active={activeFilters(list.params)}>
        <form
          className="samenspel-filters"
          onSubmit={submit}
          noValidate
          aria-label={t('list.filters')}
          key={list.params.toString()}
        >
          <SelectField
            id="filter-fase"
            name="fase"
            label={t('cases.phase')}
            defaultValue={value('fase')}
            placeholder={t('audit.all')}
            options={[
              ['lopend', t('cases.filter.open')],
              ...casePhases.map((p) => [p, t(`phase.${p}`)] as const),
            ]}
          />
          <SelectField
            id="filter-district"
            name="district"
            label={t('meetings.district')}
            defaultValue={value('district')}
            placeholder={t('audit.all')}
            options={[
              ...(districts.data ?? []).map((d) => [d.id, d.name] as const),
              [REGIONAL, t('cases.regionalShort')],
            ]}
          />
          <SelectField
            id="filter-gemeente"
            name="gemeente"
            label={t('signals.municipality')}
            defaultValue={value('gemeente')}
            placeholder={t('audit.all')}
            options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
          />
          <SelectField
            id="filter-thema"
            name="thema"
            label={t('cases.theme')}
            defaultValue={value('thema')}
            placeholder={t('audit.all')}
            options={(themes.data ?? []).map((th) => [th.id, themeLabel(th, districts.data)] as const)}
          />
          <SelectField
            id="filter-prioriteit"
            name="prioriteit"
            label={t('cases.priority')}
            defaultValue={value('prioriteit')}
            placeholder={t('audit.all')}
            options={[
              ['1', '1'],
              ['2', '2'],
              ['3', '3'],
            ]}
          />
          <DateField
            id="filter-van"
            name="van"
            label={t('cases.filter.from')}
            defaultValue={value('van')}
            invalid={Boolean(fieldError('from'))}
            errorMessage={fieldError('from')}
          />
          <DateField
            id="filter-tot"
            name="tot"
            label={t('cases.filter.to')}
            defaultValue={value('tot')}
            invalid={Boolean(fieldError('to'))}
            errorMessage={fieldError('to')}
          />
          <FormFieldCheckbox
            id="filter-eigen"
            name="eigen"
            value="ja"
            label={t('cases.filter.own')}
            defaultChecked={value('eigen') === 'ja'}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('list.apply')}
            </Button>
            <ButtonLink appearance="subtle-button" href="/casussen">
              {t('list.clear')}
            </ButtonLink>
          </ButtonGroup>
        </form>
      </FilterPanel>
      <div className="samenspel-list-actions">
        <Paragraph role="status" aria-live="polite">
          {page ? t('cases.found', { count: formatNumber(page.total) }) : null}
        </Paragraph>
        {page && page.total > 0 ? (
          <ExportButton
            href={`/api/v1/cases/export.xlsx?${exportQuery}`}
            fileName="casussen.xlsx"
            label={t('list.exportExcel')}
          />
        ) : null}
      </div>
      {cases.isPending ? <Loading /> : null}
      {cases.isError && !fieldError('from') && !fieldError('to') ? (
        <ProblemAlert error={cases.error} onRetry={() => void cases.refetch()} />
      ) : null}
      {page && page.items.length === 0 ? <Paragraph>{t('cases.none')}</Paragraph> : null}
      {page && page.items.length > 0 ? (
        <>
          <SortableTable
            caption={t('cases.pageCaption', {
              from: formatNumber((page.page - 1) * page.pageSize + 1),
              to: formatNumber((page.page - 1) * page.pageSize + page.items.length),
              count: formatNumber(page.total),
            })}
            sort={list.sort}
            onSort={(sort) => list.update({ sorteer: sort === DEFAULT_SORT ? null : sort })}
            columns={[
              { label: t('cases.codeName'), sort: 'codeName' },
              { label: t('cases.phase'), sort: 'phase' },
              { label: t('meetings.district'), sort: 'district' },
              { label: t('cases.started'), sort: 'startedOn', descendingFirst: true },
              { label: t('cases.priority'), sort: 'priority', className: 'samenspel-number' },
              { label: t('cases.signalToCase'), className: 'samenspel-number' },
              { label: t('cases.startToIntervention'), className: 'samenspel-number' },
              { label: t('cases.startToClosure'), className: 'samenspel-number' },
            ]}
          >
            {page.items.map((c) => (
              <TableRow key={c.id}>
                <TableCell>
                  <RouterLink to={`/casussen/${c.id}`} className="utrecht-link">
                    {c.codeName}
                  </RouterLink>
                  <br />
                  <span className="samenspel-muted samenspel-nowrap">{c.reference}</span>
                </TableCell>
                <TableCell>{t(`phase.${c.phase}`)}</TableCell>
                <TableCell>{districtOf(c)}</TableCell>
                <TableCell>{formatDate(c.startedOn)}</TableCell>
                <TableCell className="samenspel-number">{c.priority ?? '—'}</TableCell>
                <TableCell className="samenspel-number">{days(c.leadTimes.signalToCase)}</TableCell>
                <TableCell className="samenspel-number">
                  {days(c.leadTimes.startToFirstIntervention)}
                </TableCell>
                <TableCell className="samenspel-number">{days(c.leadTimes.startToClosure)}</TableCell>
              </TableRow>
            ))}
          </SortableTable>
          <Pager
            page={page.page}
            pageSize={page.pageSize || LIST_PAGE_SIZE}
            total={page.total}
            label={t('cases.title')}
            onPage={(next) => list.update({ pagina: next > 1 ? String(next) : null })}
          />
        </>
      ) : null}
    </>
  );
}
