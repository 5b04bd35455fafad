import type {
  createMeetingRequest,
  Meeting,
  meetingOutcomeRequest,
  meetingPrioritiesRequest,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export const meetingsKey = ['meetings'] as const;

export type CreateMeetingBody = z.input<typeof createMeetingRequest>;
export type MeetingOutcomeBody = z.input<typeof meetingOutcomeRequest>;
export type MeetingPrioritiesBody = z.input<typeof meetingPrioritiesRequest>;

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

export function createMeeting(body: CreateMeetingBody): Promise<Meeting> {
  return sendJson<Meeting, CreateMeetingBody>('POST', '/api/v1/meetings', body);
}

/** The outcome for one signal on the agenda. */
export function saveOutcome(meetingId: string, body: MeetingOutcomeBody): Promise<Meeting> {
  return sendJson<Meeting, MeetingOutcomeBody>('POST', `/api/v1/meetings/${meetingId}/outcomes`, body);
}

/** The DTO's priorities, highest first. */
export function savePriorities(meetingId: string, body: MeetingPrioritiesBody): Promise<Meeting> {
  return sendJson<Meeting, MeetingPrioritiesBody>('PUT', `/api/v1/meetings/${meetingId}/priorities`, body);
}
