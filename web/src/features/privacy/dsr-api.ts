import type {
  DsrDetail,
  DsrSummary,
  DsrTaskDetail,
  dsrDecisionRequest,
  dsrExtension,
  dsrOwners,
  dsrRegistration,
  dsrTaskList,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';
import { isoDateFromToday } from '../../components/date-field.js';

export type DsrRegistrationBody = z.input<typeof dsrRegistration>;
export type DsrExtensionBody = z.input<typeof dsrExtension>;
export type DsrOwnersBody = z.input<typeof dsrOwners>;
export type DsrDecisionBody = z.input<typeof dsrDecisionRequest>;
export type DsrTaskSummary = z.infer<typeof dsrTaskList>['items'][number];

const requests = '/api/v1/data-subject-requests';
const tasks = '/api/v1/data-subject-tasks';

export const dsrKey = ['data-subject-requests'] as const;
export const dsrTasksKey = ['data-subject-tasks'] as const;
export const dsrRequestKey = (requestId: string) => [...dsrKey, requestId] as const;
export const dsrTaskKey = (taskId: string) => [...dsrTasksKey, taskId] as const;

/** The region's requests: open ones by deadline first, answered ones last (as the server orders them). */
export function useDsrList() {
  return useQuery({
    queryKey: dsrKey,
    queryFn: ({ signal }) => getJson<{ items: DsrSummary[] }>(requests, signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useDsr(requestId: string) {
  return useQuery({
    queryKey: dsrRequestKey(requestId),
    queryFn: ({ signal }) => getJson<DsrDetail>(`${requests}/${requestId}`, signal),
    staleTime: 0,
  });
}

/** Registers a request; the server searches everything about the person before it answers. */
export function registerDsr(body: DsrRegistrationBody): Promise<DsrDetail> {
  return sendJson<DsrDetail, DsrRegistrationBody>('POST', requests, body);
}

export function reviewMatch(requestId: string, matchId: string, confirmed: boolean): Promise<DsrDetail> {
  return sendJson<DsrDetail, { confirmed: boolean }>(
    'POST',
    `${requests}/${requestId}/matches/${matchId}/review`,
    { confirmed },
  );
}

export function saveOwners(requestId: string, body: DsrOwnersBody): Promise<DsrDetail> {
  return sendJson<DsrDetail, DsrOwnersBody>('PUT', `${requests}/${requestId}/owners`, body);
}

export function extendDsr(requestId: string, body: DsrExtensionBody): Promise<DsrDetail> {
  return sendJson<DsrDetail, DsrExtensionBody>('POST', `${requests}/${requestId}/extension`, body);
}

export function answerDsr(requestId: string): Promise<DsrDetail> {
  return sendJson<DsrDetail>('POST', `${requests}/${requestId}/answer`);
}

export const answerPdfHref = (requestId: string) => `${requests}/${requestId}/answer.pdf`;
export const answerJsonHref = (requestId: string) => `${requests}/${requestId}/answer.json`;

/** The signed-in person's own tasks: the partner's part of each request. */
export function useDsrTasks() {
  return useQuery({
    queryKey: dsrTasksKey,
    queryFn: ({ signal }) => getJson<{ items: DsrTaskSummary[] }>(tasks, signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useDsrTask(taskId: string) {
  return useQuery({
    queryKey: dsrTaskKey(taskId),
    queryFn: ({ signal }) => getJson<DsrTaskDetail>(`${tasks}/${taskId}`, signal),
    staleTime: 0,
  });
}

export function decideMatch(taskId: string, matchId: string, body: DsrDecisionBody): Promise<DsrTaskDetail> {
  return sendJson<DsrTaskDetail, DsrDecisionBody>(
    'POST',
    `${tasks}/${taskId}/matches/${matchId}/decision`,
    body,
  );
}

/** Whole calendar days from today in the Netherlands to `isoDate`; negative once it has passed. */
export function daysLeft(isoDate: string): number {
  return Math.round((Date.parse(isoDate) - Date.parse(isoDateFromToday())) / 86_400_000);
}
