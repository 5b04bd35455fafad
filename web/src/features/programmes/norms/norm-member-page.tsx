import { Heading1, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { isoDateOf } from '../../../components/date-field.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { formatDate, formatDateTime, formatNumber, t } from '../../../i18n/i18n.js';
import { useNormTimeline } from './norms-api.js';
import { StatusText } from './norms-pages.js';
import './norms.css';

/**
 * One member's timeline on a norm: every status as it happened, from what to what, with its
 * evidence and which organisation recorded it (no person: the page is steering information).
 */
export function NormMemberPage() {
  const { normId, organisationId } = useParams();
  const timeline = useNormTimeline(normId, organisationId);
  useEffect(() => {
    if (timeline.data)
      document.title = `${timeline.data.member.name} · ${timeline.data.norm.name} · ${t('app.name')}`;
  }, [timeline.data]);
  if (timeline.isPending) return <Loading />;
  if (timeline.isError)
    return <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const { norm, member, entries, counts } = timeline.data;
  return (
    <>
      <Paragraph>
        <RouterLink to={`/normen/${norm.id}`} className="utrecht-link">
          {t('norms.backTo', { name: norm.name })}
        </RouterLink>
      </Paragraph>
      <Heading1>{t('norms.timelineTitle', { name: member.name })}</Heading1>
      <Paragraph>
        {t('norms.timelineToday', {
          met: formatNumber(counts.met),
          inProgress: formatNumber(counts.inProgress),
          notStarted: formatNumber(counts.notStarted),
        })}
      </Paragraph>
      <Section id="tijdlijn" title={t('norms.timeline')}>
        {entries.length === 0 ? <Paragraph>{t('norms.noEntries')}</Paragraph> : null}
        <OrderedList className="samenspel-norm-timeline">
          {entries.map((e) => (
            <OrderedListItem key={e.id}>
              <time dateTime={e.happenedOn}>{formatDate(e.happenedOn)}</time> —{' '}
              <span className="samenspel-norm-code">{e.ambitionCode}</span> {e.ambitionTitle}:{' '}
              {t(`norms.status.${e.previousStatus}`).toLowerCase()} → <StatusText status={e.status} />
              {e.evidence ? (
                <span className="samenspel-norm-evidence">{t('norms.evidenceIs', { text: e.evidence })}</span>
              ) : null}
              <span className="samenspel-norm-since">
                {isoDateOf(e.recordedAt) === e.happenedOn
                  ? t('norms.recordedBy', { organisation: e.organisation.name })
                  : t('norms.recordedLater', {
                      organisation: e.organisation.name,
                      at: formatDateTime(e.recordedAt),
                    })}
              </span>
            </OrderedListItem>
          ))}
        </OrderedList>
      </Section>
    </>
  );
}
