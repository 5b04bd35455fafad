import type { AccountabilityReport, DistrictTarget, setTargetsRequest } from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export type SetTargetsBody = z.input<typeof setTargetsRequest>;

export interface ReportFilter {
  year: number;
  quarter: string;
  district: string;
}

/** The query string of a report filter, shared by the JSON request and the downloads. */
export function reportQueryString(filter: ReportFilter): string {
  const params = new URLSearchParams({ year: String(filter.year) });
  if (filter.quarter) params.set('quarter', filter.quarter);
  if (filter.district) params.set('district', filter.district);
  return params.toString();
}

export const reportsKey = ['reports'] as const;

export function useAccountability(filter: ReportFilter) {
  return useQuery({
    queryKey: [...reportsKey, 'accountability', filter],
    queryFn: ({ signal }) =>
      getJson<AccountabilityReport>(`/api/v1/reports/accountability?${reportQueryString(filter)}`, signal),
    placeholderData: (previous) => previous,
  });
}

export function useSetTargets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ districtId, year, ...body }: SetTargetsBody & { districtId: string; year: number }) =>
      sendJson<{ targets: DistrictTarget[] }, SetTargetsBody>(
        'PUT',
        `/api/v1/district-targets/${districtId}/${year}`,
        body,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsKey }),
  });
}
