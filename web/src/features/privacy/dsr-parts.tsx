import type { DsrMatch } from '@samenspel/contracts';
import { StatusBadge } from '@utrecht/component-library-react';
import { formatDate, formatDateTime, t } from '../../i18n/i18n.js';
import { daysLeft } from './dsr-api.js';

/**
 * A statutory deadline in Dutch, with the days left ("nog 5 dagen", "2 dagen te laat") and, for
 * what is still open, a badge in words when it has passed or falls within a week.
 */
export function Deadline({ deadline, open = true }: { deadline: string; open?: boolean }) {
  const left = daysLeft(deadline);
  const days =
    left > 0
      ? t('dsr.daysLeft', { count: left })
      : left === 0
        ? t('dsr.dueToday')
        : t('dsr.daysLate', { count: -left });
  return (
    <>
      {formatDate(deadline)}
      {open ? ` (${days})` : null}
      {open && left < 0 ? (
        <>
          {' '}
          <StatusBadge status="danger">{t('dsr.overdue')}</StatusBadge>
        </>
      ) : open && left <= 7 ? (
        <>
          {' '}
          <StatusBadge status="warning">{t('dsr.dueSoon')}</StatusBadge>
        </>
      ) : null}
    </>
  );
}

/** A partner's decision on one match: what, on which ground, why, by whom and when. */
export function MatchDecision({ match: m }: { match: DsrMatch }) {
  if (!m.decision) return <>{m.review === 'rejected' ? '–' : t('dsr.undecided')}</>;
  return (
    <>
      {t(`dsr.decisionName.${m.decision}`)}
      {m.ground ? (
        <>
          <br />
          {t('dsr.groundLine', { ground: t(`dsr.groundName.${m.ground}`) })}
        </>
      ) : null}
      {m.explanation ? (
        <>
          <br />
          {m.explanation}
        </>
      ) : null}
      {m.decidedBy ? (
        <>
          <br />
          <span className="samenspel-muted">
            {m.decidedAt
              ? t('dsr.byAt', { name: m.decidedBy, at: formatDateTime(m.decidedAt) })
              : m.decidedBy}
          </span>
        </>
      ) : null}
    </>
  );
}
