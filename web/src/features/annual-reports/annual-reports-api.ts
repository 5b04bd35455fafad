import type {
  AnnualReport,
  AnnualReportSummary,
  createAnnualReportRequest,
  PossibleOwner,
  PublishedReport,
  SectionStepRequest,
} from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export type CreateReportBody = z.input<typeof createAnnualReportRequest>;

export const annualReportsKey = ['annual-reports'] as const;
const api = '/api/v1/annual-reports';

/** Where the published report's files are: the JSON, a table's CSV and the archival PDF. */
export const publicationHref = (reportId: string) => `${api}/${reportId}/publication`;
export const tableCsvHref = (reportId: string, tableId: string) =>
  `${api}/${reportId}/publication/tables/${tableId}`;
export const pdfHref = (reportId: string) => `${api}/${reportId}/publication.pdf`;

/** The region's reports: drafts for those who write them, the published ones for everyone. */
export function useAnnualReports() {
  return useQuery({
    queryKey: [...annualReportsKey, 'list'],
    queryFn: ({ signal }) =>
      getJson<{ items: AnnualReportSummary[] }>(api, signal).then((r) =>
        [...r.items].sort((a, b) => b.year - a.year),
      ),
    staleTime: 0,
  });
}

/** A report as it is being written: its figures are computed on every read, so never kept stale. */
export function useAnnualReport(reportId: string | undefined) {
  return useQuery({
    queryKey: [...annualReportsKey, 'one', reportId],
    enabled: Boolean(reportId),
    queryFn: ({ signal }) => getJson<AnnualReport>(`${api}/${reportId}`, signal),
    staleTime: 0,
  });
}

/** The published report: frozen, so it never needs asking again. */
export function usePublishedReport(reportId: string | undefined) {
  return useQuery({
    queryKey: [...annualReportsKey, 'published', reportId],
    enabled: Boolean(reportId),
    queryFn: ({ signal }) => getJson<PublishedReport>(publicationHref(reportId ?? ''), signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The region's users, to choose a section's owner from; only administrators may list them. */
/** Who may own a section of the report (the programme manager asks). */
export function usePossibleOwners(reportId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['annual-reports', reportId, 'possible-owners'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: PossibleOwner[] }>(`/api/v1/annual-reports/${reportId}/possible-owners`, signal).then(
        (r) => r.items,
      ),
  });
}

/** After any change to a report: its page, and the list's "x van y goedgekeurd". */
function useReportChange<TVariables>(send: (variables: TVariables) => Promise<AnnualReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (report) => {
      queryClient.setQueryData([...annualReportsKey, 'one', report.id], report);
      await queryClient.invalidateQueries({ queryKey: [...annualReportsKey, 'list'] });
    },
  });
}

export function useCreateReport() {
  return useReportChange((body: CreateReportBody) =>
    sendJson<AnnualReport, CreateReportBody>('POST', api, body),
  );
}

export function useSetOwner(reportId: string) {
  return useReportChange(({ sectionId, ownerId }: { sectionId: string; ownerId: string | null }) =>
    sendJson<AnnualReport, { ownerId: string | null }>(
      'PUT',
      `${api}/${reportId}/sections/${sectionId}/owner`,
      { ownerId },
    ),
  );
}

export function useWriteProse(reportId: string) {
  return useReportChange(({ sectionId, prose }: { sectionId: string; prose: string }) =>
    sendJson<AnnualReport, { prose: string }>('PUT', `${api}/${reportId}/sections/${sectionId}/prose`, {
      prose,
    }),
  );
}

export function useSectionStep(reportId: string) {
  return useReportChange(({ sectionId, step }: { sectionId: string; step: SectionStepRequest }) =>
    sendJson<AnnualReport, SectionStepRequest>(
      'POST',
      `${api}/${reportId}/sections/${sectionId}/steps`,
      step,
    ),
  );
}

export function usePublish(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<PublishedReport>('POST', publicationHref(reportId)),
    onSuccess: async (published) => {
      queryClient.setQueryData([...annualReportsKey, 'published', reportId], published);
      await queryClient.invalidateQueries({ queryKey: [...annualReportsKey, 'list'] });
      await queryClient.invalidateQueries({ queryKey: [...annualReportsKey, 'one', reportId] });
    },
  });
}
