import type {
  AttachmentView,
  adviceRequest,
  adviceStatusRequest,
  CaseDetail,
  CasePage,
  CaseSummary,
  caseConfiguration,
  casePhaseRequest,
  caseSubjectRequest,
  communicationRequest,
  createCaseRequest,
  evaluationRequest,
  goalRequest,
  interventionRequest,
  matrixRequest,
  participantRequest,
  priorityRequest,
  provisionRequest,
  removeParticipantRequest,
  resultRequest,
  SignalDetail,
  SignalSummary,
} from '@samenspel/contracts';
import { MAX_PAGE_SIZE } from '@samenspel/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson, uploadFile } from '../../components/api.js';

export const casesKey = ['cases'] as const;

// The request bodies as the contracts accept them (their input: defaults may be left out).
export type CreateCaseBody = z.input<typeof createCaseRequest>;
export type CasePhaseBody = z.input<typeof casePhaseRequest>;
export type GoalBody = z.input<typeof goalRequest>;
export type ParticipantBody = z.input<typeof participantRequest>;
export type RemoveParticipantBody = z.input<typeof removeParticipantRequest>;
export type CaseSubjectBody = z.input<typeof caseSubjectRequest>;
export type ProvisionBody = z.input<typeof provisionRequest>;
export type MatrixBody = z.input<typeof matrixRequest>;
export type AdviceBody = z.input<typeof adviceRequest>;
export type AdviceStatusBody = z.input<typeof adviceStatusRequest>;
export type InterventionBody = z.input<typeof interventionRequest>;
export type ResultBody = z.input<typeof resultRequest>;
export type CommunicationBody = z.input<typeof communicationRequest>;
export type PriorityBody = z.input<typeof priorityRequest>;
export type EvaluationBody = z.input<typeof evaluationRequest>;

export type CaseConfiguration = z.infer<typeof caseConfiguration>;

/** One page of the cases list, for the API query given (filters, sort, page). */
export function useCasePage(query: string) {
  return useQuery({
    queryKey: [...casesKey, 'page', query],
    queryFn: ({ signal }) => getJson<CasePage>(`/api/v1/cases${query ? `?${query}` : ''}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...casesKey, id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<CaseDetail>(`/api/v1/cases/${id}`, signal),
    staleTime: 0,
  });
}

export function useCaseConfiguration() {
  return useQuery({
    queryKey: ['case-configuration'],
    queryFn: ({ signal }) => getJson<CaseConfiguration>('/api/v1/case-configuration', signal),
  });
}

/** The case started from a signal, if any (within what the reader may see). */
export function useCaseOfSignal(signalId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...casesKey, 'of-signal', signalId],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: CaseSummary[] }>(
        `/api/v1/cases?signalId=${encodeURIComponent(signalId)}`,
        signal,
      ).then((r) => r.items[0] ?? null),
    staleTime: 0,
  });
}

/** The signal a new case starts from, to fill in the form. */
export function useStartingSignal(signalId: string | null) {
  return useQuery({
    queryKey: ['signals', signalId],
    enabled: Boolean(signalId),
    queryFn: ({ signal }) => getJson<SignalDetail>(`/api/v1/signals/${signalId}`, signal),
  });
}

export function useAcceptedSignals(enabled: boolean) {
  return useQuery({
    queryKey: ['signals', 'accepted'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: SignalSummary[] }>(
        `/api/v1/signals?decision=accepted&pageSize=${MAX_PAGE_SIZE}`,
        signal,
      ).then((r) => r.items.filter((s) => s.decision === 'accepted')),
  });
}

export function createCase(body: CreateCaseBody): Promise<CaseDetail> {
  return sendJson<CaseDetail, CreateCaseBody>('POST', '/api/v1/cases', body);
}

const casePath = (caseId: string) => `/api/v1/cases/${caseId}`;

/** The changes to a case, one per endpoint; each answers with the case as it is afterwards. */
export const caseChanges = {
  goal: (caseId: string, body: GoalBody) =>
    sendJson<CaseDetail, GoalBody>('PUT', `${casePath(caseId)}/goal`, body),
  phase: (caseId: string, body: CasePhaseBody) =>
    sendJson<CaseDetail, CasePhaseBody>('POST', `${casePath(caseId)}/phase`, body),
  participant: (caseId: string, body: ParticipantBody) =>
    sendJson<CaseDetail, ParticipantBody>('POST', `${casePath(caseId)}/participants`, body),
  removeParticipant: (
    caseId: string,
    { organisationId, ...body }: RemoveParticipantBody & { organisationId: string },
  ) =>
    sendJson<CaseDetail, RemoveParticipantBody>(
      'POST',
      `${casePath(caseId)}/participants/${organisationId}/remove`,
      body,
    ),
  subject: (caseId: string, body: CaseSubjectBody) =>
    sendJson<CaseDetail, CaseSubjectBody>('POST', `${casePath(caseId)}/subjects`, body),
  provision: (caseId: string, body: ProvisionBody) =>
    sendJson<CaseDetail, ProvisionBody>('POST', `${casePath(caseId)}/provisions`, body),
  matrixRow: (caseId: string, body: MatrixBody) =>
    sendJson<CaseDetail, MatrixBody>('POST', `${casePath(caseId)}/matrix`, body),
  advice: (caseId: string, body: AdviceBody) =>
    sendJson<CaseDetail, AdviceBody>('POST', `${casePath(caseId)}/advices`, body),
  adviceStatus: (caseId: string, { adviceId, ...body }: AdviceStatusBody & { adviceId: string }) =>
    sendJson<CaseDetail, AdviceStatusBody>('PUT', `${casePath(caseId)}/advices/${adviceId}/status`, body),
  intervention: (caseId: string, body: InterventionBody) =>
    sendJson<CaseDetail, InterventionBody>('POST', `${casePath(caseId)}/interventions`, body),
  result: (caseId: string, body: ResultBody) =>
    sendJson<CaseDetail, ResultBody>('POST', `${casePath(caseId)}/results`, body),
  communication: (caseId: string, body: CommunicationBody) =>
    sendJson<CaseDetail, CommunicationBody>('POST', `${casePath(caseId)}/communications`, body),
  priority: (caseId: string, body: PriorityBody) =>
    sendJson<CaseDetail, PriorityBody>('PUT', `${casePath(caseId)}/priority`, body),
  evaluation: (caseId: string, body: EvaluationBody) =>
    sendJson<CaseDetail, EvaluationBody>('PUT', `${casePath(caseId)}/evaluation`, body),
};

/** A change to a case, sent by one of `caseChanges`; the case on the page becomes the answer. */
export function useCaseChange<TVariables>(
  caseId: string,
  send: (caseId: string, variables: TVariables) => Promise<CaseDetail>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => send(caseId, variables),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...casesKey, caseId], updated);
      await queryClient.invalidateQueries({ queryKey: casesKey, exact: true });
    },
  });
}

const attachmentsKey = (caseId: string) => ['case-attachments', caseId] as const;

export function useAttachments(caseId: string) {
  return useQuery({
    queryKey: attachmentsKey(caseId),
    queryFn: ({ signal }) =>
      getJson<{ items: AttachmentView[] }>(`${casePath(caseId)}/attachments`, signal).then((r) => r.items),
  });
}

/** An upload streams the file as multipart form data; the list shows it once it is stored. */
export function useAttachmentUpload(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => uploadFile<AttachmentView>(`${casePath(caseId)}/attachments`, form),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(caseId) }),
  });
}
