import { type CaseDetail, casePhases } from '@samenspel/contracts';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { Link as RouterLink } from 'react-router';
import { formatDate, t } from '../../../i18n/i18n.js';
import { nextActionHref, nextActionText } from '../case-format.js';

function days(value: number | null): string {
  if (value === null) return t('signal.notYet');
  return t(value === 1 ? 'caseHeader.day' : 'caseHeader.days', { count: value });
}

/** Where the case stands among its phases: the ones behind it, the current one, the ones to come. */
function Phases({ c }: { c: CaseDetail }) {
  const current = casePhases.indexOf(c.phase);
  return (
    <ol className="samenspel-phases" aria-label={t('caseHeader.phases')}>
      {casePhases.map((phase, i) => (
        <li
          key={phase}
          className={
            i < current
              ? 'samenspel-phases__done'
              : i === current
                ? 'samenspel-phases__current'
                : 'samenspel-phases__later'
          }
          aria-current={i === current ? 'step' : undefined}
        >
          {t(`phase.${phase}`)}
        </li>
      ))}
    </ol>
  );
}

/**
 * What every tab of the case shows above it: the way back to the list, the code name, where the
 * case stands, who runs it with whom, what it needs next, and how long it has taken so far.
 */
export function CaseHeader({ c }: { c: CaseDetail }) {
  const partners = c.participants.filter((p) => !p.removedAt).map((p) => p.organisation.name);
  return (
    <header className="samenspel-case-header">
      <Paragraph>
        <RouterLink to="/casussen" className="utrecht-link">
          {t('cases.title')}
        </RouterLink>
      </Paragraph>
      <Paragraph className="samenspel-case-header__pre">
        {c.reference} · {t(`caseType.${c.type}`)}
      </Paragraph>
      <Heading1>{c.codeName}</Heading1>
      <Phases c={c} />
      <div className="samenspel-case-header__next" role="note" aria-label={t('caseHeader.next')}>
        {c.nextAction ? (
          <Paragraph>
            <strong>{t('caseHeader.next')}:</strong>{' '}
            <RouterLink className="utrecht-link" to={nextActionHref(c.id, c.nextAction)}>
              {nextActionText(c.nextAction)}
            </RouterLink>
          </Paragraph>
        ) : (
          <Paragraph>
            {c.closedOn ? t('caseHeader.closedOn', { date: formatDate(c.closedOn) }) : t('phase.closed')}
          </Paragraph>
        )}
      </div>
      <DataList className="samenspel-case-header__facts">
        <DataListItem>
          <DataListKey>{t('cases.director')}</DataListKey>
          <DataListValue>{c.director?.name ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('caseHeader.partners')}</DataListKey>
          <DataListValue>{partners.join(', ') || '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.district')}</DataListKey>
          <DataListValue>
            {c.district?.name ?? t('cases.regionalShort')}: {c.municipalities.map((m) => m.name).join(', ')}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.origin')}</DataListKey>
          <DataListValue>
            {t(`origin.${c.origin}`)}
            {c.signals.length ? ` (${c.signals.map((s) => s.reference).join(', ')})` : ''}
            {c.originOrganisations.length ? ` — ${c.originOrganisations.map((o) => o.name).join(', ')}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('caseHeader.leadTimes')}</DataListKey>
          <DataListValue>
            <ul className="samenspel-case-header__times">
              {c.signals.length ? (
                <li>
                  {t('caseHeader.signalToStart')}: {days(c.leadTimes.signalToCase)}
                </li>
              ) : null}
              <li>
                {t('caseHeader.startToIntervention')}: {days(c.leadTimes.startToFirstIntervention)}
              </li>
              <li>
                {c.closedOn
                  ? `${t('caseHeader.startToClosure')}: ${days(c.leadTimes.startToClosureSoFar)}`
                  : `${t('caseHeader.runningSince', { date: formatDate(c.startedOn) })}: ${days(c.leadTimes.startToClosureSoFar)}`}
              </li>
            </ul>
          </DataListValue>
        </DataListItem>
      </DataList>
    </header>
  );
}
