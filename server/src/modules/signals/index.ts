export { signalsRules } from './signals.access.js';
export { SignalQueue, startableSignals } from './signals.queue.js';
export {
  acceptedIn as acceptedSignalsIn,
  collaborationsOf as signalCollaborations,
  destroyContent as destroySignalContent,
  lastDecidedOn as signalsDecidedOn,
  lockForDestruction as lockSignalsForDestruction,
  originsOf as signalOrigins,
  receivedOnOf as signalsReceivedOn,
  receivedWithin as signalsReceivedWithin,
  referencesOf as signalReferences,
  subjectsByIds as signalSubjectsByIds,
  subjectsOf as signalSubjectsOf,
} from './signals.repository.js';
export { signalsRoutes } from './signals.routes.js';
export { searchSignals } from './signals.search.js';
export { refused as stepRefused, type SignalRounds, SignalsService } from './signals.service.js';
