import type { CaseDetail } from '@samenspel/contracts';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import { type CaseConfiguration, useCase, useCaseConfiguration } from './cases-api.js';
import { AdvicesSection } from './sections/advices-section.js';
import { AttachmentsSection } from './sections/attachments-section.js';
import { CaseHeader } from './sections/case-header.js';
import { CommunicationsSection } from './sections/communications-section.js';
import { EvaluationSection } from './sections/evaluation-section.js';
import { GoalSection } from './sections/goal-section.js';
import { InterventionsSection } from './sections/interventions-section.js';
import { MatrixSection } from './sections/matrix-section.js';
import { NetworkSection } from './sections/network-section.js';
import { ParticipantsSection } from './sections/participants-section.js';
import { PhaseSection } from './sections/phase-section.js';
import { PrioritySection } from './sections/priority-section.js';
import { ProvisionsSection } from './sections/provisions-section.js';
import { ResultsSection } from './sections/results-section.js';
import { SubjectsSection } from './sections/subjects-section.js';
import { TimelineSection } from './sections/timeline-section.js';

export function CasePage() {
  const { caseId } = useParams();
  const found = useCase(caseId);
  const configuration = useCaseConfiguration();
  useEffect(() => {
    if (found.data) document.title = `${found.data.codeName} · ${t('app.name')}`;
  }, [found.data]);
  if (found.isPending || configuration.isPending) return <Loading />;
  if (found.isError) {
    if (found.error instanceof ApiError && found.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={found.error} onRetry={() => void found.refetch()} />;
  }
  if (configuration.isError) return <ProblemAlert error={configuration.error} />;
  return <CaseView c={found.data} configuration={configuration.data} />;
}

/** The case in its sections, in the order of the work; each section offers what the reader may do. */
function CaseView({ c, configuration }: { c: CaseDetail; configuration: CaseConfiguration }) {
  const me = useMe();
  const partners = usePartnerOrganisations(me.data?.region.id);
  const manage = c.abilities.includes('manage');
  const contribute = c.abilities.includes('contribute');
  const analyst = can(me.data, 'subject.read');
  const open = c.phase !== 'closed';
  const participants = c.participants.filter((p) => !p.removedAt);
  const participantChoices = participants.map((p) => [p.organisation.id, p.organisation.name] as const);
  const candidates = (partners.data ?? []).filter(
    (o) => !participants.some((p) => p.organisation.id === o.id),
  );

  return (
    <>
      <CaseHeader c={c} />
      {manage && c.phase === 'start' ? <GoalSection c={c} /> : null}
      {manage ? <PhaseSection c={c} /> : null}
      <ParticipantsSection c={c} canAdd={manage && open} candidates={candidates} />
      <SubjectsSection c={c} canAdd={manage && open} analyst={analyst} />
      <NetworkSection c={c} manage={manage} analyst={analyst} />
      <ProvisionsSection c={c} canAdd={contribute && open} legalBases={configuration.legalBases} />
      <MatrixSection
        c={c}
        canAdd={manage && open}
        interventions={configuration.interventions}
        participants={participantChoices}
      />
      <AdvicesSection c={c} canAdd={manage && open} participants={participantChoices} />
      <InterventionsSection c={c} canAdd={contribute && open} />
      <ResultsSection c={c} canAdd={contribute} />
      <CommunicationsSection c={c} canAdd={manage && open} />
      <AttachmentsSection caseId={c.id} canUpload={contribute && open} />
      {c.abilities.includes('prioritise') && open ? <PrioritySection c={c} /> : null}
      <EvaluationSection c={c} canEvaluate={manage && c.phase === 'evaluation'} />
      <TimelineSection c={c} />
    </>
  );
}
