import type {
  answerRoundRequest,
  HitCheckRequest,
  QueueItem,
  SignalDetail,
  SignalPage,
  SignalSummary,
  signalDraftInput,
  signalTransition,
  startRoundRequest,
  subjectInput,
} from '@samenspel/contracts';
import { MAX_PAGE_SIZE } from '@samenspel/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

interface List<T> {
  items: T[];
}

export const signalsKey = ['signals'] as const;

export type SignalTransitionBody = z.input<typeof signalTransition>;
export type StartRoundBody = z.input<typeof startRoundRequest>;
export type AnswerRoundBody = z.input<typeof answerRoundRequest>;
export type SubjectBody = z.input<typeof subjectInput>;

/**
 * A subject as the intake form holds it: the contract's fields for its kind, with those still
 * empty left out, so that the server names each one that is missing.
 */
export type SubjectDraft = {
  [K in SubjectBody['kind']]: { kind: K } & Partial<Omit<Extract<SubjectBody, { kind: K }>, 'kind'>>;
}[SubjectBody['kind']];

/**
 * A signal as the intake form sends it, new (POST) or a draft taken up again (PUT): a draft's
 * fields and whether to submit it. The server checks that a submitted signal is complete.
 */
export type IntakeBody = Omit<z.input<typeof signalDraftInput>, 'subjects'> & {
  submit: boolean;
  subjects: SubjectDraft[];
};

/** The open signals (received, not yet decided), newest stage first: for planning meetings. */
export function useSignals() {
  return useQuery({
    queryKey: [...signalsKey, 'open'],
    queryFn: ({ signal }) =>
      getJson<List<SignalSummary>>(`/api/v1/signals?open=true&pageSize=${MAX_PAGE_SIZE}`, signal).then(
        (r) => r.items,
      ),
    staleTime: 0,
  });
}

/** One page of the signals list, for the API query given (filters, sort, page). */
export function useSignalPage(query: string) {
  return useQuery({
    queryKey: [...signalsKey, 'page', query],
    queryFn: ({ signal }) => getJson<SignalPage>(`/api/v1/signals${query ? `?${query}` : ''}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useQueue(enabled: boolean) {
  return useQuery({
    queryKey: [...signalsKey, 'queue'],
    enabled,
    queryFn: ({ signal }) => getJson<List<QueueItem>>('/api/v1/signals/queue', signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useSignal(id: string | undefined) {
  return useQuery({
    queryKey: [...signalsKey, id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<SignalDetail>(`/api/v1/signals/${id}`, signal),
    staleTime: 0,
  });
}

export function useInbox() {
  return useQuery({
    queryKey: ['hit-check-requests'],
    queryFn: ({ signal }) =>
      getJson<List<HitCheckRequest>>('/api/v1/hit-check-requests', signal).then((r) => r.items),
    staleTime: 0,
  });
}

/** Saves a new signal, or a draft again when it has an id. */
export function saveSignal(draftId: string | undefined, body: IntakeBody): Promise<SignalDetail> {
  return draftId
    ? sendJson<SignalDetail, IntakeBody>('PUT', `/api/v1/signals/${draftId}`, body)
    : sendJson<SignalDetail, IntakeBody>('POST', '/api/v1/signals', body);
}

export function transitionSignal(signalId: string, body: SignalTransitionBody): Promise<SignalDetail> {
  return sendJson<SignalDetail, SignalTransitionBody>(
    'POST',
    `/api/v1/signals/${signalId}/transitions`,
    body,
  );
}

export function startRound(signalId: string, body: StartRoundBody): Promise<SignalDetail> {
  return sendJson<SignalDetail, StartRoundBody>('POST', `/api/v1/signals/${signalId}/hit-check-rounds`, body);
}

export function closeRound(roundId: string): Promise<SignalDetail> {
  return sendJson<SignalDetail>('POST', `/api/v1/hit-check-rounds/${roundId}/close`);
}

/** A partner's answers in a hit/no-hit round. */
export function answerRound(roundId: string, body: AnswerRoundBody): Promise<HitCheckRequest> {
  return sendJson<HitCheckRequest, AnswerRoundBody>(
    'PUT',
    `/api/v1/hit-check-requests/${roundId}/answers`,
    body,
  );
}
