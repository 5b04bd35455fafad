import type {
  Activity,
  ActivityKind,
  ActivityList,
  CaseProgress,
  createActivityRequest,
  createProgrammeRequest,
  IndicatorDefinition,
  Programme,
  ProgrammeSummary,
  programmeGoalRequest,
  recordResultRequest,
} from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export type CreateProgrammeBody = z.input<typeof createProgrammeRequest>;
export type GoalBody = z.input<typeof programmeGoalRequest>;
export type RecordResultBody = z.input<typeof recordResultRequest>;
export type CreateActivityBody = z.input<typeof createActivityRequest>;

export const programmesKey = ['programmes'] as const;
export const activitiesKey = ['activities'] as const;

/**
 * Every programme and district action plan of the region, newest year first. One request for
 * all years: the list page needs the years that have programmes to pick its default and its
 * choices, and switching years then needs no second wait.
 */
export function useProgrammes(enabled = true) {
  return useQuery({
    queryKey: [...programmesKey, 'list'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: ProgrammeSummary[] }>('/api/v1/programmes', signal).then((r) => r.items),
    staleTime: 0,
  });
}

/** A programme with its goals; figures are counted again on every read, so never kept stale. */
export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: [...programmesKey, 'one', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<Programme>(`/api/v1/programmes/${id}`, signal),
    staleTime: 0,
  });
}

/** The indicators a result can be computed with, and their definitions: fixed per release. */
export function useIndicators(enabled = true) {
  return useQuery({
    queryKey: [...programmesKey, 'indicators'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: IndicatorDefinition[] }>('/api/v1/indicators', signal).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useActivityKinds(enabled = true) {
  return useQuery({
    queryKey: [...activitiesKey, 'kinds'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: ActivityKind[] }>('/api/v1/activity-kinds', signal).then((r) => r.items),
  });
}

/** The activity register under a filter (the API's query string), with its totals. */
export function useActivities(query: string) {
  return useQuery({
    queryKey: [...activitiesKey, 'list', query],
    queryFn: ({ signal }) => getJson<ActivityList>(`/api/v1/activities?${query}`, signal),
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
}

export function useCaseProgress(year: number, districtId: string) {
  const query = new URLSearchParams({ year: String(year) });
  if (districtId) query.set('districtId', districtId);
  return useQuery({
    queryKey: ['case-progress', year, districtId],
    queryFn: ({ signal }) => getJson<CaseProgress>(`/api/v1/case-progress?${query}`, signal),
    placeholderData: (previous) => previous,
  });
}

/** After any change to a programme: its page and the list's "x van y" both change. */
function useProgrammeChange<TVariables>(send: (variables: TVariables) => Promise<Programme>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (programme) => {
      queryClient.setQueryData([...programmesKey, 'one', programme.id], programme);
      await queryClient.invalidateQueries({ queryKey: [...programmesKey, 'list'] });
    },
  });
}

export function useCreateProgramme() {
  return useProgrammeChange((body: CreateProgrammeBody) =>
    sendJson<Programme, CreateProgrammeBody>('POST', '/api/v1/programmes', body),
  );
}

export function useSaveGoal(programmeId: string) {
  return useProgrammeChange(({ goalId, body }: { goalId: string | null; body: GoalBody }) =>
    goalId
      ? sendJson<Programme, GoalBody>('PUT', `/api/v1/programmes/${programmeId}/goals/${goalId}`, body)
      : sendJson<Programme, GoalBody>('POST', `/api/v1/programmes/${programmeId}/goals`, body),
  );
}

export function useDeleteGoal(programmeId: string) {
  return useProgrammeChange((goalId: string) =>
    sendJson<Programme>('DELETE', `/api/v1/programmes/${programmeId}/goals/${goalId}`),
  );
}

export function useRecordResult(programmeId: string) {
  return useProgrammeChange(({ goalId, body }: { goalId: string; body: RecordResultBody }) =>
    sendJson<Programme, RecordResultBody>(
      'POST',
      `/api/v1/programmes/${programmeId}/goals/${goalId}/results`,
      body,
    ),
  );
}

export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActivityBody) =>
      sendJson<Activity, CreateActivityBody>('POST', '/api/v1/activities', body),
    // Activities feed the computed figures of programmes too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: activitiesKey }),
        queryClient.invalidateQueries({ queryKey: [...programmesKey, 'one'] }),
        queryClient.invalidateQueries({ queryKey: [...programmesKey, 'list'] }),
      ]),
  });
}
