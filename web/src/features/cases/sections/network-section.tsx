import type { CaseDetail } from '@samenspel/contracts';
import { Section } from '../../../components/section.js';
import { t } from '../../../i18n/i18n.js';
import { CaseNetwork } from '../../subjects/case-network.js';

/** The network of the case's subjects, with its relations and the FollowTheMoney import and export. */
export function NetworkSection({ c, manage, analyst }: { c: CaseDetail; manage: boolean; analyst: boolean }) {
  return (
    <Section id="netwerk" title={t('network.title')}>
      <CaseNetwork c={c} manage={manage} analyst={analyst} />
    </Section>
  );
}
