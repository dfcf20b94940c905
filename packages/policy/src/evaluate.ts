import { type NmcUserTypeId, POLICY } from './facts.ts';
import { compareFirmwareVersions, type FirmwareVersion, parseFirmwareVersion } from './firmware.ts';
import { classifyUserType, parseEnabledLabel } from './labels.ts';

export interface NmcUser {
  name: string;
  /** `undefined` means "not known yet" (the list page did not show it); `''` means known to be blank. */
  email?: string;
  /** The label as the NMC shows it, in any language. */
  userType?: string;
  enabled?: boolean;
}

export interface NmcEvaluationInput {
  mfaEnabled: boolean | 'unknown';
  firmwareVersion?: string;
  users: NmcUser[];
}

export type NmcStatus = 'ok' | 'at-risk' | 'not-applicable' | 'unknown';
export type NmcSeverity = 'error' | 'warning' | 'info';

/** Stable identifiers: the extension and the docs translate findings by code, the message is the English text. */
export type NmcFindingCode =
  | 'mfa-disabled'
  | 'firmware-before-mfa'
  | 'firmware-before-mfa-but-mfa-reported'
  | 'firmware-unparseable'
  | 'mfa-state-unknown'
  | 'update-user-found'
  | 'no-update-user'
  | 'no-users'
  | 'blank-email-user-disabled'
  | 'blank-email-user-cannot-update-firmware'
  | 'blank-email-user-type-unknown'
  | 'blank-email-user-status-unknown'
  | 'user-type-unrecognised'
  | 'emails-unknown';

export interface NmcFinding {
  code: NmcFindingCode;
  severity: NmcSeverity;
  message: string;
  user?: string;
}

export interface NmcEvaluation {
  status: NmcStatus;
  findings: NmcFinding[];
  /** Users the update tools can sign in as: blank e-mail, enabled, allowed to update firmware. */
  candidates: string[];
}

const MFA_FIRMWARE: FirmwareVersion = {
  parts: [POLICY.nmc3.mfaFirmware.major, POLICY.nmc3.mfaFirmware.minor],
  text: POLICY.nmc3.mfaFirmware.version,
};
const CAPABLE_TYPES: ReadonlySet<NmcUserTypeId> = new Set(POLICY.nmc3.firmwareCapableUserTypes);
const TOOLS = POLICY.nmc3.affectedTools.join(', ');

/**
 * Whether a user type may update firmware: `true`/`false` for a known type, `undefined` when the type is
 * missing (or blank) or unrecognised.
 */
export function canUpdateFirmware(userType: string | undefined): boolean | undefined {
  if (typeof userType !== 'string' || userType.trim() === '') return undefined;
  const type = classifyUserType(userType);
  return type.kind === 'known' ? CAPABLE_TYPES.has(type.id) : undefined;
}

/**
 * The users as the rule reads them, whatever a caller (JavaScript, JSON, another parser) put in: a non-string
 * e-mail (`null`) is "not known", never blank; a blank type is a missing type; a status given as a label
 * ("Disabled") is read as one; entries that are not objects are left out.
 */
function cleanUsers(users: unknown): NmcUser[] {
  if (!Array.isArray(users)) return [];
  const cleaned: NmcUser[] = [];
  for (const entry of users as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const raw = entry as Record<string, unknown>;
    const user: NmcUser = { name: typeof raw.name === 'string' ? raw.name : String(raw.name ?? '') };
    if (typeof raw.email === 'string') user.email = raw.email;
    if (typeof raw.userType === 'string' && raw.userType.trim() !== '') user.userType = raw.userType;
    const enabled = typeof raw.enabled === 'string' ? parseEnabledLabel(raw.enabled) : raw.enabled;
    if (typeof enabled === 'boolean') user.enabled = enabled;
    cleaned.push(user);
  }
  return cleaned;
}

/** Users whose e-mail is not known yet and who could turn out to be the update account. */
export function usersStillToCheck(users: readonly NmcUser[]): string[] {
  return cleanUsers(users)
    .filter((user) => user.email === undefined && user.enabled !== false && canUpdateFirmware(user.userType) !== false)
    .map((user) => user.name);
}

/** `true`/`false`/`'unknown'`, also from the labels a caller may pass instead ("true", "Enabled", "off"). */
function cleanMfa(value: unknown): boolean | 'unknown' {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return parseEnabledLabel(value) ?? 'unknown';
  return 'unknown';
}

function cleanFirmware(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** `unreadable`: a firmware version was given but cannot be read, so no verdict can be trusted. */
type Applicability = 'applies' | 'not-applicable' | 'unknown' | 'unreadable';

/**
 * Decides whether the NMC's firmware can still be updated by the tools once MFA is on: that needs one
 * local user with no e-mail address (MFA skips it) who is enabled and allowed to update firmware.
 * Never answers `ok` on a guess about e-mail addresses: users whose e-mail is not known are named as still to check.
 * A blank-e-mail user counts unless known to be disabled or of a type that cannot update firmware (missing type or
 * status is reported as a warning); an unrecognised type label is not counted.
 */
export function evaluateNmcUsers(given: NmcEvaluationInput): NmcEvaluation {
  const findings: NmcFinding[] = [];
  const raw = (typeof given === 'object' && given !== null ? given : {}) as Partial<Record<string, unknown>>;
  const input: NmcEvaluationInput = { mfaEnabled: cleanMfa(raw.mfaEnabled), users: cleanUsers(raw.users) };
  const firmwareVersion = cleanFirmware(raw.firmwareVersion);
  if (firmwareVersion !== undefined) input.firmwareVersion = firmwareVersion;
  const applicability = decideApplicability(input, findings);
  if (applicability === 'not-applicable') return { status: 'not-applicable', findings, candidates: [] };

  const candidates: string[] = [];
  const unconfirmed: string[] = [];
  for (const user of input.users) {
    const name = user.name;
    const type = user.userType === undefined ? undefined : classifyUserType(user.userType);
    if (type?.kind === 'unrecognised') {
      findings.push({
        code: 'user-type-unrecognised',
        severity: 'warning',
        message: `User type "${type.label}" of ${name} is not one this checker knows; it is not counted as able to update firmware.`,
        user: name,
      });
    }
    const capable = canUpdateFirmware(user.userType);
    if (user.email === undefined) continue;
    if (user.email.trim() !== '') continue;
    if (user.enabled === false) {
      findings.push({
        code: 'blank-email-user-disabled',
        severity: 'warning',
        message: `${name} has no e-mail address but is disabled, so the update tools cannot sign in as this user.`,
        user: name,
      });
    } else if (capable === false) {
      findings.push({
        code: 'blank-email-user-cannot-update-firmware',
        severity: 'warning',
        message: `${name} has no e-mail address but is a ${user.userType?.trim()}; only a Super User or an Administrator can update firmware.`,
        user: name,
      });
    } else if (type?.kind === 'unrecognised') {
      unconfirmed.push(name);
      findings.push({
        code: 'blank-email-user-type-unknown',
        severity: 'warning',
        message: `${name} has no e-mail address, but its user type is not one this checker knows; check that it is a Super User or an Administrator.`,
        user: name,
      });
    } else {
      // Missing facts do not disqualify: only a known disabled state or a known type without firmware rights does.
      if (type === undefined) {
        findings.push({
          code: 'blank-email-user-type-unknown',
          severity: 'warning',
          message: `${name} has no e-mail address; its user type was not given, so make sure it is a Super User or an Administrator.`,
          user: name,
        });
      }
      if (user.enabled === undefined) {
        findings.push({
          code: 'blank-email-user-status-unknown',
          severity: 'info',
          message: `${name} has no e-mail address; its status was not given, so make sure the account is enabled.`,
          user: name,
        });
      }
      candidates.push(name);
      findings.push({
        code: 'update-user-found',
        severity: 'info',
        message:
          type !== undefined && user.enabled !== undefined
            ? `${name} has no e-mail address, is enabled and can update firmware: the update tools can sign in as ${name}.`
            : `${name} has no e-mail address and nothing shown rules it out: the update tools can sign in as ${name}.`,
        user: name,
      });
    }
  }

  // Only users who could turn out to be the update account matter for what is still unknown.
  const emailUnknown = usersStillToCheck(input.users);
  if (candidates.length > 0) return { status: applicability === 'unreadable' ? 'unknown' : 'ok', findings, candidates };

  if (emailUnknown.length > 0) {
    findings.push({
      code: 'emails-unknown',
      severity: 'warning',
      message: `E-mail address not known yet for: ${emailUnknown.join(', ')}. Open each of these users to check.`,
    });
  }
  if (emailUnknown.length > 0 || unconfirmed.length > 0) return { status: 'unknown', findings, candidates };

  if (input.users.length === 0) {
    findings.push({
      code: 'no-users',
      severity: applicability === 'applies' ? 'error' : 'warning',
      message: 'No local users were given, so none of them can be the firmware update account.',
    });
  } else {
    findings.push({
      code: 'no-update-user',
      severity: applicability === 'applies' ? 'error' : 'warning',
      message: `No enabled Super User or Administrator without an e-mail address: firmware updates from ${TOOLS} will fail while MFA is on.`,
    });
  }
  return { status: applicability === 'applies' ? 'at-risk' : 'unknown', findings, candidates };
}

function decideApplicability(input: NmcEvaluationInput, findings: NmcFinding[]): Applicability {
  if (input.mfaEnabled === false) {
    findings.push({
      code: 'mfa-disabled',
      severity: 'info',
      message: 'Multi-factor authentication is off, so firmware updates do not need a user without an e-mail address.',
    });
    return 'not-applicable';
  }
  let firmwareSupportsMfa: boolean | undefined;
  if (input.firmwareVersion !== undefined && input.firmwareVersion.trim() !== '') {
    const version = parseFirmwareVersion(input.firmwareVersion);
    if (version === undefined) {
      findings.push({
        code: 'firmware-unparseable',
        severity: 'warning',
        message: `"${input.firmwareVersion.trim().slice(0, 80)}" is not a firmware version this checker can read (expected something like v${MFA_FIRMWARE.text}.0.1).`,
      });
      return 'unreadable';
    }
    firmwareSupportsMfa = compareFirmwareVersions(version, MFA_FIRMWARE) >= 0;
    if (!firmwareSupportsMfa) {
      findings.push(
        input.mfaEnabled === true
          ? {
              code: 'firmware-before-mfa-but-mfa-reported',
              severity: 'warning',
              message: `MFA is reported on, but firmware v${version.text} predates MFA (added in AOS v${MFA_FIRMWARE.text}); check the firmware version.`,
            }
          : {
              code: 'firmware-before-mfa',
              severity: 'info',
              message: `Firmware v${version.text} predates MFA (added in AOS v${MFA_FIRMWARE.text}), so this check does not apply yet. Run it again after upgrading.`,
            },
      );
      return 'not-applicable';
    }
  }
  if (input.mfaEnabled === true || firmwareSupportsMfa === true) return 'applies';
  findings.push({
    code: 'mfa-state-unknown',
    severity: 'info',
    message: `Whether MFA is on is not known, nor whether the firmware is v${MFA_FIRMWARE.text} or later.`,
  });
  return 'unknown';
}
