import { type SignalStage, type SignalSummary, signalStages } from '@samenspel/contracts';
import {
  ButtonGroup,
  ButtonLink,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useQueue, useSignals } from './signals-api.js';

export function stageLabel(s: SignalSummary): string {
  return s.decision ? t(`decision.${s.decision}`) : t(`stage.${s.stage}`);
}

/** Signals as a list, a board by stage (for triage) or the analyst's work queue. */
export function SignalsPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const view = params.get('weergave') ?? 'lijst';
  const signals = useSignals();
  const queue = useQueue(view === 'werkvoorraad' && can(me.data, 'signal.manage'));
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
      {signals.isPending ? <Loading /> : null}
      {signals.isError ? <ProblemAlert error={signals.error} onRetry={() => void signals.refetch()} /> : null}
      {signals.data && signals.data.length === 0 ? <Paragraph>{t('signals.none')}</Paragraph> : null}
      {signals.data && signals.data.length > 0 && view === 'lijst' ? (
        <SignalTable signals={signals.data} />
      ) : null}
      {signals.data && view === 'bord' ? <Board signals={signals.data} /> : null}
      {view === 'werkvoorraad' && queue.data ? <QueueTable items={queue.data} /> : null}
      {view === 'werkvoorraad' && queue.isPending ? <Loading /> : null}
    </>
  );
}

function SignalLink({ s }: { s: SignalSummary }) {
  return (
    <RouterLink to={`/signalen/${s.id}`} className="utrecht-link">
      {s.reference}
    </RouterLink>
  );
}

function SignalTable({ signals }: { signals: SignalSummary[] }) {
  return (
    <DataTable
      caption={t('signals.caption', { count: signals.length })}
      columns={[
        t('signals.reference'),
        t('signals.stage'),
        t('signals.municipality'),
        t('signals.submitters'),
        t('signals.urgency'),
        t('signals.since'),
      ]}
    >
      {signals.map((s) => (
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
          <TableCell>{formatDateTime(s.stageSince)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The triage board: a column per stage; every card is a link, so the board works by keyboard. */
function Board({ signals }: { signals: SignalSummary[] }) {
  const stages = signalStages.filter((s) => s !== 'draft') as SignalStage[];
  return (
    <div className="samenspel-board">
      {stages.map((stage) => {
        const items = signals.filter((s) => s.stage === stage);
        return (
          <section key={stage} className="samenspel-board__column" aria-labelledby={`kolom-${stage}`}>
            <Heading2 id={`kolom-${stage}`}>
              {t('signals.boardCaption', { stage: t(`stage.${stage}`), count: items.length })}
            </Heading2>
            <ul className="samenspel-board__cards">
              {items.map((s) => (
                <li key={s.id} className="samenspel-board__card">
                  <SignalLink s={s} />
                  <span>{s.municipality?.name ?? '—'}</span>
                  <span>{s.decision ? t(`decision.${s.decision}`) : t(`urgency.${s.urgency}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function QueueTable({ items }: { items: ReturnType<typeof useQueue>['data'] & object }) {
  return (
    <DataTable
      caption={t('signals.queue')}
      columns={[
        t('signals.reference'),
        t('signals.urgency'),
        t('signals.stage'),
        t('signals.daysInStage'),
        t('signals.daysOpen'),
      ]}
    >
      {items.map((s) => (
        <TableRow key={s.id}>
          <TableCell>
            <SignalLink s={s} />
          </TableCell>
          <TableCell>{t(`urgency.${s.urgency}`)}</TableCell>
          <TableCell>{stageLabel(s)}</TableCell>
          <TableCell className="samenspel-number">{s.daysInStage}</TableCell>
          <TableCell className="samenspel-number">{s.daysOpen}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
