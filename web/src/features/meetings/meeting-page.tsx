import type { Meeting } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  FormFieldTextarea,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { meetingsKey, saveOutcome, savePriorities, useMeeting } from './meetings-api.js';

export function MeetingPage() {
  const { meetingId } = useParams();
  const meeting = useMeeting(meetingId);
  useEffect(() => {
    if (meeting.data)
      document.title = `${t(`meetingKind.${meeting.data.kind}`)} ${formatDate(meeting.data.date)} · ${t('app.name')}`;
  }, [meeting.data]);
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  return <MeetingView meeting={meeting.data} />;
}

function MeetingView({ meeting }: { meeting: Meeting }) {
  const queryClient = useQueryClient();
  const update = (updated: Meeting) => queryClient.setQueryData([...meetingsKey, meeting.id], updated);
  return (
    <>
      <Paragraph>
        <RouterLink to="/overleggen" className="utrecht-link">
          {t('meetings.title')}
        </RouterLink>
      </Paragraph>
      <Heading1>
        {t(`meetingKind.${meeting.kind}`)} {meeting.district.name}, {formatDate(meeting.date)}
      </Heading1>
      <Paragraph>
        {t('meetings.attendees')}: {meeting.attendingOrganisations.map((o) => o.name).join(', ')}
      </Paragraph>
      <Heading2>{t('meetings.agenda')}</Heading2>
      {meeting.agenda.length === 0 ? <Paragraph>{t('meetings.emptyAgenda')}</Paragraph> : null}
      {meeting.agenda.map((item) => (
        <Outcome key={item.signalId} meeting={meeting} item={item} onSaved={update} />
      ))}
      {meeting.kind === 'dto' && meeting.agenda.length > 0 ? (
        <Priorities meeting={meeting} onSaved={update} />
      ) : null}
    </>
  );
}

function Outcome({
  meeting,
  item,
  onSaved,
}: {
  meeting: Meeting;
  item: Meeting['agenda'][number];
  onSaved: (m: Meeting) => void;
}) {
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (outcome: string) => saveOutcome(meeting.id, { signalId: item.signalId, outcome }),
    onSuccess: (m) => {
      setError(undefined);
      onSaved(m);
    },
    onError: (e) =>
      setError(e instanceof ApiError ? (e.fieldError('outcome') ?? e.message) : t('signIn.offline')),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(String(new FormData(event.currentTarget).get('outcome') ?? ''));
  }
  return (
    <form onSubmit={submit} noValidate className="samenspel-subject">
      <Heading3>
        <RouterLink to={`/signalen/${item.signalId}`} className="utrecht-link">
          {item.reference}
        </RouterLink>
      </Heading3>
      <FormFieldTextarea
        id={`uitkomst-${item.signalId}`}
        name="outcome"
        label={t('meetings.outcomeFor', { reference: item.reference })}
        defaultValue={item.outcome ?? ''}
        rows={2}
        invalid={Boolean(error)}
        errorMessage={error}
      />
      <ButtonGroup>
        <Button
          type="submit"
          appearance="secondary-action-button"
          disabled={save.isPending}
          aria-label={t('meetings.saveOutcomeFor', { reference: item.reference })}
        >
          {t('meetings.saveOutcome')}
        </Button>
      </ButtonGroup>
      {save.isSuccess ? (
        <p role="status" className="utrecht-paragraph">
          {t('step.done')}
        </p>
      ) : null}
    </form>
  );
}

/** The DTO's priority list: move signals up and down with buttons (no dragging needed). */
function Priorities({ meeting, onSaved }: { meeting: Meeting; onSaved: (m: Meeting) => void }) {
  const initial = [
    ...meeting.priorities.map((p) => p.signalId),
    ...meeting.agenda
      .map((a) => a.signalId)
      .filter((id) => !meeting.priorities.some((p) => p.signalId === id)),
  ];
  const [order, setOrder] = useState<string[]>(initial);
  const save = useMutation({
    mutationFn: () => savePriorities(meeting.id, { signalIds: order }),
    onSuccess: onSaved,
  });
  const reference = (id: string) => meeting.agenda.find((a) => a.signalId === id)?.reference ?? id;
  const move = (index: number, by: number) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    setOrder(next);
  };
  return (
    <Section id="prioriteiten" title={t('meetings.priorities')}>
      <ol>
        {order.map((id, index) => (
          <li key={id}>
            {reference(id)}{' '}
            <Button
              appearance="subtle-button"
              disabled={index === 0}
              aria-label={t('meetings.up', { reference: reference(id) })}
              onClick={() => move(index, -1)}
            >
              ↑
            </Button>
            <Button
              appearance="subtle-button"
              disabled={index === order.length - 1}
              aria-label={t('meetings.down', { reference: reference(id) })}
              onClick={() => move(index, 1)}
            >
              ↓
            </Button>
          </li>
        ))}
      </ol>
      {save.isError ? <ProblemAlert error={save.error} /> : null}
      {save.isSuccess ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('meetings.prioritiesSaved')}</Paragraph>
        </Alert>
      ) : null}
      <ButtonGroup>
        <Button appearance="primary-action-button" disabled={save.isPending} onClick={() => save.mutate()}>
          {t('meetings.savePriorities')}
        </Button>
      </ButtonGroup>
    </Section>
  );
}
