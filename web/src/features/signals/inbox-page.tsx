import { type HitCheckRequest, hitAnswer } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { useHashTarget } from '../../components/hash-target.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { type AnswerRoundBody, answerRound, useInbox } from './signals-api.js';

const searchLabels: Record<string, string> = {
  naam: 'Naam',
  geboortedatum: 'Geboortedatum',
  kvkNummer: 'KvK-nummer',
  postcode: 'Postcode',
  huisnummer: 'Huisnummer',
  iban: 'IBAN',
  kenteken: 'Kenteken',
};

/** A partner's inbox of hit/no-hit requests: only what is needed to search, an answer per subject. */
export function InboxPage() {
  const inbox = useInbox();
  // A notification links to one round: /hit-no-hit#ronde-….
  useHashTarget(inbox.isSuccess);
  useEffect(() => {
    document.title = `${t('inbox.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('inbox.title')}</Heading1>
      <Paragraph>{t('inbox.intro')}</Paragraph>
      {inbox.isPending ? <Loading /> : null}
      {inbox.isError ? <ProblemAlert error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.data && inbox.data.length === 0 ? <Paragraph>{t('inbox.none')}</Paragraph> : null}
      {inbox.data
        ?.filter((r) => !r.closed)
        .map((request) => (
          <RequestForm key={request.roundId} request={request} />
        ))}
      {inbox.data?.some((r) => r.closed) ? (
        <details className="samenspel-section">
          <summary>{t('inbox.closedRounds', { count: inbox.data.filter((r) => r.closed).length })}</summary>
          {inbox.data
            .filter((r) => r.closed)
            .map((request) => (
              <RequestForm key={request.roundId} request={request} />
            ))}
        </details>
      ) : null}
    </>
  );
}

function RequestForm({ request }: { request: HitCheckRequest }) {
  const queryClient = useQueryClient();
  const [sent, setSent] = useState(false);
  const answer = useMutation({
    mutationFn: (answers: AnswerRoundBody['answers']) => answerRound(request.roundId, { answers }),
    onSuccess: async () => {
      setSent(true);
      await queryClient.invalidateQueries({ queryKey: ['hit-check-requests'] });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    const answers = request.subjects.flatMap((s) => {
      const answer = v.optionalChoice(`antwoord-${s.id}`, hitAnswer.options);
      return answer ? [{ subjectId: s.id, answer }] : [];
    });
    if (answers.length) answer.mutate(answers);
  }

  return (
    <Section
      id={`ronde-${request.roundId}`}
      title={t('inbox.round', { deadline: formatDate(request.deadline) })}
    >
      {!request.closed &&
      request.deadline < isoDateFromToday() &&
      request.subjects.some((s) => s.answer === null) ? (
        <Alert type="warning">
          <Paragraph>{t('inbox.overdue')}</Paragraph>
        </Alert>
      ) : null}
      {request.closed ? (
        <Alert type="info">
          <Paragraph>{t('inbox.closed')}</Paragraph>
        </Alert>
      ) : null}
      {sent ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('inbox.sent')}</Paragraph>
        </Alert>
      ) : null}
      {answer.isError ? <ProblemAlert error={answer.error} /> : null}
      <form onSubmit={submit} noValidate>
        {request.subjects.map((s) => {
          const label = Object.entries(s.search)
            .map(([k, v]) => `${searchLabels[k] ?? k}: ${k === 'geboortedatum' ? formatDate(v) : v}`)
            .join(', ');
          return (
            <Fieldset key={s.id} disabled={request.closed}>
              <FieldsetLegend>{t('inbox.answerFor', { subject: label })}</FieldsetLegend>
              {hitAnswer.options.map((option) => (
                <p key={option} className="samenspel-radio">
                  <RadioButton
                    id={`antwoord-${s.id}-${option}`}
                    name={`antwoord-${s.id}`}
                    value={option}
                    defaultChecked={s.answer === option}
                  />
                  <FormLabel htmlFor={`antwoord-${s.id}-${option}`} type="radio">
                    {t(`answer.${option}`)}
                  </FormLabel>
                </p>
              ))}
            </Fieldset>
          );
        })}
        {!request.closed ? (
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={answer.isPending}>
              {t('inbox.send')}
            </Button>
          </ButtonGroup>
        ) : null}
      </form>
    </Section>
  );
}
