import type { Meeting } from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api.js';

export const meetingsKey = ['meetings'] as const;

export function useMeetings() {
  return useQuery({
    queryKey: meetingsKey,
    queryFn: ({ signal }) => getJson<{ items: Meeting[] }>('/api/v1/meetings', signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: [...meetingsKey, id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<Meeting>(`/api/v1/meetings/${id}`, signal),
    staleTime: 0,
  });
}
