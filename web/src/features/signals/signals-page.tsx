import {
  decisions,
  type QueueItem,
  type SignalStage,
  type SignalSummary,
  signalStages,
} from '@samenspel/contracts';
import {
  Button,
  ButtonGroup,
  ButtonLink,
  FormFieldCheckbox,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
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
import { formatDate, formatDateTime, formatNumber, type MessageKey, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { themeLabel, useDistricts, useMunicipalities, useThemes } from '../reference/reference-api.js';
import { useQueue, useSignalPage } from './signals-api.js';

export function stageLabel(s: Pick<SignalSummary, 'stage' | 'decision'>): string {
  return s.decision ? t(`decision.${s.decision}`) : t(`stage.${s.stage}`);
}

const DEFAULT_SORT = '-stageSince';
/** The stages still open: what the board shows (drafts are the writer's, decided signals are done). */
const openStages: readonly SignalStage[] = ['received', 'discussed', 'substantiated', 'triaged', 'hit-check'];

/** The list's filters in the page's address (Dutch names) as the API's query. */
function apiFilter(params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  const stage = params.get('fase') ?? '';
  if (stage === 'open') query.set('open', 'true');
  else if ((decisions as readonly string[]).includes(stage)) query.set('decision', stage);
  else if ((signalStages as readonly string[]).includes(stage)) query.set('stage', stage);
  const copy: Array<[string, string]> = [
    ['district', 'districtId'],
    ['gemeente', 'municipalityCode'],
    ['thema', 'themeId'],
    ['van', 'from'],
    ['tot', 'to'],
  ];
  for (const [from, to] of copy) {
    const value = params.get(from);
    if (value) query.set(to, value);
  }
  if (params.get('eigen') === 'ja') query.set('own', 'true');
  return query;
}

/** Signals as a filtered list, a board of the open stages (for triage) or the analyst's work queue. */
export function SignalsPage() {
  const me = useMe();
  const list = useListParams(DEFAULT_SORT);
  const view = list.params.get('weergave') ?? 'lijst';
  useEffect(() => {
    document.title = `${t('signals.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('signals.title')}</Heading1>
      <nav aria-label={t('signals.title')}>
        <ButtonGroup>
          {can(me.data, 'signal.create') ? (
            <ButtonLink appearance="primary-action-button" href="/signalen/nieuw">
              {t('signals.new')}
            </ButtonLink>
          ) : null}
          {can(me.data, 'signal.create') ? (
            <ButtonLink appearance="secondary-action-button" href="/signalen/importeren">
              {t('signals.import')}
            </ButtonLink>
          ) : null}
          <ButtonLink
            appearance="secondary-action-button"
            href="/signalen"
            aria-current={view === 'lijst' ? 'page' : undefined}
          >
            {t('signals.title')}
          </ButtonLink>
          <ButtonLink
            appearance="secondary-action-button"
            href="/signalen?weergave=bord"
            aria-current={view === 'bord' ? 'page' : undefined}
          >
            {t('signals.board')}
          </ButtonLink>
          {can(me.data, 'signal.manage') ? (
            <ButtonLink
              appearance="secondary-action-button"
              href="/signalen?weergave=werkvoorraad"
              aria-current={view === 'werkvoorraad' ? 'page' : undefined}
            >
              {t('signals.queue')}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
      </nav>
      {view === 'bord' ? <Board /> : null}
      {view === 'werkvoorraad' ? <Queue enabled={can(me.data, 'signal.manage')} /> : null}
      {view !== 'bord' && view !== 'werkvoorraad' ? <SignalList list={list} /> : null}
    </>
  );
}

function SignalLink({ s }: { s: Pick<SignalSummary, 'id' | 'reference'> }) {
  return (
    <RouterLink to={`/signalen/${s.id}`} className="utrecht-link samenspel-nowrap">
      {s.reference}
    </RouterLink>
  );
}

/** The list: filters, sortable columns and pages, all in the address, and an export of the selection. */
function SignalList({ list }: { list: ReturnType<typeof useListParams> }) {
  const me = useMe();
  const regionId = me.data?.region.id;
  const districts = useDistricts(regionId);
  const municipalities = useMunicipalities(regionId);
  const themes = useThemes(regionId);
  const filter = apiFilter(list.params);
  const query = new URLSearchParams(filter);
  if (list.sort !== DEFAULT_SORT) query.set('sort', list.sort);
  if (list.page > 1) query.set('page', String(list.page));
  const signals = useSignalPage(query.toString());
  const exportQuery = new URLSearchParams(filter);
  exportQuery.set('sort', list.sort);
  const problem = signals.error instanceof ApiError ? signals.error : null;
  const fieldError = (name: string) => problem?.fieldError(name);
  const value = (key: string) => list.params.get(key) ?? '';

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
      eigen: form.get('eigen') ? 'ja' : null,
    });
  }

  const stageChoices: Array<readonly [string, string]> = [
    ['open', t('signals.filter.open')],
    ...signalStages
      .filter((s) => s !== 'draft' || can(me.data, 'signal.create'))
      .map((s) => [s, s === 'decided' ? t('signals.filter.decided') : t(`stage.${s}`)] as const),
    ...decisions.map((d) => [d, t(`decision.${d}`)] as const),
  ];
  const page = signals.data;
  return (
    <>
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
            label={t('signals.stage')}
            defaultValue={value('fase')}
            placeholder={t('audit.all')}
            options={stageChoices}
          />
          <SelectField
            id="filter-district"
            name="district"
            label={t('meetings.district')}
            defaultValue={value('district')}
            placeholder={t('audit.all')}
            options={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
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
          <DateField
            id="filter-van"
            name="van"
            label={t('signals.filter.from')}
            defaultValue={value('van')}
            invalid={Boolean(fieldError('from'))}
            errorMessage={fieldError('from')}
          />
          <DateField
            id="filter-tot"
            name="tot"
            label={t('signals.filter.to')}
            defaultValue={value('tot')}
            invalid={Boolean(fieldError('to'))}
            errorMessage={fieldError('to')}
          />
          <FormFieldCheckbox
            id="filter-eigen"
            name="eigen"
            value="ja"
            label={t('signals.filter.own')}
            defaultChecked={value('eigen') === 'ja'}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('list.apply')}
            </Button>
            <ButtonLink appearance="subtle-button" href="/signalen">
              {t('list.clear')}
            </ButtonLink>
          </ButtonGroup>
        </form>
      </FilterPanel>
      <div className="samenspel-list-actions">
        <Paragraph role="status" aria-live="polite">
          {page ? t('signals.found', { count: formatNumber(page.total) }) : null}
        </Paragraph>
        {page && page.total > 0 ? (
          <ExportButton
            href={`/api/v1/signals/export.xlsx?${exportQuery}`}
            fileName="signalen.xlsx"
            label={t('list.exportExcel')}
          />
        ) : null}
      </div>
      {signals.isPending ? <Loading /> : null}
      {signals.isError && !fieldError('from') && !fieldError('to') ? (
        <ProblemAlert error={signals.error} onRetry={() => void signals.refetch()} />
      ) : null}
      {page && page.items.length === 0 ? <Paragraph>{t('signals.none')}</Paragraph> : null}
      {page && page.items.length > 0 ? (
        <>
          <SortableTable
            caption={t('signals.pageCaption', {
              from: formatNumber((page.page - 1) * page.pageSize + 1),
              to: formatNumber((page.page - 1) * page.pageSize + page.items.length),
              count: formatNumber(page.total),
            })}
            sort={list.sort}
            onSort={(sort) => list.update({ sorteer: sort === DEFAULT_SORT ? null : sort })}
            columns={[
              { label: t('signals.reference'), sort: 'reference' },
              { label: t('signals.stage'), sort: 'stage' },
              { label: t('signals.municipality'), sort: 'municipality' },
              { label: t('signals.submitters') },
              { label: t('signals.urgency'), sort: 'urgency', descendingFirst: true },
              { label: t('signals.received'), sort: 'receivedOn', descendingFirst: true },
              { label: t('signals.since'), sort: 'stageSince', descendingFirst: true },
            ]}
          >
            {page.items.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  <SignalLink s={s} />
                </TableCell>
                <TableCell>{stageLabel(s)}</TableCell>
                <TableCell>{s.municipality?.name ?? '—'}</TableCell>
                <TableCell>{s.submittingOrganisations.map((o) => o.name).join(', ')}</TableCell>
                <TableCell>
                  <StatusBadge status={s.urgency === 'high' ? 'warning' : 'neutral'}>
                    {t(`urgency.${s.urgency}`)}
                  </StatusBadge>
                </TableCell>
                <TableCell>{s.receivedOn ? formatDate(s.receivedOn) : '—'}</TableCell>
                <TableCell>{formatDateTime(s.stageSince)}</TableCell>
              </TableRow>
            ))}
          </SortableTable>
          <Pager
            page={page.page}
            pageSize={page.pageSize || LIST_PAGE_SIZE}
            total={page.total}
            label={t('signals.title')}
            onPage={(next) => list.update({ pagina: next > 1 ? String(next) : null })}
          />
        </>
      ) : null}
    </>
  );
}

/** The triage board: a column per open stage; every card is a link, so the board works by keyboard. */
function Board() {
  const signals = useSignalPage('open=true&pageSize=100');
  if (signals.isPending) return <Loading />;
  if (signals.isError) return <ProblemAlert error={signals.error} onRetry={() => void signals.refetch()} />;
  const { items, total } = signals.data;
  return (
    <>
      {total > items.length ? (
        <Paragraph>{t('signals.boardTruncated', { shown: items.length, count: total })}</Paragraph>
      ) : null}
      <div className="samenspel-board">
        {openStages.map((stage) => {
          const cards = items.filter((s) => s.stage === stage);
          return (
            <section key={stage} className="samenspel-board__column" aria-labelledby={`kolom-${stage}`}>
              <Heading2 id={`kolom-${stage}`}>
                {t('signals.boardCaption', { stage: t(`stage.${stage}`), count: cards.length })}
              </Heading2>
              <ul className="samenspel-board__cards">
                {cards.map((s) => (
                  <li key={s.id} className="samenspel-board__card">
                    <SignalLink s={s} />
                    <span>{s.municipality?.name ?? '—'}</span>
                    <span>{t(`urgency.${s.urgency}`)}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}

function holderLabel(item: QueueItem): string {
  return item.holder === 'municipality-and-police'
    ? t('queue.holder.municipality-and-police', {
        municipality: item.municipality?.name ?? t('queue.theMunicipality'),
      })
    : t(`queue.holder.${item.holder}` as MessageKey);
}

/** The analyst's work queue: where each open signal is, what it is about, who holds it and what is next. */
function Queue({ enabled }: { enabled: boolean }) {
  const queue = useQueue(enabled);
  if (!enabled) return null;
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <DataTable
      caption={t('signals.queueCaption', { count: queue.data.length })}
      columns={[
        t('signals.reference'),
        t('signals.municipality'),
        t('queue.summary'),
        t('queue.holder'),
        t('queue.nextStep'),
        t('signals.urgency'),
        { label: t('signals.daysInStage'), className: 'samenspel-number' },
        { label: t('signals.daysOpen'), className: 'samenspel-number' },
      ]}
    >
      {queue.data.map((s) => (
        <TableRow key={s.id}>
          <TableCell>
            <SignalLink s={s} />
            <br />
            <span className="samenspel-muted">{stageLabel(s)}</span>
          </TableCell>
          <TableCell>{s.municipality?.name ?? '—'}</TableCell>
          <TableCell>{s.summary ?? '—'}</TableCell>
          <TableCell>
            {holderLabel(s)}
            {s.lastStepBy ? (
              <>
                <br />
                <span className="samenspel-muted">{t('queue.lastStepBy', { name: s.lastStepBy })}</span>
              </>
            ) : null}
          </TableCell>
          <TableCell>{t(`queue.next.${s.nextStep}` as MessageKey)}</TableCell>
          <TableCell>
            <StatusBadge status={s.urgency === 'high' ? 'warning' : 'neutral'}>
              {t(`urgency.${s.urgency}`)}
            </StatusBadge>
          </TableCell>
          <TableCell className="samenspel-number">{s.daysInStage}</TableCell>
          <TableCell className="samenspel-number">{s.daysOpen}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
