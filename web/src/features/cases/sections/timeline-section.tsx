import type { CaseDetail } from '@samenspel/contracts';
import { isoDateOf } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { formatDate, type MessageKey, t } from '../../../i18n/i18n.js';
import { formatMoment } from '../case-format.js';

type CaseEvent = CaseDetail['events'][number];

/** The date a step happened and who recorded it; when that was on another day, also when. */
function happened(e: CaseEvent): string {
  if (isoDateOf(e.recordedAt) === e.happenedOn) return e.recordedBy ? ` — ${e.recordedBy}` : '';
  const at = formatMoment(e.recordedAt);
  return ` (${e.recordedBy ? t('timeline.recorded', { at, name: e.recordedBy }) : t('timeline.recordedAt', { at })})`;
}

/** What the step was about, where its record says: the phase reached, the partner, the kind. */
function about(c: CaseDetail, e: CaseEvent): string {
  const d = e.details;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : '');
  const partner = () =>
    c.participants.find((p) => p.organisation.id === text('organisationId'))?.organisation.name;
  switch (e.type) {
    case 'phase':
      return text('to') ? `: ${t(`phase.${text('to')}` as MessageKey)}` : '';
    case 'participant-added':
    case 'participant-removed':
      return [partner(), text('reason')].filter(Boolean).length
        ? `: ${[partner(), text('reason')].filter(Boolean).join(' — ')}`
        : '';
    case 'advice':
    case 'intervention':
      return text('kind') ? `: ${t(`kindOf.${text('kind')}` as MessageKey)}` : '';
    case 'result':
      return text('kind') ? `: ${t(`resultKind.${text('kind')}` as MessageKey)}` : '';
    case 'reopened':
      return text('reason') ? `: ${text('reason')}` : '';
    default:
      return '';
  }
}

/** Everything that happened to the case, newest first, on the day it happened, with who recorded it. */
export function TimelineSection({ c }: { c: CaseDetail }) {
  return (
    <Section id="tijdlijn-casus" title={t('caseTab.geschiedenis')}>
      <ol className="samenspel-timeline">
        {[...c.events].reverse().map((e) => (
          <li key={`${e.type}-${e.recordedAt}`}>
            <strong>{t(`caseEvent.${e.type}` as MessageKey)}</strong>
            {about(c, e)} — <time dateTime={e.happenedOn}>{formatDate(e.happenedOn)}</time>
            {happened(e)}
          </li>
        ))}
      </ol>
    </Section>
  );
}
