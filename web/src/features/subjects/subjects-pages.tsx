import type { MatchSuggestion } from '@samenspel/contracts';
import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { Confirmation, useConfirmation } from '../../components/confirmation.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, formatDateTime, hasMessage, type MessageKey, t } from '../../i18n/i18n.js';
import { useSearch } from '../search/search-api.js';
import { NetworkView } from './network-view.js';
import { formatPersonAddress } from './person-address-fields.js';
import {
  SUGGESTIONS_PER_PAGE,
  useComparison,
  useCrossRecord,
  useSubject,
  useSubjectActions,
  useSuggestions,
} from './subjects-api.js';

const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });
/** Evidence in bits, signed: "+6,9", "-9", "0". */
const weightFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** A probability as a reader takes it: 0.999 is not "100%", which only a shared BSN is. */
function probabilityText(p: number): string {
  if (p < 1 && p >= 0.995) return t('subjects.overNinetyNine');
  return percent.format(p);
}

/**
 * What was just decided about a suggestion, said where its card was taken away. It takes the
 * focus, so that a keyboard user is not left at the top of the page when the card goes.
 */
function useDecisionNotice() {
  const [decided, setDecided] = useState('');
  const ref = useRef<HTMLSpanElement>(null);
  return {
    notice: (
      <Paragraph>
        <span role="status" tabIndex={-1} ref={ref}>
          {decided}
        </span>
      </Paragraph>
    ),
    onDecided: (message: string) => {
      setDecided(message);
      requestAnimationFrame(() => ref.current?.focus());
    },
  };
}

/** The score of two records field by field: what agreed, how, and how much it weighed. */
function EvidenceTable({
  evidence,
  household,
}: {
  evidence: MatchSuggestion['evidence'];
  household: MatchSuggestion['household'];
}) {
  return (
    <>
      <DataTable
        caption={t('subjects.evidence')}
        scroll={false}
        columns={[
          t('subjects.field'),
          t('subjects.finding'),
          { label: t('subjects.weight'), className: 'samenspel-numeric' },
        ]}
      >
        {evidence.map((e) => (
          <TableRow key={e.field}>
            <TableHeaderCell scope="row">{t(`subjects.field.${e.field}` as MessageKey)}</TableHeaderCell>
            <TableCell>{e.explanation}</TableCell>
            <TableCell className="samenspel-numeric">{weightFormat.format(e.weight)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      {household ? (
        // Whose household lifted the score: shown only to whoever may see that subject.
        <Paragraph>
          {t('subjects.householdBefore')}
          <RouterLink to={`/subjecten/${household.id}`}>{household.label}</RouterLink>
          {t('subjects.householdAfter')}
        </Paragraph>
      ) : null}
    </>
  );
}

/**
 * "Why not?": the analyst names another subject (found as in the search bar) and reads why the
 * two are, or are not, suggested as the same: the keys they share, the score field by field, any
 * suggestion or conflict between them.
 */
function CompareWith({ subjectId }: { subjectId: string }) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<string | null>(null);
  const results = useSearch(query);
  const comparison = useComparison(subjectId, other);
  const candidates = (results.data?.subjects ?? []).filter((x) => x.inRegister && x.id !== subjectId);
  const e = comparison.data;
  return (
    <section aria-labelledby="vergelijken">
      <Heading2 id="vergelijken">{t('subjects.compare')}</Heading2>
      <Paragraph>{t('subjects.compareIntro')}</Paragraph>
      <search aria-label={t('subjects.compareFind')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setOther(null);
            setQuery(typed.trim());
          }}
        >
          <FormField label={<FormLabel htmlFor="vergelijk-met">{t('subjects.compareSearch')}</FormLabel>}>
            <Textbox
              id="vergelijk-met"
              type="search"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
            />
          </FormField>
          <ButtonGroup>
            <Button type="submit" appearance="secondary-action-button">
              {t('search.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </search>
      {/* The search answers from two characters on: a shorter query would otherwise do nothing. */}
      {query && query.length < 2 ? (
        <Paragraph role="status">{t('subjects.compareTooShort')}</Paragraph>
      ) : null}
      {results.isFetching ? <Loading /> : null}
      {results.isError ? <ProblemAlert error={results.error} /> : null}
      {results.data?.notice ? <Paragraph>{results.data.notice}</Paragraph> : null}
      {results.data && !other ? (
        candidates.length ? (
          <ul aria-label={t('subjects.compareChoose')}>
            {candidates.map((x) => (
              <li key={x.id}>
                <Button appearance="subtle-button" onClick={() => setOther(x.id)}>
                  {t('subjects.compareWith', {
                    name: x.dateOfBirth ? `${x.name} (${formatDate(x.dateOfBirth)})` : x.name,
                  })}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('subjects.compareNone')}</Paragraph>
        )
      ) : null}
      {comparison.isFetching ? <Loading /> : null}
      {comparison.isError ? <ProblemAlert error={comparison.error} /> : null}
      {e ? (
        <>
          <Heading3>{t('subjects.compared', { a: e.a.label, b: e.b.label })}</Heading3>
          <Paragraph role="status">{e.verdict}</Paragraph>
          {e.keys.length ? (
            <ul aria-label={t('subjects.sharedKeys')}>
              {e.keys.map((k) => (
                <li key={k.kind}>
                  {k.description} —{' '}
                  {k.skipped
                    ? t('subjects.keySkipped', { count: k.block })
                    : t('subjects.keyBlock', { count: k.block })}
                </li>
              ))}
            </ul>
          ) : null}
          {e.score ? (
            <>
              <Paragraph>
                {t('subjects.probability', { probability: probabilityText(e.score.probability) })} ·{' '}
                {t('subjects.threshold', { threshold: percent.format(e.score.threshold) })}
              </Paragraph>
              <EvidenceTable evidence={e.score.evidence} household={e.score.household} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** Undoing a merge asks first: the two become subjects apart again, and the suggestion reopens. */
function UndoMerge({ id, merged, into }: { id: string; merged: string; into: string }) {
  const { undo } = useSubjectActions();
  const asking = useConfirmation<true>();
  return (
    <>
      {' '}
      <Button
        appearance="subtle-button"
        disabled={undo.isPending || asking.asking}
        onClick={() => asking.ask(true)}
      >
        {t('subjects.undo')}
      </Button>
      {asking.asking ? (
        <Confirmation
          title={t('subjects.undoQuestion')}
          confirmLabel={t('subjects.undoYes')}
          busy={undo.isPending}
          onConfirm={() =>
            undo
              .mutateAsync(id)
              // The question and its button are gone once undone: the focus goes to the section, or
              // to the page's heading when the page was reached as the merged subject (that subject
              // stands on its own again, and its page has no merges).
              .then(() =>
                requestAnimationFrame(() =>
                  (
                    document.getElementById('samengevoegd') ?? document.getElementById('subject-title')
                  )?.focus(),
                ),
              )
              .catch(() => undefined)
              .finally(asking.done)
          }
          onCancel={asking.cancel}
        >
          {t('subjects.undoText', { merged, into })}
        </Confirmation>
      ) : null}
    </>
  );
}

/** One suggestion: both subjects, the probability, the evidence per field, and the decision. */
function SuggestionCard({ s, onDecided }: { s: MatchSuggestion; onDecided: (message: string) => void }) {
  const { decide } = useSubjectActions();
  const merging = useConfirmation<true>();
  const headingId = `suggestie-${s.id}`;
  return (
    <section className="samenspel-suggestion" aria-labelledby={headingId}>
      <Heading3 id={headingId}>
        <RouterLink to={`/subjecten/${s.a.id}`}>{s.a.label}</RouterLink> {t('subjects.probablySame')}{' '}
        <RouterLink to={`/subjecten/${s.b.id}`}>{s.b.label}</RouterLink>
      </Heading3>
      <Paragraph>
        {t('subjects.probability', { probability: probabilityText(s.probability) })} ·{' '}
        {t('subjects.recordsEach', { a: s.a.records, count: s.b.records })}
      </Paragraph>
      <EvidenceTable evidence={s.evidence} household={s.household} />
      {merging.asking ? (
        <Confirmation
          title={t('subjects.mergeQuestion')}
          confirmLabel={t('subjects.mergeYes')}
          busy={decide.isPending}
          onConfirm={() =>
            // mutateAsync: the card is gone by the time the decision is through (the list is
            // fetched anew), and a mutate's own callbacks do not run for a card no longer there.
            decide
              .mutateAsync({ id: s.id, decision: 'confirmed' })
              .then(() => onDecided(t('subjects.merged', { a: s.a.label, b: s.b.label })))
              .catch(() => undefined)
              .finally(merging.done)
          }
          onCancel={merging.cancel}
        >
          {t('subjects.mergeText', { a: s.a.label, b: s.b.label })}
        </Confirmation>
      ) : null}
      <ButtonGroup>
        <Button
          appearance="primary-action-button"
          disabled={decide.isPending || merging.asking}
          onClick={() => merging.ask(true)}
        >
          {t('subjects.confirm')}
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={decide.isPending}
          onClick={() =>
            decide
              .mutateAsync({ id: s.id, decision: 'rejected' })
              .then(() => onDecided(t('subjects.rejected', { a: s.a.label, b: s.b.label })))
              .catch(() => undefined)
          }
        >
          {t('subjects.reject')}
        </Button>
      </ButtonGroup>
      {decide.isError ? <ProblemAlert error={decide.error} /> : null}
    </section>
  );
}

/** The order a reader expects a subject's fields in (the database keeps them in its own). */
const fieldOrder = [
  'firstNames',
  'prefix',
  'surname',
  'dateOfBirth',
  'bsn',
  'address',
  'name',
  'kvkNumber',
  'establishmentNumber',
  'rsin',
  'street',
  'houseNumber',
  'houseNumberAddition',
  'postcode',
  'town',
  'iban',
  'holder',
  'registration',
  'description',
];

/**
 * What a source recorded of a subject, field by field in Dutch: dates as Dutch dates, a person's
 * address as one line, and a field this page has no name for under its own key rather than not
 * at all (a newer source may record more).
 */
function recordedAs(data: Record<string, unknown>): string {
  // A field not in the list goes last.
  const rank = (k: string) => (fieldOrder.includes(k) ? fieldOrder.indexOf(k) : fieldOrder.length);
  return Object.entries(data)
    .sort(([a], [b]) => rank(a) - rank(b))
    .filter(([k, v]) => k !== 'kind' && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => {
      const label = `subjects.data.${k}`;
      const name = hasMessage(label) ? t(label) : k;
      const value =
        k === 'dateOfBirth' && typeof v === 'string'
          ? formatDate(v)
          : typeof v === 'object'
            ? formatPersonAddress(v as Parameters<typeof formatPersonAddress>[0])
            : String(v);
      return `${name}: ${value}`;
    })
    .join(', ');
}

/** The analysts' page: suggestions to decide, and signals across cases and signals. */
export function SubjectsPage() {
  const suggestions = useSuggestions();
  const shown = suggestions.data?.pages.flatMap((p) => p.items);
  const decision = useDecisionNotice();
  const cross = useCrossRecord();
  useEffect(() => {
    document.title = `${t('subjects.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('subjects.title')}</Heading1>
      <Paragraph>{t('subjects.intro')}</Paragraph>
      <Heading2>{t('subjects.suggestions')}</Heading2>
      {suggestions.isPending ? <Loading /> : null}
      {suggestions.isError ? (
        <ProblemAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : null}
      {shown?.length === 0 ? <Paragraph>{t('subjects.noSuggestions')}</Paragraph> : null}
      {shown?.length ? (
        <Paragraph>
          {t(suggestions.hasNextPage ? 'subjects.suggestionsShownMore' : 'subjects.suggestionsShown', {
            count: shown.length,
          })}
        </Paragraph>
      ) : null}
      {decision.notice}
      {shown?.map((s) => (
        <SuggestionCard key={s.id} s={s} onDecided={decision.onDecided} />
      ))}
      {suggestions.hasNextPage ? (
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            disabled={suggestions.isFetchingNextPage}
            onClick={() => void suggestions.fetchNextPage()}
          >
            {t('subjects.moreSuggestions', { count: SUGGESTIONS_PER_PAGE })}
          </Button>
        </ButtonGroup>
      ) : null}
      {suggestions.isFetchingNextPage ? <Loading /> : null}
      <Heading2>{t('subjects.cross')}</Heading2>
      {cross.isPending ? <Loading /> : null}
      {cross.data ? (
        <div className="samenspel-cross">
          <section aria-labelledby="terugkerend">
            <Heading3 id="terugkerend">{t('subjects.recurring')}</Heading3>
            <ul>
              {cross.data.subjects.map((x) => (
                <li key={x.id}>
                  <RouterLink to={`/subjecten/${x.id}`}>{x.label}</RouterLink> —{' '}
                  {t('network.records', { count: x.records })}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="facilitators">
            <Heading3 id="facilitators">{t('subjects.facilitators')}</Heading3>
            {cross.data.facilitators.length ? (
              <ul>
                {cross.data.facilitators.map((x) => (
                  <li key={x.id}>
                    <RouterLink to={`/subjecten/${x.id}`}>{x.label}</RouterLink> —{' '}
                    {t('subjects.facilitatorCounts', { count: x.cases })},{' '}
                    {t('subjects.facilitatorNetworks', { count: x.networks })}
                  </li>
                ))}
              </ul>
            ) : (
              <Paragraph>{t('subjects.none')}</Paragraph>
            )}
          </section>
          <section aria-labelledby="adressen">
            <Heading3 id="adressen">{t('subjects.addresses')}</Heading3>
            {cross.data.addresses.length ? (
              <ul>
                {cross.data.addresses.map((x) => (
                  <li key={x.id}>
                    <RouterLink to={`/subjecten/${x.id}`}>{x.label}</RouterLink> —{' '}
                    {t('subjects.companies', { count: x.companies })}
                  </li>
                ))}
              </ul>
            ) : (
              <Paragraph>{t('subjects.none')}</Paragraph>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}

/** A subject in the register: every source's version, merges, suggestions and the network. */
export function SubjectPage() {
  const { subjectId } = useParams();
  const subject = useSubject(subjectId);
  const decision = useDecisionNotice();
  useEffect(() => {
    if (subject.data) document.title = `${subject.data.label} · ${t('app.name')}`;
  }, [subject.data]);
  if (subject.isPending) return <Loading />;
  if (subject.error instanceof ApiError && subject.error.status === 404) return <NotFoundPage />;
  if (subject.isError) return <ProblemAlert error={subject.error} onRetry={() => void subject.refetch()} />;
  const s = subject.data;
  return (
    <>
      <Heading1 id="subject-title" tabIndex={-1}>
        {s.label}
      </Heading1>
      <Paragraph>{t(`registerKind.${s.kind}` as MessageKey)}</Paragraph>
      {s.id !== subjectId ? <Alert>{t('subjects.mergedInto')}</Alert> : null}
      {s.conflicts.map((c) => (
        <Alert key={c.id} type="warning">
          <Paragraph>
            <strong>{t('subjects.conflictTitle')}</strong>{' '}
            {t('subjects.conflict', { evidence: c.evidence.map((e) => e.explanation).join(', ') })}{' '}
            <RouterLink to={`/subjecten/${c.other.id}`}>{c.other.label}</RouterLink>
          </Paragraph>
        </Alert>
      ))}
      <Heading2>{t('subjects.sightings')}</Heading2>
      <DataTable
        caption={t('subjects.sightingsCaption')}
        columns={[
          t('subjects.record'),
          t('subjects.source'),
          t('subjects.role'),
          t('subjects.seen'),
          t('subjects.asRecorded'),
        ]}
      >
        {s.sightings.map((x) => (
          <TableRow key={`${x.id}-${x.seenAt}-${x.subjectId}`}>
            <TableHeaderCell scope="row">
              <RouterLink to={x.record === 'case' ? `/casussen/${x.id}` : `/signalen/${x.id}`}>
                {x.reference}
              </RouterLink>
            </TableHeaderCell>
            <TableCell>{x.organisation ?? '—'}</TableCell>
            <TableCell>{x.role ? t(`subjectRole.${x.role}` as MessageKey) : '—'}</TableCell>
            <TableCell>{formatDateTime(x.seenAt)}</TableCell>
            <TableCell>{recordedAs(x.data)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      {s.merges.length ? (
        <>
          <Heading2 id="samengevoegd" tabIndex={-1}>
            {t('subjects.merges')}
          </Heading2>
          <ul>
            {s.merges.map((m) => (
              <li key={m.id}>
                {m.merged.label} — {formatDateTime(m.mergedAt)}
                {m.undoneAt ? (
                  ` (${t('subjects.undone', { at: formatDateTime(m.undoneAt) })})`
                ) : (
                  <UndoMerge id={m.id} merged={m.merged.label} into={s.label} />
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.suggestions.length ? (
        <>
          <Heading2>{t('subjects.suggestions')}</Heading2>
          {decision.notice}
          {s.suggestions.map((x) => (
            <SuggestionCard key={x.id} s={x} onDecided={decision.onDecided} />
          ))}
        </>
      ) : null}
      <CompareWith key={`vergelijk-${s.id}`} subjectId={s.id} />
      <Heading2>{t('network.title')}</Heading2>
      <NetworkView key={s.id} subjectId={s.id} analyst />
    </>
  );
}
