import type { HitCheckRequest, QueueItem, SignalDetail, SignalSummary } from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api.js';

interface List<T> {
  items: T[];
}

export const signalsKey = ['signals'] as const;

export function useSignals() {
  return useQuery({
    queryKey: signalsKey,
    queryFn: ({ signal }) => getJson<List<SignalSummary>>('/api/v1/signals', signal).then((r) => r.items),
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
