import type { SearchRequest, SearchResults } from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { sendJson } from '../../components/api.js';

/**
 * The results for a query. POSTed, as the API asks: the query (a BSN, a name) is personal data and
 * stays out of addresses, browser history and server logs; it is kept only in memory here.
 */
export function useSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    enabled: q.trim().length >= 2,
    queryFn: () => sendJson<SearchResults, SearchRequest>('POST', '/api/v1/search', { q }),
    staleTime: 0,
    gcTime: 60_000,
  });
}
