import type { CaseDetail, CaseSummary, SignalSummary } from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../components/api.js';

export const casesKey = ['cases'] as const;

export function useCases() {
  return useQuery({
    queryKey: casesKey,
    queryFn: ({ signal }) => getJson<{ items: CaseSummary[] }>('/api/v1/cases', signal).then((r) => r.items),
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

export interface CaseConfiguration {
  directors: Array<{ id: string; name: string }>;
  legalBases: Array<{ id: string; code: string; name: string }>;
  interventions: Array<{ id: string; kind: string; code: string; name: string }>;
}

export function useCaseConfiguration() {
  return useQuery({
    queryKey: ['case-configuration'],
    queryFn: ({ signal }) => getJson<CaseConfiguration>('/api/v1/case-configuration', signal),
  });
}

export function useAcceptedSignals(enabled: boolean) {
  return useQuery({
    queryKey: ['signals', 'accepted'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: SignalSummary[] }>('/api/v1/signals?stage=decided', signal).then((r) =>
        r.items.filter((s) => s.decision === 'accepted'),
      ),
  });
}

/** A change to a case; the answer is the case as it is afterwards. */
export function useCaseChange(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { method: 'POST' | 'PUT'; path: string; body?: unknown }) =>
      sendJson<CaseDetail>(request.method, `/api/v1/cases/${caseId}${request.path}`, request.body),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...casesKey, caseId], updated);
      await queryClient.invalidateQueries({ queryKey: casesKey, exact: true });
    },
  });
}
