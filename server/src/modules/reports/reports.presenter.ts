import type { AnalysisProduct, DistrictTarget } from '@samenspel/contracts';
import type * as repo from './reports.repository.js';

export function presentAnalysisProduct(
  r: Awaited<ReturnType<typeof repo.analysisProducts>>[number],
): AnalysisProduct {
  return {
    id: r.id,
    title: r.title,
    deliveredOn: r.deliveredOn,
    district: r.districtId && r.districtName ? { id: r.districtId, name: r.districtName } : null,
  };
}

/** A year's targets per district. */
export function targetsByDistrict(
  rows: Awaited<ReturnType<typeof repo.targetsOf>>,
): Map<string, DistrictTarget[]> {
  const out = new Map<string, DistrictTarget[]>();
  for (const r of rows)
    out.set(r.districtId, [
      ...(out.get(r.districtId) ?? []),
      { measure: r.measure, minimum: r.minimum, maximum: r.maximum, note: r.note },
    ]);
  return out;
}
