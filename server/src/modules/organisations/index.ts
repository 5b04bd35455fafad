export { organisationsRules } from './organisations.access.js';
export {
  districtIn,
  listBoundaries as municipalityBoundaries,
  listDistricts,
  listMunicipalities,
  listPartnerOrganisations,
  listThemes,
  municipalitiesIn,
  municipalityName,
  organisationByCode,
  organisationsIn,
  regionIds,
  regionName,
  themesIn,
} from './organisations.repository.js';
export { organisationsRoutes } from './organisations.routes.js';
export { OrganisationsService } from './organisations.service.js';
export { type LoadedRegion, loadReferenceData } from './reference-data.loader.js';
