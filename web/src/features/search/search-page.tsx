import type { SearchResults } from '@samenspel/contracts';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, type MessageKey, t } from '../../i18n/i18n.js';
import { useSearch } from './search-api.js';
import { type SearchState, searchQueryOf } from './search-box.js';

type Subject = SearchResults['subjects'][number];

const recordPath = (r: { type: 'signal' | 'case'; id: string }) =>
  r.type === 'signal' ? `/signalen/${r.id}` : `/casussen/${r.id}`;

/**
 * What the search box found, in three groups. Always this page, also for a single exact hit: the
 * way to a record is the same three steps every time (type, Enter, choose). The query is kept in
 * the history entry, not the address, and focus moves to the results so they are read out.
 */
export function SearchPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const q = searchQueryOf(location.state);
  const results = useSearch(q);
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState(q);
  useEffect(() => {
    document.title = `${t('search.title')} · ${t('app.name')}`;
  }, []);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    if (results.data) heading.current?.focus();
  }, [results.data]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = draft.trim();
    if (!query) return;
    const state: SearchState = { q: query };
    void navigate('/zoeken', { state, replace: true });
  }

  const data = results.data;
  const count = data ? data.subjects.length + data.signals.length + data.cases.length : 0;
  return (
    <>
      <Heading1>{t('search.title')}</Heading1>
      <search aria-label={t('search.again')}>
        <form className="samenspel-search-page__form" onSubmit={submit}>
          <FormField label={<FormLabel htmlFor="zoekvraag">{t('search.query')}</FormLabel>}>
            <Textbox
              id="zoekvraag"
              type="search"
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
            />
          </FormField>
          <Button type="submit" appearance="primary-action-button">
            {t('search.submit')}
          </Button>
        </form>
      </search>
      <Paragraph className="samenspel-muted">{t('search.help')}</Paragraph>
      {!q ? <Paragraph>{t('search.empty')}</Paragraph> : null}
      {results.isFetching ? <Loading label={t('search.searching')} /> : null}
      {results.isError ? <ProblemAlert error={results.error} onRetry={() => void results.refetch()} /> : null}
      {data && !results.isFetching ? (
        <>
          <Heading2 ref={heading} tabIndex={-1} id="zoekresultaten" className="samenspel-results-heading">
            {t(count === 1 ? 'search.resultOne' : 'search.results', { count })}
          </Heading2>
          {data.notice ? (
            <Alert type="warning">
              <Paragraph>{data.notice}</Paragraph>
            </Alert>
          ) : (
            <Paragraph className="samenspel-muted">{t(`search.shape.${data.shape}` as MessageKey)}</Paragraph>
          )}
          {count === 0 && !data.notice ? <Paragraph>{t('search.none')}</Paragraph> : null}
          {data.subjects.length > 0 ? (
            <Group
              id="gevonden-subjecten"
              title={t('search.subjects', { count: data.subjects.length })}
              more={data.more.subjects}
            >
              {data.subjects.map((s) => (
                <SubjectResult key={s.id} s={s} />
              ))}
            </Group>
          ) : null}
          {data.signals.length > 0 ? (
            <Group
              id="gevonden-signalen"
              title={t('search.signals', { count: data.signals.length })}
              more={data.more.signals}
            >
              {data.signals.map((s) => (
                <li key={s.id} className="samenspel-result">
                  <RouterLink to={`/signalen/${s.id}`} className="utrecht-link samenspel-result__title">
                    {s.reference}
                  </RouterLink>
                  <span>
                    {[
                      s.decision ? t(`decision.${s.decision}`) : t(`stage.${s.stage}`),
                      s.municipality,
                      s.receivedOn ? t('search.receivedOn', { date: formatDate(s.receivedOn) }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </Group>
          ) : null}
          {data.cases.length > 0 ? (
            <Group
              id="gevonden-casussen"
              title={t('search.cases', { count: data.cases.length })}
              more={data.more.cases}
            >
              {data.cases.map((c) => (
                <li key={c.id} className="samenspel-result">
                  <RouterLink to={`/casussen/${c.id}`} className="utrecht-link samenspel-result__title">
                    {c.codeName}
                  </RouterLink>
                  <span>
                    {[c.reference, t(`phase.${c.phase}`), c.district ?? t('cases.regionalShort')].join(' · ')}
                  </span>
                </li>
              ))}
            </Group>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Group({
  id,
  title,
  more,
  children,
}: {
  id: string;
  title: string;
  more: boolean;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      <ul className="samenspel-results">{children}</ul>
      {more ? <Paragraph className="samenspel-muted">{t('search.more')}</Paragraph> : null}
    </section>
  );
}

/** A subject: to the register for analysts, else to the records the searcher may open. */
function SubjectResult({ s }: { s: Subject }) {
  const title = s.inRegister ? (
    <RouterLink to={`/subjecten/${s.id}`} className="utrecht-link samenspel-result__title">
      {s.name}
    </RouterLink>
  ) : (
    <span className="samenspel-result__title">{s.name}</span>
  );
  const about = [
    t(`search.kind.${s.kind}` as MessageKey),
    s.dateOfBirth ? t('search.born', { date: formatDate(s.dateOfBirth) }) : null,
    s.detail,
  ].filter(Boolean);
  return (
    <li className="samenspel-result">
      {title}
      <span>{about.join(' · ')}</span>
      {s.records.length > 0 ? (
        <ul className="samenspel-result__records" aria-label={t('search.seenIn', { name: s.name })}>
          {s.records.map((r) => (
            <li key={`${r.type}-${r.id}`}>
              <RouterLink to={recordPath(r)} className="utrecht-link">
                {t(r.type === 'signal' ? 'search.inSignal' : 'search.inCase', { label: r.label })}
              </RouterLink>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
