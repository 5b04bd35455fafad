import type {
  findingKinds,
  followUpKinds,
  locationKinds,
  locationStatuses,
  locationSubjectRoles,
} from './vocabulary.js';

export type LocationKind = (typeof locationKinds)[number];
export type LocationStatus = (typeof locationStatuses)[number];
export type LocationSubjectRole = (typeof locationSubjectRoles)[number];
export type FindingKind = (typeof findingKinds)[number];
export type FollowUpKind = (typeof followUpKinds)[number];
