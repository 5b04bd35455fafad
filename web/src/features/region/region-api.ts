import type { BoundaryCollection, District, Municipality, Region } from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api.js';

interface List<T> {
  items: T[];
}

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: ({ signal }) => getJson<List<Region>>('/api/v1/regions', signal).then((r) => r.items),
  });
}

export function useDistricts(regionId: string | undefined) {
  return useQuery({
    queryKey: ['districts', regionId],
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<District>>(`/api/v1/districts?region=${encodeURIComponent(regionId ?? '')}`, signal).then(
        (r) => r.items,
      ),
  });
}

/** Every municipality ever in the region, including those that have left it (with their end date). */
export function useMunicipalities(regionId: string | undefined) {
  return useQuery({
    queryKey: ['municipalities', regionId, 'all'],
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<Municipality>>(
        `/api/v1/municipalities?region=${encodeURIComponent(regionId ?? '')}&all=true`,
        signal,
      ).then((r) => r.items),
  });
}

export function useBoundaries(regionId: string | undefined) {
  return useQuery({
    queryKey: ['boundaries', regionId],
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<BoundaryCollection>(
        `/api/v1/regions/${encodeURIComponent(regionId ?? '')}/municipality-boundaries`,
        signal,
      ),
  });
}
