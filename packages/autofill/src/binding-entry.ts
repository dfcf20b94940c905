// The binding half: pure origin logic with the Public Suffix List, used by the background service worker.
export {
  type BindableAccount,
  decideFill,
  describeOrigin,
  type FillDecision,
  isBoundTo,
  isLanOrigin,
  matchBinding,
  type OriginInfo,
  type SiteBinding,
  suggestBinding,
} from './binding.js';
export {
  confusableSkeleton,
  type DomainParts,
  decodePunycodeLabel,
  editDistance,
  type LookalikeReason,
  lookalikeReason,
} from './lookalike.js';
