import type { CaseDetail } from '@samenspel/contracts';
import { Happened } from '../../../components/happened.js';
import { Section } from '../../../components/section.js';
import { t } from '../../../i18n/i18n.js';

/** Everything that happened to the case, on the day it happened, with who recorded it. */
export function TimelineSection({ c }: { c: CaseDetail }) {
  return (
    <Section id="tijdlijn-casus" title={t('signal.timeline')}>
      <ol className="samenspel-timeline">
        {c.events.map((e) => (
          <li key={`${e.type}-${e.recordedAt}`}>
            <strong>{t(`caseEvent.${e.type as 'started'}`)}</strong> —{' '}
            <Happened happenedOn={e.happenedOn} recordedAt={e.recordedAt} recordedBy={e.recordedBy} />
          </li>
        ))}
      </ol>
    </Section>
  );
}
