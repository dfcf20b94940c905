import { classifyNmcModel } from './card.ts';
import { type NmcGeneration, type NmcToolId, type NmcUserTypeId, POLICY } from './facts.ts';
import { compareFirmwareVersions, type FirmwareVersion, parseFirmwareVersion } from './firmware.ts';
import { classifyUserType, parseEnabledLabel } from './labels.ts';

export interface NmcUser {
  name: string;
  /** `undefined` means "not known yet" (the list page did not show it); `''` means known to be blank. */
  email?: string;
  /** The label as the NMC shows it, in any language. */
  userType?: string;
  enabled?: boolean;
  /**
   * Shown on the confirmation page after Next: values about to be applied, not the card's state. The rule never
   * takes a pending user as the card's state.
   */
  pending?: boolean;
}

/** Where a fact about the card came from: read on one of its pages, or the admin's own answer. */
export type NmcFactSource = 'page' | 'answer';

/** An account a tool signs in to the card with, as the admin named it. */
export interface NmcToolAccount {
  tool: NmcToolId;
  user: string;
}

export interface NmcEvaluationInput {
  mfaEnabled: boolean | 'unknown';
  /** The card's own AOS version (About > Network, APC OS(AOS) Version), never a UPS or PDU firmware revision. */
  firmwareVersion?: string;
  /** `nmc2` (NMC2 cards, rack PDUs): no MFA, so nothing to check. */
  generation?: NmcGeneration;
  /** The card's model number (Hardware Factory); a known non-NMC3 model makes the check not applicable. */
  model?: string;
  users: NmcUser[];
  /** The accounts the update and monitoring tools sign in with; when given, the verdict is about them. */
  toolAccounts?: NmcToolAccount[];
  /** Where `mfaEnabled`, `firmwareVersion`, `generation`, `model` and `toolAccounts` came from; findings say it. */
  sources?: Partial<Record<NmcSourcedFact, NmcFactSource>>;
}

export type NmcSourcedFact = 'mfaEnabled' | 'firmwareVersion' | 'generation' | 'model' | 'toolAccounts';

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
  | 'emails-unknown'
  | 'card-without-mfa'
  | 'tool-account-ok'
  | 'tool-account-email-set'
  | 'tool-account-disabled'
  | 'tool-account-cannot-update-firmware'
  | 'tool-account-email-unknown'
  | 'tool-account-missing';

export interface NmcFinding {
  code: NmcFindingCode;
  severity: NmcSeverity;
  message: string;
  user?: string;
  /** For tool-account findings: the tools that sign in as `user`. */
  tools?: NmcToolId[];
  /** Where the fact behind this finding came from, when it is a fact about the card or the admin's naming. */
  source?: NmcFactSource;
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
    // Values waiting for Apply are not saved: they say nothing about the card yet.
    if (raw.pending === true) continue;
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

const GENERATIONS: ReadonlySet<string> = new Set<NmcGeneration>(['nmc3', 'nmc2', 'nmc1', 'unknown']);

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
  if (typeof raw.generation === 'string' && GENERATIONS.has(raw.generation)) {
    input.generation = raw.generation as NmcGeneration;
  }
  if (typeof raw.model === 'string' && raw.model.trim() !== '') input.model = raw.model.trim().slice(0, 120);
  input.sources = cleanSources(raw.sources);
  const toolAccounts = cleanToolAccounts(raw.toolAccounts);
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
        message: `${name} has no e-mail address but is a ${user.userType?.trim()}; we only count a Super User or an Administrator as able to update firmware (our caution: the vendor does not say which types can).`,
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

  if (toolAccounts.length > 0) return judgeToolAccounts(input, toolAccounts, applicability, findings);

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
      message: `Every enabled Super User and Administrator has an e-mail address: firmware updates from ${TOOLS} will fail while MFA is on.`,
    });
  }
  return { status: applicability === 'applies' ? 'at-risk' : 'unknown', findings, candidates };
}

function decideApplicability(input: NmcEvaluationInput, findings: NmcFinding[]): Applicability {
  const sources = input.sources ?? {};
  const modelGeneration = input.model === undefined ? 'unknown' : classifyNmcModel(input.model);
  const withoutMfa = (generation: NmcGeneration | undefined) => generation === 'nmc2' || generation === 'nmc1';
  if (withoutMfa(input.generation) || (input.generation !== 'nmc3' && withoutMfa(modelGeneration))) {
    const byModel = !withoutMfa(input.generation);
    const source = byModel ? sources.model : sources.generation;
    findings.push({
      code: 'card-without-mfa',
      severity: 'info',
      message: withSource(
        byModel
          ? `Model ${input.model} is not a Network Management Card 3: it has no MFA, so this check does not apply.`
          : 'This card is not a Network Management Card 3 (a first-generation card or an NMC2): it has no MFA, so this check does not apply.',
        source,
      ),
      ...(source ? { source } : {}),
    });
    return 'not-applicable';
  }
  if (input.mfaEnabled === false) {
    findings.push({
      code: 'mfa-disabled',
      severity: 'info',
      message: withSource(
        'Multi-factor authentication is off, so firmware updates do not need a user without an e-mail address.',
        sources.mfaEnabled,
      ),
      ...(sources.mfaEnabled ? { source: sources.mfaEnabled } : {}),
    });
    return 'not-applicable';
  }
  let firmwareSupportsMfa: boolean | undefined;
  if (input.firmwareVersion !== undefined && input.firmwareVersion.trim() !== '') {
    const version = parseFirmwareVersion(input.firmwareVersion);
    if (version === undefined) {
      findings.push({
        ...(sources.firmwareVersion ? { source: sources.firmwareVersion } : {}),
        code: 'firmware-unparseable',
        severity: 'warning',
        message: `"${input.firmwareVersion.trim().slice(0, 80)}" is not a firmware version this checker can read (expected something like v${MFA_FIRMWARE.text}.0.1).`,
      });
      return 'unreadable';
    }
    firmwareSupportsMfa = compareFirmwareVersions(version, MFA_FIRMWARE) >= 0;
    if (!firmwareSupportsMfa) {
      const source = sources.firmwareVersion;
      findings.push(
        input.mfaEnabled === true
          ? {
              code: 'firmware-before-mfa-but-mfa-reported',
              severity: 'warning',
              message: withSource(
                `MFA is reported on, but AOS v${version.text} predates MFA (added in AOS v${MFA_FIRMWARE.text}); check the firmware version.`,
                source,
              ),
              ...(source ? { source } : {}),
            }
          : {
              code: 'firmware-before-mfa',
              severity: 'info',
              message: withSource(
                `AOS v${version.text} predates MFA (added in AOS v${MFA_FIRMWARE.text}), so this check does not apply yet. Run it again after upgrading.`,
                source,
              ),
              ...(source ? { source } : {}),
            },
      );
      return 'not-applicable';
    }
  }
  // An AOS number alone never makes a card an NMC3: first-generation cards ran AOS 3.x long before NMC3's 3.4.
  const isNmc3 = input.generation === 'nmc3' || modelGeneration === 'nmc3';
  if (input.mfaEnabled === true || (firmwareSupportsMfa === true && isNmc3)) return 'applies';
  findings.push({
    code: 'mfa-state-unknown',
    severity: 'info',
    message:
      firmwareSupportsMfa === true
        ? `Whether MFA is on is not known, and nothing read so far shows this card is a Network Management Card 3: AOS v${MFA_FIRMWARE.text} or later alone does not tell (first-generation cards ran AOS 3.x too). Open About > Network.`
        : `Whether MFA is on is not known, nor whether the firmware is v${MFA_FIRMWARE.text} or later.`,
  });
  return 'unknown';
}

const SOURCE_WORDS: Record<NmcFactSource, string> = {
  page: 'read on a page of the card',
  answer: 'from your answer',
};

function withSource(message: string, source: NmcFactSource | undefined): string {
  return source === undefined ? message : `${message} (${SOURCE_WORDS[source]})`;
}

const SOURCED_FACTS: readonly NmcSourcedFact[] = [
  'mfaEnabled',
  'firmwareVersion',
  'generation',
  'model',
  'toolAccounts',
];

function cleanSources(value: unknown): Partial<Record<NmcSourcedFact, NmcFactSource>> {
  const sources: Partial<Record<NmcSourcedFact, NmcFactSource>> = {};
  if (typeof value !== 'object' || value === null) return sources;
  for (const fact of SOURCED_FACTS) {
    const source = (value as Record<string, unknown>)[fact];
    if (source === 'page' || source === 'answer') sources[fact] = source;
  }
  return sources;
}

const TOOL_IDS: ReadonlySet<string> = new Set(POLICY.nmc3.tools.map((tool) => tool.id));
const TOOL_NAMES: ReadonlyMap<NmcToolId, string> = new Map(POLICY.nmc3.tools.map((tool) => [tool.id, tool.name]));

/** Named tool accounts, grouped by user name (trimmed, at most 64 characters), tools in POLICY order. */
function cleanToolAccounts(value: unknown): Array<{ user: string; tools: NmcToolId[] }> {
  if (!Array.isArray(value)) return [];
  const byUser = new Map<string, Set<NmcToolId>>();
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { tool, user } = entry as Record<string, unknown>;
    if (typeof tool !== 'string' || !TOOL_IDS.has(tool) || typeof user !== 'string') continue;
    const name = user.trim().slice(0, 64);
    if (name === '') continue;
    const tools = byUser.get(name) ?? new Set<NmcToolId>();
    tools.add(tool as NmcToolId);
    byUser.set(name, tools);
  }
  const order = POLICY.nmc3.tools.map((tool) => tool.id);
  return [...byUser].map(([user, tools]) => ({ user, tools: order.filter((id) => tools.has(id)) }));
}

/**
 * The verdict when the admin named the accounts the tools use: each named account must have a blank e-mail, be
 * enabled and be of a type we count; otherwise the tools that sign in as it fail, and the finding names them.
 */
function judgeToolAccounts(
  input: NmcEvaluationInput,
  accounts: Array<{ user: string; tools: NmcToolId[] }>,
  applicability: Applicability,
  findings: NmcFinding[],
): NmcEvaluation {
  const source = input.sources?.toolAccounts;
  const sourced = source ? { source } : {};
  const candidates: string[] = [];
  let failing = false;
  let unsure = false;
  for (const { user: name, tools } of accounts) {
    const toolNames = tools.map((tool) => TOOL_NAMES.get(tool) ?? tool).join(', ');
    const user =
      input.users.find((known) => known.name === name) ??
      input.users.find((known) => known.name.toLowerCase() === name.toLowerCase());
    const base = { user: name, tools, ...sourced };
    if (user === undefined) {
      unsure = true;
      findings.push({
        ...base,
        code: 'tool-account-missing',
        severity: 'warning',
        message: `${toolNames} sign in as ${name}, which is not among the local users read so far; open the user list to check it exists.`,
      });
    } else if (user.email === undefined) {
      unsure = true;
      findings.push({
        ...base,
        code: 'tool-account-email-unknown',
        severity: 'warning',
        message: `${toolNames} sign in as ${name}, whose e-mail address is not known yet; open this user to check it.`,
      });
    } else if (user.email.trim() !== '') {
      failing = true;
      findings.push({
        ...base,
        code: 'tool-account-email-set',
        severity: 'error',
        message: `${name} has an e-mail address, so with MFA on the card e-mails it a one-time code that ${toolNames} cannot enter: ${toolNames} will fail. Remove the E-mail Address of ${name}, or name a user without one.`,
      });
    } else if (user.enabled === false) {
      failing = true;
      findings.push({
        ...base,
        code: 'tool-account-disabled',
        severity: 'error',
        message: `${name} is disabled, so ${toolNames} cannot sign in as it.`,
      });
    } else if (canUpdateFirmware(user.userType) === false) {
      failing = true;
      findings.push({
        ...base,
        code: 'tool-account-cannot-update-firmware',
        severity: 'error',
        message: `${name} is a ${user.userType?.trim()}; by our caution only a Super User or an Administrator can update firmware, so firmware updates from ${toolNames} are expected to fail.`,
      });
    } else {
      candidates.push(name);
      findings.push({
        ...base,
        code: 'tool-account-ok',
        severity: 'info',
        message: `${toolNames} sign in as ${name}, which has no e-mail address and nothing shown rules it out.`,
      });
    }
  }
  if (failing) return { status: applicability === 'applies' ? 'at-risk' : 'unknown', findings, candidates };
  if (unsure || applicability === 'unreadable') return { status: 'unknown', findings, candidates };
  return { status: 'ok', findings, candidates };
}
