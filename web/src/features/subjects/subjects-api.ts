import type {
  CrossRecordSignals,
  decisionRequest,
  FtmImportReport,
  MatchExplanation,
  Network,
  RelationType,
  relationRequest,
  SubjectDetail,
  SuggestionPage,
} from '@samenspel/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson, sendText } from '../../components/api.js';
import { casesKey } from '../cases/cases-api.js';

export const subjectsKey = ['subjects'] as const;

export type DecisionBody = z.input<typeof decisionRequest>;
export type RelationBody = z.input<typeof relationRequest>;
/** A relation as the form sends it: its type may still be unchosen, and then the server asks for it. */
export type RelationFormBody = Omit<RelationBody, 'type'> & Partial<Pick<RelationBody, 'type'>>;

export interface NetworkFilter {
  depth: number;
  types: RelationType[];
  from: string;
  to: string;
}

function networkQuery(filter: NetworkFilter): string {
  const params = new URLSearchParams({ depth: String(filter.depth) });
  if (filter.types.length) params.set('types', filter.types.join(','));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return params.toString();
}

/** The open suggestions, most probable first, a page at a time (the API's cursor). */
export function useSuggestions() {
  return useInfiniteQuery({
    queryKey: [...subjectsKey, 'suggestions'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      getJson<SuggestionPage>(
        `/api/v1/subjects/suggestions?limit=${SUGGESTIONS_PER_PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const SUGGESTIONS_PER_PAGE = 20;

export function useCrossRecord() {
  return useQuery({
    queryKey: [...subjectsKey, 'cross-record'],
    queryFn: ({ signal }) => getJson<CrossRecordSignals>('/api/v1/subjects/cross-record', signal),
  });
}

/** Why two subjects are, or are not, suggested as the same ("why not?"). */
export function useComparison(id: string, otherId: string | null) {
  return useQuery({
    queryKey: [...subjectsKey, id, 'compare', otherId],
    enabled: Boolean(otherId),
    queryFn: ({ signal }) => getJson<MatchExplanation>(`/api/v1/subjects/${id}/compare/${otherId}`, signal),
  });
}

export function useSubject(id: string | undefined) {
  return useQuery({
    queryKey: [...subjectsKey, id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<SubjectDetail>(`/api/v1/subjects/${id}`, signal),
  });
}

/** The network around a subject (analysts) or of a case (its participants). */
export function useNetwork(of: { subjectId?: string; caseId?: string }, filter: NetworkFilter) {
  const path = of.caseId ? `/api/v1/cases/${of.caseId}/network` : `/api/v1/subjects/${of.subjectId}/network`;
  return useQuery({
    queryKey: [...subjectsKey, 'network', of, filter],
    queryFn: ({ signal }) => getJson<Network>(`${path}?${networkQuery(filter)}`, signal),
    placeholderData: (previous) => previous,
  });
}

export function useSubjectActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: subjectsKey });
  return {
    decide: useMutation({
      mutationFn: ({ id, ...body }: DecisionBody & { id: string }) =>
        sendJson<{ id: string; status: string; mergeId: string | null }, DecisionBody>(
          'POST',
          `/api/v1/subjects/suggestions/${id}/decision`,
          body,
        ),
      onSuccess: refresh,
    }),
    undo: useMutation({
      mutationFn: (mergeId: string) => sendJson('POST', `/api/v1/subjects/merges/${mergeId}/undo`),
      onSuccess: refresh,
    }),
  };
}

export function useRelation(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RelationFormBody) =>
      sendJson<{ id: string }, RelationFormBody>('POST', `/api/v1/cases/${caseId}/relations`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subjectsKey }),
  });
}

export function useFtmImport(caseId: string) {
  const queryClient = useQueryClient();
  return {
    preview: useMutation({
      mutationFn: (text: string) =>
        sendText<FtmImportReport>(`/api/v1/cases/${caseId}/ftm-imports`, text, 'application/x-ndjson'),
    }),
    apply: useMutation({
      mutationFn: (importId: string) =>
        sendJson<FtmImportReport>('POST', `/api/v1/cases/${caseId}/ftm-imports/${importId}/apply`),
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: subjectsKey });
        await queryClient.invalidateQueries({ queryKey: [...casesKey, caseId] });
      },
    }),
  };
}
