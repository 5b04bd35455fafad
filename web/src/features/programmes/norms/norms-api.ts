import type {
  createNormReviewRequest,
  NormDetail,
  NormMatrix,
  NormReview,
  NormStatusEntry,
  NormSummary,
  NormTimeline,
  recordNormStatusRequest,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../../components/api.js';

export type RecordStatusBody = z.input<typeof recordNormStatusRequest>;
export type CreateReviewBody = z.input<typeof createNormReviewRequest>;

export const normsKey = ['norms'] as const;

export function useNorms() {
  return useQuery({
    queryKey: [...normsKey, 'list'],
    queryFn: ({ signal }) => getJson<{ items: NormSummary[] }>('/api/v1/norms', signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useNorm(id: string | undefined) {
  return useQuery({
    queryKey: [...normsKey, 'one', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<NormDetail>(`/api/v1/norms/${id}`, signal),
    staleTime: 0,
  });
}

/** The matrix as of a day (today when none is given). */
export function useNormMatrix(id: string | undefined, on: string) {
  return useQuery({
    queryKey: [...normsKey, 'matrix', id, on],
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      getJson<NormMatrix>(`/api/v1/norms/${id}/matrix${on ? `?on=${on}` : ''}`, signal),
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
}

export function useNormTimeline(id: string | undefined, organisationId: string | undefined) {
  return useQuery({
    queryKey: [...normsKey, 'timeline', id, organisationId],
    enabled: Boolean(id && organisationId),
    queryFn: ({ signal }) => getJson<NormTimeline>(`/api/v1/norms/${id}/members/${organisationId}`, signal),
    staleTime: 0,
  });
}

export function useNormReview(id: string | undefined) {
  return useQuery({
    queryKey: [...normsKey, 'review', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<NormReview>(`/api/v1/norm-reviews/${id}`, signal),
    staleTime: 0,
  });
}

export function recordStatus(normId: string, body: RecordStatusBody): Promise<NormStatusEntry> {
  return sendJson<NormStatusEntry, RecordStatusBody>('POST', `/api/v1/norms/${normId}/statuses`, body);
}

export function createReview(normId: string, body: CreateReviewBody): Promise<NormReview> {
  return sendJson<NormReview, CreateReviewBody>('POST', `/api/v1/norms/${normId}/reviews`, body);
}

export function recordOutcome(reviewId: string, pointId: string, outcome: string): Promise<NormReview> {
  return sendJson<NormReview, { outcome: string }>(
    'PUT',
    `/api/v1/norm-reviews/${reviewId}/points/${pointId}`,
    {
      outcome,
    },
  );
}
