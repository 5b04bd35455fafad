import type {
  createScanActionRequest,
  createScanRunRequest,
  LocationPage,
  ScanComparison,
  ScanDetail,
  ScanRun,
  ScanRunSummary,
  ScanSummary,
  scanActionStepRequest,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../../components/api.js';

export type ScanRunBody = z.input<typeof createScanRunRequest>;
export type ScanActionBody = z.input<typeof createScanActionRequest>;
export type ScanActionStepBody = z.input<typeof scanActionStepRequest>;

export const scansKey = ['scans'] as const;

export function useScans() {
  return useQuery({
    queryKey: [...scansKey, 'list'],
    queryFn: ({ signal }) => getJson<{ items: ScanSummary[] }>('/api/v1/scans', signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useScan(id: string | undefined) {
  return useQuery({
    queryKey: [...scansKey, 'one', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<ScanDetail>(`/api/v1/scans/${id}`, signal),
    staleTime: 0,
  });
}

/** The runs the reader may open, of one year or all. */
export function useScanRuns(id: string | undefined, year: string) {
  return useQuery({
    queryKey: [...scansKey, 'runs', id, year],
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      getJson<{ items: ScanRunSummary[] }>(
        `/api/v1/scans/${id}/runs${year ? `?year=${year}` : ''}`,
        signal,
      ).then((r) => r.items),
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
}

export function useScanComparison(id: string | undefined, year: string) {
  return useQuery({
    queryKey: [...scansKey, 'comparison', id, year],
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      getJson<ScanComparison>(`/api/v1/scans/${id}/comparison${year ? `?year=${year}` : ''}`, signal),
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
}

export function useScanRun(id: string | undefined) {
  return useQuery({
    queryKey: [...scansKey, 'run', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<ScanRun>(`/api/v1/scan-runs/${id}`, signal),
    staleTime: 0,
  });
}

/** The risk locations of a municipality the user may open: the ones an object can be tied to. */
export function useMunicipalityLocations(code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...scansKey, 'locations', code],
    enabled: enabled && Boolean(code),
    queryFn: ({ signal }) =>
      getJson<LocationPage>(`/api/v1/locations?municipalityCode=${code}&pageSize=100`, signal).then(
        (r) => r.items,
      ),
  });
}

export function runScan(scanId: string, body: ScanRunBody): Promise<ScanRun> {
  return sendJson<ScanRun, ScanRunBody>('POST', `/api/v1/scans/${scanId}/runs`, body);
}

export function addAction(runId: string, body: ScanActionBody): Promise<ScanRun> {
  return sendJson<ScanRun, ScanActionBody>('POST', `/api/v1/scan-runs/${runId}/actions`, body);
}

export function actionStep(actionId: string, body: ScanActionStepBody): Promise<ScanRun> {
  return sendJson<ScanRun, ScanActionStepBody>('POST', `/api/v1/scan-actions/${actionId}/steps`, body);
}
