export { classifyNmcModel } from './card.ts';
export { NmcParseError, type NmcParseErrorCode } from './errors.ts';
export {
  canUpdateFirmware,
  evaluateNmcUsers,
  type NmcEvaluation,
  type NmcEvaluationInput,
  type NmcFactSource,
  type NmcFinding,
  type NmcFindingCode,
  type NmcSeverity,
  type NmcSourcedFact,
  type NmcStatus,
  type NmcToolAccount,
  type NmcUser,
  usersStillToCheck,
} from './evaluate.ts';
export {
  type Duration,
  type DurationUnit,
  FACT_SOURCES,
  type FactSource,
  type FactSourceId,
  factSource,
  formatDuration,
  formatMenuPath,
  type NmcGeneration,
  type NmcToolId,
  type NmcUserTypeId,
  POLICY,
  type Policy,
  type RegisteredSource,
} from './facts.ts';
export { compareFirmwareVersions, type FirmwareVersion, parseFirmwareVersion } from './firmware.ts';
export {
  classifyFieldLabel,
  classifySettingLabel,
  classifyUserType,
  detectNmcColumns,
  type NmcColumns,
  type NmcField,
  type NmcSetting,
  type NmcUserTypeMatch,
  normalizeEmailCell,
  normalizeLabel,
  parseEnabledLabel,
} from './labels.ts';
export {
  MAX_USER_LIST_CHARS,
  type NmcUserListParse,
  parseNmcUserList,
  parseNmcUserListDetailed,
  type SkippedLine,
} from './parse.ts';
export { MAX_USER_ROWS, type RowOutcome, readUserRow } from './rows.ts';
