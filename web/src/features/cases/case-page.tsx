import type { CaseDetail } from '@samenspel/contracts';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { type MessageKey, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import { type CaseTab, caseTabs, nextActionText } from './case-format.js';
import { type CaseConfiguration, useCase, useCaseConfiguration } from './cases-api.js';
import './cases.css';
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

const isTab = (value: string | undefined): value is CaseTab => caseTabs.some((tab) => tab === value);

/**
 * A case as its screen: the header (code name, phase, director, partners, next action, lead
 * times) above every tab, and the tabs as addresses of their own (`/casussen/:id/matrix`), so that
 * the address names the tab and the back button returns to the one before.
 */
export function CasePage() {
  const { caseId, tab = 'overzicht' } = useParams();
  const found = useCase(caseId);
  const configuration = useCaseConfiguration();
  useEffect(() => {
    if (found.data && isTab(tab))
      document.title = `${found.data.codeName} · ${t(`caseTab.${tab}` as MessageKey)} · ${t('app.name')}`;
  }, [found.data, tab]);
  if (!isTab(tab)) return <NotFoundPage />;
  if (found.isPending || configuration.isPending) return <Loading />;
  if (found.isError) {
    if (found.error instanceof ApiError && found.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={found.error} onRetry={() => void found.refetch()} />;
  }
  if (configuration.isError) return <ProblemAlert error={configuration.error} />;
  return <CaseView c={found.data} configuration={configuration.data} tab={tab} />;
}

/** The links to the tabs: the current one marked for screen readers (aria-current) and the eye. */
function CaseTabs({ c, tab }: { c: CaseDetail; tab: CaseTab }) {
  return (
    <nav className="samenspel-case-tabs" aria-label={t('caseTab.label')}>
      <ul>
        {caseTabs.map((name) => (
          <li key={name}>
            <Link
              to={`/casussen/${c.id}/${name}`}
              className="samenspel-case-tabs__link"
              aria-current={name === tab ? 'page' : undefined}
            >
              {t(`caseTab.${name}` as MessageKey)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A link to a part of a tab (`#matrix`) scrolls to its heading and puts the reader there. */
function useFocusOnHash() {
  const location = useLocation();
  useEffect(() => {
    const { hash } = location;
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  }, [location]);
}

function CaseView({
  c,
  configuration,
  tab,
}: {
  c: CaseDetail;
  configuration: CaseConfiguration;
  tab: CaseTab;
}) {
  const me = useMe();
  const partners = usePartnerOrganisations(me.data?.region.id);
  useFocusOnHash();
  const manage = c.abilities.includes('manage');
  const contribute = c.abilities.includes('contribute');
  const analyst = can(me.data, 'subject.read');
  const open = c.phase !== 'closed';
  const participants = c.participants.filter((p) => !p.removedAt);
  const participantChoices = participants.map((p) => [p.organisation.id, p.organisation.name] as const);
  const candidates = (partners.data ?? []).filter(
    (o) => !participants.some((p) => p.organisation.id === o.id),
  );
  const ownOrganisation = me.data?.organisation.id ?? '';
  const { state } = useLocation();
  const started = typeof state === 'object' && state !== null && 'started' in state;

  return (
    <>
      <CaseHeader c={c} />
      {started && tab === 'overzicht' ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {t('caseNew.started', { next: c.nextAction ? nextActionText(c.nextAction) : '' })}
          </Paragraph>
        </Alert>
      ) : null}
      <CaseTabs c={c} tab={tab} />
      <div className="samenspel-case-tab">
        {tab === 'overzicht' ? (
          <>
            <GoalSection c={c} canEdit={manage && c.phase === 'start'} />
            {manage ? <PhaseSection c={c} /> : null}
            <ParticipantsSection c={c} canManage={manage && open} candidates={candidates} />
            {c.abilities.includes('prioritise') && open ? <PrioritySection c={c} /> : null}
            <EvaluationSection c={c} canEvaluate={manage && c.phase === 'evaluation'} />
          </>
        ) : null}
        {tab === 'betrokkenen' ? (
          <>
            <SubjectsSection c={c} canAdd={manage && open} analyst={analyst} />
            <NetworkSection c={c} manage={manage} analyst={analyst} />
          </>
        ) : null}
        {tab === 'informatie' ? (
          <>
            <ProvisionsSection c={c} canAdd={contribute && open} legalBases={configuration.legalBases} />
            <CommunicationsSection c={c} canAdd={manage && open} />
          </>
        ) : null}
        {tab === 'matrix' ? (
          <>
            <MatrixSection
              c={c}
              canAdd={manage && open}
              interventions={configuration.interventions}
              participants={participantChoices}
            />
            <AdvicesSection c={c} canAdd={manage && open} participants={participantChoices} />
          </>
        ) : null}
        {tab === 'interventies' ? (
          <>
            <InterventionsSection
              c={c}
              canAdd={contribute && open}
              manage={manage}
              participants={participantChoices}
              ownOrganisation={ownOrganisation}
            />
            <ResultsSection
              c={c}
              canAdd={contribute}
              manage={manage}
              participants={participantChoices}
              ownOrganisation={ownOrganisation}
            />
          </>
        ) : null}
        {tab === 'documenten' ? <AttachmentsSection c={c} canUpload={contribute && open} /> : null}
        {tab === 'geschiedenis' ? <TimelineSection c={c} /> : null}
      </div>
    </>
  );
}
