import type {
  AuditAttention,
  CaseWork,
  HitCheckRequestSummary,
  Meeting,
  SignalWork,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api.js';
import { isoDateFromToday } from '../../components/date-field.js';

/** The signals part of the start page: whatever the reader's permissions give (GET /signals/work). */
export function useSignalWork(enabled: boolean) {
  return useQuery({
    queryKey: ['signals', 'work'],
    enabled,
    queryFn: ({ signal }) => getJson<SignalWork>('/api/v1/signals/work', signal),
    staleTime: 0,
  });
}

/** The partner's open hit/no-hit requests, counted, without the data searched on. */
export function useOpenRequests(enabled: boolean) {
  return useQuery({
    queryKey: ['hit-check-requests', 'open'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: HitCheckRequestSummary[] }>('/api/v1/hit-check-requests/open', signal).then(
        (r) => r.items,
      ),
    staleTime: 0,
  });
}

/** The next meetings, soonest first. */
export function useNextMeetings(enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', 'next'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: Meeting[] }>(`/api/v1/meetings?from=${isoDateFromToday()}`, signal).then(
        (r) => r.items,
      ),
    staleTime: 0,
  });
}

/** The cases part of the start page: directed cases, cases waiting on one's organisation, signals to start from. */
export function useCaseWork(enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'work'],
    enabled,
    queryFn: ({ signal }) => getJson<CaseWork>('/api/v1/cases/work', signal),
    staleTime: 0,
  });
}

/** What asks the privacy officer's attention in the processing log of the last 30 days. */
export function useAuditAttention(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'attention'],
    enabled,
    queryFn: ({ signal }) => getJson<AuditAttention>('/api/v1/audit/attention', signal),
    staleTime: 0,
  });
}
