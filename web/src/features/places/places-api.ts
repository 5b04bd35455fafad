import type {
  createInspectionRequest,
  createLocationRequest,
  Inspection,
  InspectionPage,
  inspectionFindingRequest,
  inspectionStepRequest,
  LocationDetail,
  LocationPage,
  LocationProject,
  locationStepRequest,
  MapLayer,
  MapLayerSummary,
  MapSettings,
  ProjectFigures,
  ProjectMap,
} from '@samenspel/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export const placesKey = ['places'] as const;

export type CreateLocationBody = z.input<typeof createLocationRequest>;
export type LocationStepBody = z.input<typeof locationStepRequest>;
export type CreateInspectionBody = z.input<typeof createInspectionRequest>;
export type InspectionStepBody = z.input<typeof inspectionStepRequest>;
export type FindingBody = z.input<typeof inspectionFindingRequest>;

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

/** A project's map for a year: points the reader may open, cells and hotspots. */
export function useProjectMap(projectId: string | undefined, year: number) {
  return useQuery({
    queryKey: [...placesKey, 'map', projectId, year],
    enabled: Boolean(projectId),
    queryFn: ({ signal }) =>
      getJson<ProjectMap>(`/api/v1/location-projects/${projectId}/map?year=${year}`, signal),
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
