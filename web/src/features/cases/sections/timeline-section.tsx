import type { CaseDetail } from '@samenspel/contracts';
import { Section } from '../../../components/section.js';
import { formatDateTime, t } from '../../../i18n/i18n.js';

/** Everything that happened to the case, with who did it. */
export function TimelineSection({ c }: { c: CaseDetail }) {
  return (
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
  );
}
