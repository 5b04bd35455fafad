export {
  type AddressField,
  type AddressRow,
  checkAddressFields,
} from './address-register.js';
export { addressesAtPostcodes, upsertAddresses } from './address-register.repository.js';
export { addressRegisterRoutes } from './address-register.routes.js';
export { AddressRegisterService } from './address-register.service.js';
export { gatedCount, MINIMUM_RECORDS } from './disclosure.js';
// Hotspot analysis on the H3 grid (Getis-Ord Gi*): pure functions, for the map routes and the benchmark.
export * from './hotspots.js';
export { aggregatesOnly, locationsRules } from './locations.access.js';
export {
  findProjects as locationProjectsOf,
  locationIdentities,
  placesPerMunicipality,
  unlinkCases as unlinkCasesFromPlaces,
  unlinkSubjects as unlinkSubjectsFromPlaces,
} from './locations.repository.js';
export { locationsRoutes } from './locations.routes.js';
export { LocationsService, readableLocations } from './locations.service.js';
export { mapLayersRoutes } from './map-layers.routes.js';
export { MapLayersService } from './map-layers.service.js';
