import type {
  AuditEntry,
  ProcessingActivity,
  SharingMatrix,
  subjectPseudonymRequest,
  subjectPseudonyms,
} from '@samenspel/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export type SubjectPseudonymBody = z.input<typeof subjectPseudonymRequest>;
export type SubjectPseudonyms = z.infer<typeof subjectPseudonyms>;

export interface AuditFilter {
  userId?: string | undefined;
  organisationId?: string | undefined;
  activity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  subject?: string[] | undefined;
}

export function filterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['userId', 'organisationId', 'activity', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  for (const s of filter.subject ?? []) params.append('subject', s);
  return params;
}

export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit-entries', filter],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => {
      const params = filterParams(filter);
      params.set('limit', '50');
      if (pageParam) params.set('before', String(pageParam));
      return getJson<{ items: AuditEntry[]; nextBefore: number | null }>(
        `/api/v1/audit/entries?${params}`,
        signal,
      );
    },
    getNextPageParam: (last) => last.nextBefore,
    staleTime: 0,
  });
}

export function useProcessingActivities() {
  return useQuery({
    queryKey: ['processing-activities'],
    queryFn: ({ signal }) =>
      getJson<{ items: ProcessingActivity[] }>('/api/v1/processing-activities', signal).then((r) => r.items),
  });
}

/** Who provided how much to whom under which basis, in one year or (without a year) in all years. */
export function useSharingMatrix(year: string) {
  return useQuery({
    queryKey: ['sharing-matrix', year],
    queryFn: ({ signal }) =>
      getJson<SharingMatrix>(`/api/v1/sharing-matrix${year ? `?year=${year}` : ''}`, signal),
  });
}

/** The pseudonyms under which a data subject appears in the log. */
export function findSubjectPseudonyms(body: SubjectPseudonymBody): Promise<SubjectPseudonyms> {
  return sendJson<SubjectPseudonyms, SubjectPseudonymBody>('POST', '/api/v1/audit/subject-pseudonyms', body);
}
