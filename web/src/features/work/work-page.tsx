import type { CaseSummary, Me, SignalSummary } from '@samenspel/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { ButtonLink, Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId } from 'react';
import { Link as RouterLink } from 'react-router';
import { isoDateFromToday, isoDateOf } from '../../components/date-field.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, formatNumber, t } from '../../i18n/i18n.js';
import { useApiTokens, useUsers } from '../admin/admin-api.js';
import { can, useMe } from '../auth/auth-api.js';
import { nextActionHref, nextActionText } from '../cases/case-format.js';
import { stageLabel } from '../signals/signals-page.js';
import {
  useAuditAttention,
  useCaseWork,
  useNextMeetings,
  useOpenRequests,
  useSignalWork,
} from './work-api.js';

/**
 * "Mijn werk", everyone's start page: what waits for this user, by what their roles let them do —
 * a partner's drafts, requests and own signals; the analyst's stages and late rounds; the chair's
 * next meetings and signals awaiting a decision; the administrator's accounts that need a hand.
 */
export function WorkPage() {
  const me = useMe();
  useEffect(() => {
    document.title = `${t('nav.work')} · ${t('app.name')}`;
  }, []);
  if (!me.data) return <Loading />;
  const user = me.data;
  return (
    <>
      <Heading1>{t('nav.work')}</Heading1>
      <Paragraph lead>
        {t('work.intro', { name: user.user.displayName, organisation: user.organisation.name })}
      </Paragraph>
      <div className="samenspel-work">
        {can(user, 'hitcheck.answer') ? <RequestsPanel /> : null}
        {can(user, 'signal.read') ? <SignalPanels me={user} /> : null}
        {can(user, 'case.read') ? <CasePanels me={user} /> : null}
        {can(user, 'meeting.manage') ? <MeetingsPanel /> : null}
        {can(user, 'audit.read') ? <PrivacyPanel /> : null}
        {can(user, 'user.manage') ? <AccountsPanel /> : null}
        {can(user, 'api-token.manage') ? <TokensPanel /> : null}
        <ShortcutsPanel me={user} />
      </div>
    </>
  );
}

/** A block of the start page: a heading with a count, its content, and a way to all of it. */

/** How many cases a start-page panel lists; the count and the link lead to the rest. */
const SHOWN = 8;

/** "En nog 53 casussen": what a panel leaves out, so that its count and its list agree. */
function Hidden({ count }: { count: number }) {
  return count > 0 ? <p className="samenspel-muted">{t('work.casesHidden', { count })}</p> : null;
}
function Panel({
  title,
  count,
  more,
  children,
}: {
  title: string;
  count?: number | undefined;
  more?: { to: string; label: string } | undefined;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="samenspel-panel" aria-labelledby={id}>
      <Heading2 id={id} className="samenspel-panel__title">
        {title}
        {count !== undefined ? <span className="samenspel-panel__count">{formatNumber(count)}</span> : null}
      </Heading2>
      {children}
      {more ? (
        <Paragraph className="samenspel-panel__more">
          <RouterLink to={more.to} className="utrecht-link">
            {more.label}
          </RouterLink>
        </Paragraph>
      ) : null}
    </section>
  );
}

/** A query's loading and failure, in the panel; its data otherwise. */
function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

function Empty({ children }: { children: string }) {
  return <Paragraph className="samenspel-muted">{children}</Paragraph>;
}

function SignalLine({ s, children }: { s: SignalSummary; children?: ReactNode }) {
  return (
    <li>
      <RouterLink to={`/signalen/${s.id}`} className="utrecht-link">
        {s.reference}
      </RouterLink>{' '}
      <span className="samenspel-muted">
        {s.municipality?.name ?? t('work.noMunicipality')}
        {children}
      </span>
    </li>
  );
}

function RequestsPanel() {
  const requests = useOpenRequests(true);
  const today = isoDateFromToday();
  return (
    <Panel
      title={t('work.requests')}
      count={requests.data?.length}
      more={{ to: '/hit-no-hit', label: t('work.requestsMore') }}
    >
      <Loaded query={requests}>
        {(items) =>
          items.length ? (
            <ul className="samenspel-worklist">
              {items.map((r) => (
                <li key={r.roundId}>
                  {t('work.requestLine', {
                    count: r.subjects - r.answered,
                    deadline: formatDate(r.deadline),
                  })}{' '}
                  {r.deadline < today ? (
                    <StatusBadge status="danger">{t('work.overdue')}</StatusBadge>
                  ) : r.deadline <= isoDateFromToday(2) ? (
                    <StatusBadge status="warning">{t('work.dueSoon')}</StatusBadge>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('work.requestsNone')}</Empty>
          )
        }
      </Loaded>
    </Panel>
  );
}

function SignalPanels({ me }: { me: Me }) {
  const work = useSignalWork(true);
  if (work.isPending)
    return (
      <Panel title={t('nav.signals')}>
        <Loading />
      </Panel>
    );
  if (work.isError)
    return (
      <Panel title={t('nav.signals')}>
        <ProblemAlert error={work.error} onRetry={() => void work.refetch()} />
      </Panel>
    );
  const { drafts, recent, stageCounts, awaitingDecision, overdueRounds } = work.data;
  return (
    <>
      {awaitingDecision ? (
        <Panel title={t('work.awaitingDecision')} count={awaitingDecision.length}>
          {awaitingDecision.length ? (
            <ul className="samenspel-worklist">
              {awaitingDecision.map((s) => (
                <SignalLine key={s.id} s={s}>
                  {' · '}
                  {s.district?.name ?? ''} {' · '}
                  {t('work.waitingSince', { date: formatDate(s.waitingSince) })}
                </SignalLine>
              ))}
            </ul>
          ) : (
            <Empty>{t('work.awaitingDecisionNone')}</Empty>
          )}
        </Panel>
      ) : null}
      {stageCounts ? (
        <Panel
          title={t('work.stages')}
          more={{ to: '/signalen?weergave=werkvoorraad', label: t('work.queueMore') }}
        >
          <ul className="samenspel-stagecounts">
            {(['received', 'discussed', 'substantiated', 'triaged', 'hit-check'] as const).map((stage) => (
              <li key={stage}>
                <RouterLink to={`/signalen?fase=${stage}`} className="samenspel-stagecounts__link">
                  <span className="samenspel-stagecounts__count">
                    {formatNumber(stageCounts.find((c) => c.stage === stage)?.count ?? 0)}
                  </span>
                  <span>{t(`stage.${stage}`)}</span>
                </RouterLink>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      {overdueRounds ? (
        <Panel title={t('work.overdueRounds')} count={overdueRounds.length}>
          {overdueRounds.length ? (
            <ul className="samenspel-worklist">
              {overdueRounds.map((r) => (
                <li key={r.roundId}>
                  <RouterLink to={`/signalen/${r.signal.id}`} className="utrecht-link">
                    {r.signal.reference}
                  </RouterLink>{' '}
                  <span className="samenspel-muted">
                    {t('work.overdueLine', {
                      deadline: formatDate(r.deadline),
                      names: r.missing.map((m) => m.name).join(', '),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('work.overdueRoundsNone')}</Empty>
          )}
        </Panel>
      ) : null}
      {drafts && drafts.length > 0 ? (
        <Panel title={t('work.drafts')} count={drafts.length}>
          <ul className="samenspel-worklist">
            {drafts.map((s) => (
              <li key={s.id}>
                <RouterLink to={`/signalen/${s.id}/bewerken`} className="utrecht-link">
                  {s.reference}
                </RouterLink>{' '}
                <span className="samenspel-muted">
                  {t('work.draftSince', { date: formatDate(isoDateOf(s.stageSince)) })}
                </span>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      {recent ? (
        <Panel
          title={t('work.recent', { organisation: me.organisation.name })}
          more={{ to: '/signalen', label: t('work.recentMore') }}
        >
          {can(me, 'signal.create') ? (
            <Paragraph>
              <ButtonLink appearance="primary-action-button" href="/signalen/nieuw">
                {t('signals.new')}
              </ButtonLink>
            </Paragraph>
          ) : null}
          {recent.length ? (
            <ul className="samenspel-worklist">
              {recent.map((s) => (
                <SignalLine key={s.id} s={s}>
                  {' · '}
                  <strong>{stageLabel(s)}</strong>
                </SignalLine>
              ))}
            </ul>
          ) : (
            <Empty>{t('work.recentNone')}</Empty>
          )}
        </Panel>
      ) : null}
    </>
  );
}

/** A case with what it needs next, linked to where that is done. */
function CaseLine({ c }: { c: CaseSummary }) {
  return (
    <li>
      <RouterLink to={`/casussen/${c.id}`} className="utrecht-link">
        {c.codeName}
      </RouterLink>{' '}
      <span className="samenspel-muted">
        {c.reference} · {t(`phase.${c.phase}`)}
      </span>
      {c.nextAction ? (
        <>
          <br />
          {t('work.next')}{' '}
          <RouterLink to={nextActionHref(c.id, c.nextAction)} className="utrecht-link">
            {nextActionText(c.nextAction)}
          </RouterLink>
        </>
      ) : null}
    </li>
  );
}

function CasePanels({ me }: { me: Me }) {
  const work = useCaseWork(true);
  if (work.isPending)
    return (
      <Panel title={t('nav.cases')}>
        <Loading />
      </Panel>
    );
  if (work.isError)
    return (
      <Panel title={t('nav.cases')}>
        <ProblemAlert error={work.error} onRetry={() => void work.refetch()} />
      </Panel>
    );
  const { directed, forOrganisation, startable } = work.data;
  return (
    <>
      {startable && startable.length > 0 ? (
        <Panel title={t('work.startable')} count={startable.length}>
          <ul className="samenspel-worklist">
            {startable.map((s) => (
              <SignalLine key={s.id} s={s}>
                {' · '}
                {s.district?.name ?? ''}
              </SignalLine>
            ))}
          </ul>
        </Panel>
      ) : null}
      {/* An analyst may direct cases too, but "none" is only news to a case director. */}
      {directed && (directed.length > 0 || me.roles.includes('case_director')) ? (
        <Panel
          title={t('work.directed')}
          count={directed.length}
          more={{ to: '/casussen', label: t('work.casesMore') }}
        >
          {directed.length ? (
            <>
              <ul className="samenspel-worklist">
                {directed.slice(0, SHOWN).map((c) => (
                  <CaseLine key={c.id} c={c} />
                ))}
              </ul>
              <Hidden count={directed.length - SHOWN} />
            </>
          ) : (
            <Empty>{t('work.directedNone')}</Empty>
          )}
        </Panel>
      ) : null}
      {forOrganisation.length > 0 ? (
        <Panel
          title={t('work.forOrganisation')}
          count={forOrganisation.length}
          more={{ to: '/casussen', label: t('work.casesMore') }}
        >
          <ul className="samenspel-worklist">
            {forOrganisation.slice(0, SHOWN).map((c) => (
              <CaseLine key={c.id} c={c} />
            ))}
          </ul>
          <Hidden count={forOrganisation.length - SHOWN} />
        </Panel>
      ) : null}
    </>
  );
}

function MeetingsPanel() {
  const meetings = useNextMeetings(true);
  return (
    <Panel title={t('work.meetings')} more={{ to: '/overleggen', label: t('work.meetingsMore') }}>
      <Loaded query={meetings}>
        {(items) =>
          items.length ? (
            <ul className="samenspel-worklist">
              {items.slice(0, 5).map((m) => (
                <li key={m.id}>
                  <RouterLink to={`/overleggen/${m.id}`} className="utrecht-link">
                    {t('work.meetingLine', {
                      kind: t(`meetingKind.${m.kind}`),
                      district: m.district.name,
                      date: formatDate(m.date),
                    })}
                  </RouterLink>{' '}
                  <span className="samenspel-muted">{t('work.agenda', { count: m.agenda.length })}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('work.meetingsNone')}</Empty>
          )
        }
      </Loaded>
    </Panel>
  );
}

/** The privacy officer's queue: refused requests and exports of the last 30 days, to look into. */
function PrivacyPanel() {
  const attention = useAuditAttention(true);
  return (
    <Panel title={t('work.privacy')} more={{ to: '/verwerkingslog', label: t('work.privacyMore') }}>
      <Loaded query={attention}>
        {(a) => (
          <>
            <Paragraph className="samenspel-muted">
              {t('work.privacySince', { date: formatDate(a.since) })}
            </Paragraph>
            <h3 className="utrecht-heading-3">
              {t('work.refused', { count: a.refused.reduce((n, r) => n + r.count, 0) })}
            </h3>
            {a.refused.length ? (
              <ul className="samenspel-worklist">
                {a.refused.map((r) => (
                  <li key={r.action}>
                    {r.label} <span className="samenspel-muted">({formatNumber(r.count)}×)</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('work.refusedNone')}</Empty>
            )}
            <h3 className="utrecht-heading-3">
              {t('work.exports', { count: a.exports.reduce((n, r) => n + r.count, 0) })}
            </h3>
            {a.exports.length ? (
              <ul className="samenspel-worklist">
                {a.exports.map((r) => (
                  <li key={r.action}>
                    {r.label} <span className="samenspel-muted">({formatNumber(r.count)}×)</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('work.exportsNone')}</Empty>
            )}
          </>
        )}
      </Loaded>
    </Panel>
  );
}

function AccountsPanel() {
  const users = useUsers();
  return (
    <Panel title={t('work.accounts')} more={{ to: '/beheer/gebruikers', label: t('work.accountsMore') }}>
      <Loaded query={users}>
        {(items) => {
          const waiting = items.filter((u) => u.active && !u.secondFactorEnrolled && !u.singleSignOn);
          return waiting.length ? (
            <>
              <Paragraph>{t('work.accountsWaiting', { count: waiting.length })}</Paragraph>
              <ul className="samenspel-worklist">
                {waiting.slice(0, 8).map((u) => (
                  <li key={u.id}>
                    <RouterLink to={`/beheer/gebruikers/${u.id}`} className="utrecht-link">
                      {u.displayName}
                    </RouterLink>{' '}
                    <span className="samenspel-muted">{u.organisation.name}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Empty>{t('work.accountsNone')}</Empty>
          );
        }}
      </Loaded>
    </Panel>
  );
}

function TokensPanel() {
  const tokens = useApiTokens();
  const soon = isoDateFromToday(30);
  return (
    <Panel title={t('work.tokens')} more={{ to: '/beheer/api-tokens', label: t('work.tokensMore') }}>
      <Loaded query={tokens}>
        {(items) => {
          const expiring = items.filter((k) => !k.revokedAt && isoDateOf(k.expiresAt) <= soon);
          return expiring.length ? (
            <ul className="samenspel-worklist">
              {expiring.map((k) => (
                <li key={k.id}>
                  {k.name} <span className="samenspel-muted">{k.organisation.name}</span>{' '}
                  <StatusBadge status={k.expiresAt < new Date().toISOString() ? 'danger' : 'warning'}>
                    {t('work.tokenExpires', { date: formatDate(isoDateOf(k.expiresAt)) })}
                  </StatusBadge>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('work.tokensNone')}</Empty>
          );
        }}
      </Loaded>
    </Panel>
  );
}

/** Where each role goes from here: the places of its work that have no list on this page. */
function ShortcutsPanel({ me }: { me: Me }) {
  const links = [
    { to: '/casussen', label: t('work.toCases'), show: can(me, 'case.read') && !can(me, 'case.manage') },
    { to: '/subjecten', label: t('work.toSubjects'), show: can(me, 'subject.read') },
    { to: '/verantwoording', label: t('work.toDashboard'), show: can(me, 'report.read') },
    { to: '/verwerkingslog', label: t('work.toAuditLog'), show: can(me, 'audit.read') },
    {
      to: '/beheer/samenwerkingsverbanden',
      label: t('work.toCollaborations'),
      show: can(me, 'collaboration.read'),
    },
    { to: '/regio', label: t('work.toRegion'), show: true },
  ].filter((l) => l.show);
  return (
    <Panel title={t('work.shortcuts')}>
      <ul className="samenspel-worklist">
        {links.map((l) => (
          <li key={l.to}>
            <RouterLink to={l.to} className="utrecht-link">
              {l.label}
            </RouterLink>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
