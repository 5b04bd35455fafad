import type { ProcessingActivity } from '@samenspel/contracts';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading3,
  Heading4,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useState } from 'react';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { useProcessingActivities, useSharingMatrix } from '../audit/audit-api.js';
import { SharingMatrixView } from './sharing-matrix.js';
import './processing-register.css';

/**
 * Het register van verwerkingen (AVG art. 30) for the privacy officer: every activity as it is in
 * force, with its earlier versions kept beside it, and who shares what with whom as a picture.
 */
export function ProcessingRegisterPage() {
  useEffect(() => {
    document.title = `${t('register.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('register.title')}</Heading1>
      <Paragraph>{t('register.intro')}</Paragraph>
      <Activities />
      <Sharing />
    </>
  );
}

/** The versions of each activity, newest first: the first is the one in force. */
function byActivity(items: ProcessingActivity[]): ProcessingActivity[][] {
  const groups = new Map<string, ProcessingActivity[]>();
  for (const a of items) groups.set(a.id, [...(groups.get(a.id) ?? []), a]);
  return [...groups.values()].map((versions) => versions.sort((a, b) => b.version - a.version));
}

function Activities() {
  const activities = useProcessingActivities();
  const groups = byActivity(activities.data ?? []);
  return (
    <Section id="verwerkingsactiviteiten" title={t('register.activities')}>
      {activities.isPending ? <Loading /> : null}
      {activities.isError ? (
        <ProblemAlert error={activities.error} onRetry={() => void activities.refetch()} />
      ) : null}
      {activities.data?.length === 0 ? <Paragraph>{t('register.noActivities')}</Paragraph> : null}
      {groups.map(([current, ...earlier]) =>
        current ? <Activity key={current.id} current={current} earlier={earlier} /> : null,
      )}
    </Section>
  );
}

function Activity({ current, earlier }: { current: ProcessingActivity; earlier: ProcessingActivity[] }) {
  const headingId = `verwerking-${current.id.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <article className="samenspel-register__activity" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{current.name}</Heading3>
      <Fields activity={current} />
      {earlier.length ? (
        <details className="samenspel-register__earlier">
          <summary>{t('register.earlier', { count: earlier.length })}</summary>
          {earlier.map((v) => (
            <div key={v.version}>
              <Heading4>
                {t('register.earlierVersion', { version: v.version, date: formatDate(v.validFrom) })}
              </Heading4>
              <Fields activity={v} earlier />
            </div>
          ))}
        </details>
      ) : null}
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

/** Categories as a list; none means the version did not record them (the earliest versions). */
function Categories({ items }: { items: string[] }) {
  if (!items.length) return <span className="samenspel-muted">{t('register.notRecorded')}</span>;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <UnorderedList>
      {items.map((item) => (
        <UnorderedListItem key={item}>{item}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/** What a version said. An earlier version names itself (its name may have changed since). */
function Fields({ activity: a, earlier = false }: { activity: ProcessingActivity; earlier?: boolean }) {
  return (
    <DataList>
      {earlier ? <Fact label={t('register.name')}>{a.name}</Fact> : null}
      <Fact label={t('register.purpose')}>{a.purpose}</Fact>
      <Fact label={t('register.legalBasis')}>{a.legalBasis}</Fact>
      <Fact label={t('register.dataSubjects')}>
        <Categories items={a.dataSubjectCategories} />
      </Fact>
      <Fact label={t('register.personalData')}>
        <Categories items={a.personalDataCategories} />
      </Fact>
      <Fact label={t('register.recipients')}>
        <Categories items={a.recipients} />
      </Fact>
      <Fact label={t('register.retention')}>{a.retention}</Fact>
      <Fact label={t('register.collaboration')}>
        {a.collaboration ?? <span className="samenspel-muted">{t('register.notRecorded')}</span>}
      </Fact>
      {earlier ? null : (
        <Fact label={t('register.version')}>
          {t('register.versionLine', { version: a.version, date: formatDate(a.validFrom) })}
        </Fact>
      )}
    </DataList>
  );
}

function Sharing() {
  const [year, setYear] = useState('');
  const matrix = useSharingMatrix(year);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  return (
    <Section id="gegevensdeling" title={t('register.sharing')}>
      <Paragraph>{t('register.sharingIntro')}</Paragraph>
      <div className="samenspel-narrow">
        <SelectField
          id="gegevensdeling-jaar"
          name="year"
          label={t('register.year')}
          placeholder={t('register.allYears')}
          options={years.map((y) => [y, y] as const)}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
        />
      </div>
      {matrix.isPending ? <Loading /> : null}
      {matrix.isError ? <ProblemAlert error={matrix.error} onRetry={() => void matrix.refetch()} /> : null}
      {matrix.data && !matrix.data.cells.length ? <Paragraph>{t('register.noSharing')}</Paragraph> : null}
      {matrix.data?.cells.length ? <SharingMatrixView matrix={matrix.data} /> : null}
    </Section>
  );
}
