import type {
  BoundaryCollection,
  District,
  Municipality,
  PartnerOrganisation,
  Region,
  Theme,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api.js';

interface List<T> {
  items: T[];
}

/** The query keys of the reference data: one per resource, so that every page shares one cached copy. */
export const referenceKeys = {
  regions: ['regions'] as const,
  districts: (regionId: string | undefined) => ['districts', regionId] as const,
  municipalities: (regionId: string | undefined) => ['municipalities', regionId] as const,
  municipalityHistory: (regionId: string | undefined) => ['municipalities', regionId, 'all'] as const,
  partnerOrganisations: (regionId: string | undefined) => ['partner-organisations', regionId] as const,
  themes: (regionId: string | undefined) => ['themes', regionId] as const,
  boundaries: (regionId: string | undefined) => ['boundaries', regionId] as const,
};

const region = (regionId: string | undefined) => encodeURIComponent(regionId ?? '');

export function useRegions() {
  return useQuery({
    queryKey: referenceKeys.regions,
    queryFn: ({ signal }) => getJson<List<Region>>('/api/v1/regions', signal).then((r) => r.items),
  });
}

export function useDistricts(regionId: string | undefined) {
  return useQuery({
    queryKey: referenceKeys.districts(regionId),
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<District>>(`/api/v1/districts?region=${region(regionId)}`, signal).then((r) => r.items),
  });
}

/** The municipalities in the region today, by name. */
export function useMunicipalities(regionId: string | undefined) {
  return useQuery({
    queryKey: referenceKeys.municipalities(regionId),
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<Municipality>>(`/api/v1/municipalities?region=${region(regionId)}`, signal).then((r) =>
        r.items.sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      ),
  });
}

/** Every municipality ever in the region, including those that have left it (with their end date). */
export function useMunicipalityHistory(regionId: string | undefined) {
  return useQuery({
    queryKey: referenceKeys.municipalityHistory(regionId),
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<Municipality>>(`/api/v1/municipalities?region=${region(regionId)}&all=true`, signal).then(
        (r) => r.items,
      ),
  });
}

/** The partner organisations of the region today. */
export function usePartnerOrganisations(regionId: string | undefined) {
  return useQuery({
    queryKey: referenceKeys.partnerOrganisations(regionId),
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<PartnerOrganisation>>(
        `/api/v1/partner-organisations?region=${region(regionId)}`,
        signal,
      ).then((r) => r.items),
  });
}

/** The national themes and the region's own. */
/**
 * A theme as a choice: a district's own theme with its district's name, for two districts may
 * each have one by the same name ("Buitengebied"), or one by the name of a national theme.
 */
export function themeLabel(theme: Theme, districts: readonly District[] | undefined): string {
  const district = theme.districtId ? districts?.find((d) => d.id === theme.districtId) : undefined;
  return district ? `${theme.name} (${district.name})` : theme.name;
}

export function useThemes(regionId: string | undefined) {
  return useQuery({
    queryKey: referenceKeys.themes(regionId),
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<List<Theme>>(`/api/v1/themes?region=${region(regionId)}`, signal).then((r) => r.items),
  });
}

export function useBoundaries(regionId: string | undefined) {
  return useQuery({
    queryKey: referenceKeys.boundaries(regionId),
    enabled: Boolean(regionId),
    queryFn: ({ signal }) =>
      getJson<BoundaryCollection>(`/api/v1/regions/${region(regionId)}/municipality-boundaries`, signal),
  });
}
