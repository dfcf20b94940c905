// The DOM half: what the content script bundles. It must not import the binding half (the Public Suffix List
// alone would dwarf the content script's size budget); binding decisions run in the background.
export { type AppendPosition, type AppendResult, appendCodeToPassword } from './append.js';
export { describeStep } from './describe.js';
export {
  type DetectOptions,
  findCandidateTargets,
  isRenderedInput,
  type OtpTarget,
  SINGLE_FIELD_THRESHOLD,
  type SingleOtpTarget,
  SPLIT_FIELD_THRESHOLD,
  type SplitOtpTarget,
} from './detect.js';
export { type FillOptions, type FillResult, fillOtpTarget, OtpFillError, setNativeValue } from './fill.js';
export { normalizeText } from './signals.js';
export {
  type DeliveryChannel,
  findBestOtpTarget,
  findOtpTargets,
  type StepDescription,
  type StepKind,
  stepOfTarget,
  takesAuthenticatorCode,
} from './step.js';
export { followOtpTarget, type Watcher, type WatchOptions, watchForOtpTarget } from './watch.js';
