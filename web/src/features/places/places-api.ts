import type {
  AddressRegisterLoaded,
  AddressRegisterState,
  CasePage,
  createInspectionRequest,
  createLocationRequest,
  Inspection,
  InspectionPage,
  inspectionFindingRequest,
  inspectionFollowUpRequest,
  inspectionStepRequest,
  LocationDetail,
  LocationPage,
  LocationProject,
  locationStepRequest,
  locationSubjectRequest,
  MapLayer,
  MapLayerSummary,
  MapSettings,
  ProblemDetails,
  ProjectFigures,
  ProjectMap,
  RegionMap,
  registeredAddress,
  SignalPage,
} from '@samenspel/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, getJson, sendJson } from '../../components/api.js';

export const placesKey = ['places'] as const;

export type CreateLocationBody = z.input<typeof createLocationRequest>;
export type LocationStepBody = z.input<typeof locationStepRequest>;
export type CreateInspectionBody = z.input<typeof createInspectionRequest>;
export type InspectionStepBody = z.input<typeof inspectionStepRequest>;
export type FindingBody = z.input<typeof inspectionFindingRequest>;
export type FollowUpBody = z.input<typeof inspectionFollowUpRequest>;
export type LocationSubjectBody = z.input<typeof locationSubjectRequest>;
export type RegisteredAddress = z.infer<typeof registeredAddress>;

export function useProjects(enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'projects'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: LocationProject[] }>('/api/v1/location-projects', signal).then((r) => r.items),
  });
}

/** A project's figures over one calendar year. */
export function useFigures(projectId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...placesKey, 'figures', projectId, year],
    enabled: Boolean(projectId),
    queryFn: ({ signal }) =>
      getJson<ProjectFigures>(
        `/api/v1/location-projects/${projectId}/figures?from=${year}-01-01&to=${year}-12-31`,
        signal,
      ),
  });
}

export function useLocations(query: URLSearchParams, enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'locations', query.toString()],
    enabled,
    queryFn: ({ signal }) => getJson<LocationPage>(`/api/v1/locations?${query}`, signal),
    staleTime: 0,
  });
}

export function useLocation(id: string | undefined) {
  return useQuery({
    queryKey: [...placesKey, 'location', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<LocationDetail>(`/api/v1/locations/${id}`, signal),
    staleTime: 0,
  });
}

export function useInspections(query: URLSearchParams, enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'inspections', query.toString()],
    enabled,
    queryFn: ({ signal }) => getJson<InspectionPage>(`/api/v1/inspections?${query}`, signal),
    staleTime: 0,
  });
}

export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: [...placesKey, 'inspection', id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<Inspection>(`/api/v1/inspections/${id}`, signal),
    staleTime: 0,
  });
}

export function createLocation(body: CreateLocationBody): Promise<LocationDetail> {
  return sendJson<LocationDetail, CreateLocationBody>('POST', '/api/v1/locations', body);
}

export function takeStep(id: string, body: LocationStepBody): Promise<LocationDetail> {
  return sendJson<LocationDetail, LocationStepBody>('POST', `/api/v1/locations/${id}/steps`, body);
}

export function createInspection(body: CreateInspectionBody): Promise<Inspection> {
  return sendJson<Inspection, CreateInspectionBody>('POST', '/api/v1/inspections', body);
}

export function inspectionStep(id: string, body: InspectionStepBody): Promise<Inspection> {
  return sendJson<Inspection, InspectionStepBody>('POST', `/api/v1/inspections/${id}/steps`, body);
}

export function addFinding(id: string, body: FindingBody): Promise<Inspection> {
  return sendJson<Inspection, FindingBody>('POST', `/api/v1/inspections/${id}/findings`, body);
}

export function addFollowUp(id: string, body: FollowUpBody): Promise<Inspection> {
  return sendJson<Inspection, FollowUpBody>('POST', `/api/v1/inspections/${id}/follow-ups`, body);
}

export function addLocationSubject(id: string, body: LocationSubjectBody): Promise<LocationDetail> {
  return sendJson<LocationDetail, LocationSubjectBody>('POST', `/api/v1/locations/${id}/subjects`, body);
}

export function addLocationCase(id: string, caseId: string): Promise<LocationDetail> {
  return sendJson<LocationDetail, { caseId: string }>('POST', `/api/v1/locations/${id}/cases`, { caseId });
}

/** The open cases the user may see, by code name: the choices to tie a location or a follow-up to. */
export function useCaseChoices(enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'case-choices'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<CasePage>('/api/v1/cases?open=true&sort=codeName&pageSize=100', signal).then((r) => r.items),
  });
}

/** The latest signals the user may see: the choices for a follow-up that became a signal. */
export function useSignalChoices(enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'signal-choices'],
    enabled,
    queryFn: ({ signal }) => getJson<SignalPage>('/api/v1/signals?pageSize=100', signal).then((r) => r.items),
  });
}

/** An address's point from the address register; a 404 when the register does not know it. */
export function lookupAddress(query: {
  postcode: string;
  houseNumber: string;
  houseLetter?: string | undefined;
}): Promise<RegisteredAddress> {
  const params = new URLSearchParams({ postcode: query.postcode, houseNumber: query.houseNumber });
  if (query.houseLetter) params.set('houseLetter', query.houseLetter);
  return getJson<RegisteredAddress>(`/api/v1/address-register/lookup?${params}`);
}

/** The last load of the address register and how many addresses it holds (administrators). */
export function useAddressRegister(enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'address-register'],
    enabled,
    queryFn: ({ signal }) => getJson<AddressRegisterState>('/api/v1/address-register', signal),
    staleTime: 0,
  });
}

/**
 * Replaces the address register with a file (CSV or GeoPackage, sent as the body), reporting how
 * much of the file has been sent; a refused file arrives as the problem listing every refused row.
 * XMLHttpRequest, not fetch: only it reports the progress of an upload.
 */
export function uploadAddressRegister(
  file: File,
  csrfToken: string | undefined,
  onProgress: (sent: number, total: number) => void,
): Promise<AddressRegisterLoaded> {
  const type = /\.gpkg$/i.test(file.name) ? 'application/geopackage+sqlite3' : 'text/csv';
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/api/v1/address-register?${new URLSearchParams({ fileName: file.name })}`);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', type);
    if (csrfToken) request.setRequestHeader('X-CSRF-Token', csrfToken);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    request.onerror = () =>
      reject(
        new ApiError({
          type: 'about:blank',
          title: 'Geen verbinding met Samenspel',
          status: 0,
          code: 'client.offline',
          detail: 'Het bestand kon niet worden verstuurd. Controleer uw verbinding en probeer het opnieuw.',
        }),
      );
    request.onload = () => {
      const contentType = request.getResponseHeader('content-type') ?? '';
      if (request.status >= 200 && request.status < 300) {
        resolve(JSON.parse(request.responseText) as AddressRegisterLoaded);
        return;
      }
      reject(
        new ApiError(
          contentType.includes('problem+json')
            ? (JSON.parse(request.responseText) as ProblemDetails)
            : {
                type: 'about:blank',
                title: 'Geen verbinding met Samenspel',
                status: request.status,
                code: 'client.http_error',
                detail: `De server antwoordde met status ${request.status}.`,
              },
        ),
      );
    };
    request.send(file);
  });
}

/** A project's map for a year: points the reader may open, cells and hotspots. */
export function useProjectMap(projectId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...placesKey, 'map', projectId, year],
    enabled: Boolean(projectId),
    queryFn: ({ signal }) =>
      getJson<ProjectMap>(`/api/v1/location-projects/${projectId}/map?year=${year}`, signal),
  });
}

/** The region's signals, cases and risk locations of a year as counts per H3 cell. */
export function useRegionMap(year: number, enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'region-map', year],
    enabled,
    queryFn: ({ signal }) => getJson<RegionMap>(`/api/v1/region-map?year=${year}`, signal),
  });
}

/** The region's opportunity and risk maps (without their features). */
export function useMapLayers(enabled = true) {
  return useQuery({
    queryKey: [...placesKey, 'layers'],
    enabled,
    queryFn: ({ signal }) =>
      getJson<{ items: MapLayerSummary[] }>('/api/v1/map-layers', signal).then((r) => r.items),
  });
}

/** The features of the given map layers. */
export function useMapLayerFeatures(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: [...placesKey, 'layer', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => getJson<MapLayer>(`/api/v1/map-layers/${id}`, signal),
    })),
  });
}

/** The deployment's base map, if it configures one. */
export function useMapSettings() {
  return useQuery({
    queryKey: [...placesKey, 'settings'],
    queryFn: ({ signal }) => getJson<MapSettings>('/api/v1/map-settings', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
