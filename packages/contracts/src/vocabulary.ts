/**
 * The fixed lists of the contracts (phases, stages, kinds, roles) without their zod schemas, so
 * that a page which only names them does not load zod: the schemas in the other modules build on
 * these.
 */
import type { Permission } from './identity.js';
export const casePhases = [
  'start',
  'information',
  'analysis',
  'intervention',
  'evaluation',
  'closed',
] as const;

export const adviceStatuses = ['given', 'adopted', 'declined', 'carried-out'] as const;

export const interventionKinds = ['administrative', 'bibob', 'criminal', 'fiscal', 'other'] as const;

export const resultKinds = [
  'confiscation',
  'closure',
  'arrest',
  'seized-money',
  'seized-goods',
  'seized-weapons',
  'fine',
] as const;

/** The kinds of document attached to a case, as the partners file them. */
export const attachmentDocumentTypes = [
  'rapportage',
  'proces-verbaal',
  'besluit',
  'foto',
  'correspondentie',
  'overig',
] as const;

export const classifications = ['intern', 'vertrouwelijk', 'geheim'] as const;

export const subjectRoles = [
  'main-subject',
  'facilitator',
  'property-owner',
  'employee',
  'relative',
  'other',
] as const;

export const decisions = ['accepted', 'referred', 'not-accepted', 'withdrawn'] as const;

export const signalStages = [
  'draft',
  'received',
  'discussed',
  'substantiated',
  'triaged',
  'hit-check',
  'decided',
] as const;

export const notAcceptedReasons = [
  'insufficient-indications',
  'not-subversive',
  'regular-enforcement',
  'already-known',
  'capacity',
  'other',
] as const;

export const signalSources = [
  'partner',
  'riec-analysis',
  'fiu',
  'meld-misdaad-anoniem',
  'zorg-en-veiligheidshuis',
  'other',
] as const;

export const subjectKinds = ['person', 'company', 'address', 'account', 'vehicle'] as const;

export const urgencies = ['low', 'normal', 'high'] as const;

/**
 * Paging of long lists: page numbers from 1 and a page size, so a screen can say "pagina 2 van 7"
 * and keep both in its address. Large enough pages for a screen, small enough to stay quick.
 */
export const MAX_PAGE_SIZE = 100;

/** The roles a user can hold; a user holds one or more. */
export const roles = [
  'partner_staff',
  'riec_analyst',
  'case_director',
  'meeting_chair',
  'programme_manager',
  'privacy_officer',
  'administrator',
] as const;

/**
 * Permissions an API token of a partner system may carry; the others need a person. A partner
 * system submits signals for its organisation, reads the state of its own signals and answers
 * the hit/no-hit requests addressed to it.
 */
export const tokenPermissions = [
  'reference.read',
  'signal.create',
  'signal.read',
  'hitcheck.answer',
] as const satisfies readonly Permission[];

/**
 * What a notification is about: a hit/no-hit request to one's organisation, its deadline near
 * or passed while the answer is missing, a decision on a signal one submitted, and one's
 * organisation (or oneself as director) added to a case.
 */
export const notificationKinds = [
  'hitcheck-request',
  'deadline-near',
  'deadline-passed',
  'signal-decided',
  'case-added',
] as const;

/** Relations between subjects, after FollowTheMoney's interval schemata. */
export const relationTypes = [
  'ownership',
  'directorship',
  'employment',
  'family',
  'associate',
  'represents',
  'facilitates',
  'member',
  'registered-at',
] as const;

/** Kinds of risk location, after the annual plan's projects and the police's risk maps. */
export const locationKinds = [
  'business-unit',
  'shed',
  'farm',
  'catering',
  'shop',
  'dwelling',
  'office-building',
  'holiday-park',
  'storage',
  'transport-yard',
  'other',
] as const;

/**
 * A risk location's status path: flagged (in the baseline or new) → looked into → suspicion
 * confirmed or dispelled → addressed → closed. Each is a dated step; the status is the last.
 */
export const locationStatuses = [
  'flagged',
  'looked-into',
  'confirmed',
  'dispelled',
  'addressed',
  'closed',
] as const;

/** How a register subject is tied to a location. */
export const locationSubjectRoles = ['owner', 'tenant', 'operator', 'facilitating-owner'] as const;

/** What a partner found during an inspection. */
export const findingKinds = ['drugs', 'violation', 'permit', 'persons', 'other'] as const;

/** What followed from an inspection. */
export const followUpKinds = ['intervention', 'signal', 'case', 'other'] as const;
