import type { NormReview, NormReviewPoint } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  FormFieldTextarea,
  Heading1,
  OrderedList,
  OrderedListItem,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../../components/api.js';
import { FormValues } from '../../../components/form-values.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { normsKey, recordOutcome, useNormReview } from './norms-api.js';
import { StatusText } from './norms-pages.js';
import './norms.css';

/**
 * A review of the district working group: its agenda is the norm's open points on its day, member
 * by member, each with the outcome the group recorded.
 */
export function NormReviewPage() {
  const { reviewId } = useParams();
  const review = useNormReview(reviewId);
  useEffect(() => {
    if (review.data)
      document.title = `${t('norms.reviewOn', { date: formatDate(review.data.heldOn) })} · ${review.data.norm.name} · ${t('app.name')}`;
  }, [review.data]);
  if (review.isPending) return <Loading />;
  if (review.isError) return <ProblemAlert error={review.error} onRetry={() => void review.refetch()} />;
  const r = review.data;
  const members = [...new Map(r.points.map((p) => [p.member.id, p.member])).values()];
  return (
    <>
      <Paragraph>
        <RouterLink to={`/normen/${r.norm.id}`} className="utrecht-link">
          {t('norms.backTo', { name: r.norm.name })}
        </RouterLink>
      </Paragraph>
      <Heading1>{t('norms.reviewTitle', { date: formatDate(r.heldOn) })}</Heading1>
      <Paragraph>
        {t('norms.reviewIntro', {
          norm: r.norm.name,
          group: r.district
            ? t('norms.workingGroupOf', { district: r.district.name })
            : t('norms.workingGroup'),
          version: r.version,
        })}
      </Paragraph>
      {r.note ? <Paragraph>{r.note}</Paragraph> : null}
      <Paragraph>{t('norms.agendaSize', { count: r.points.length, members: members.length })}</Paragraph>
      {r.points.length === 0 ? <Paragraph>{t('norms.agendaEmpty')}</Paragraph> : null}
      {members.map((member) => (
        <Section key={member.id} id={`deelnemer-${member.id}`} title={member.name}>
          <OrderedList className="samenspel-norm-agenda">
            {r.points
              .filter((p) => p.member.id === member.id)
              .map((p) => (
                <OrderedListItem key={p.id}>
                  <span className="samenspel-norm-code">{p.ambitionCode}</span> {p.ambitionTitle}:{' '}
                  <StatusText status={p.status} />
                  {p.since ? ` ${t('norms.since', { date: formatDate(p.since) })}` : ''}
                  {p.outcome ? (
                    <span className="samenspel-norm-evidence">
                      {t('norms.outcomeIs', { text: p.outcome })}
                    </span>
                  ) : null}
                  {r.canManage ? <Outcome review={r} point={p} /> : null}
                </OrderedListItem>
              ))}
          </OrderedList>
        </Section>
      ))}
    </>
  );
}

/** The outcome of one point: behind a disclosure, so that a long agenda stays readable. */
function Outcome({ review, point }: { review: NormReview; point: NormReviewPoint }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState('');
  const save = useMutation({
    mutationFn: (outcome: string) => recordOutcome(review.id, point.id, outcome),
    onSuccess: async (updated) => {
      setError('');
      queryClient.setQueryData([...normsKey, 'review', review.id], updated);
      await queryClient.invalidateQueries({ queryKey: [...normsKey, 'one', review.norm.id] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.problem.invalidParams) setError(e.fieldError('outcome') ?? '');
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(new FormValues(new FormData(event.currentTarget)).text('outcome'));
  }
  const id = `uitkomst-${point.id}`;
  return (
    <details className="samenspel-norm-outcome">
      <summary>{point.outcome ? t('norms.changeOutcome') : t('norms.addOutcome')}</summary>
      <form
        onSubmit={submit}
        noValidate
        aria-label={t('norms.outcomeFor', { member: point.member.name, ambition: point.ambitionTitle })}
      >
        {save.isError && !(save.error instanceof ApiError && save.error.problem.invalidParams) ? (
          <ProblemAlert error={save.error} />
        ) : null}
        <FormFieldTextarea
          id={id}
          name="outcome"
          label={t('norms.outcome')}
          defaultValue={point.outcome ?? ''}
          invalid={Boolean(error)}
          errorMessage={error || undefined}
        />
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
            {t('norms.saveOutcome')}
          </Button>
        </ButtonGroup>
        {save.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </details>
  );
}
