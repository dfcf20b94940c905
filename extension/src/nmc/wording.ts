/**
 * The user-facing words for a verdict, shared by the in-page banner and the popup. Findings are translated
 * by their stable code; the rule's English message is only the fallback.
 */

import {
  compareFirmwareVersions,
  formatMenuPath,
  type NmcFinding,
  type NmcFindingCode,
  type NmcGeneration,
  type NmcStatus,
  type NmcToolId,
  POLICY,
  parseFirmwareVersion,
} from '@mfa-companion/policy';
import { cleanName } from '@mfa-companion/vault';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { NmcCheckResult } from './types';

/**
 * A user name as it may be shown: without the control and bidi characters that could reorder or hide it (the vault's
 * own cleaner), and escaped when nothing visible is left. The name itself is kept exactly everywhere else.
 */
export function shownName(name: string): string {
  const cleaned = cleanName(name);
  return cleaned !== '' ? cleaned : name.replace(/[^\p{L}\p{N}\p{P}\p{S}]/gu, (char) => `\\u${hex4(char)}`);
}

const hex4 = (char: string) => (char.codePointAt(0) ?? 0).toString(16).padStart(4, '0');

const uiLanguage = () => {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return 'en';
  }
};

/** "A, B and C" or "A, B or C", in the UI's language. */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  try {
    return new Intl.ListFormat(uiLanguage(), { type }).format(items);
  } catch {
    return items.join(', ');
  }
}

const namesList = (names: readonly string[]) => formatList(names.map(shownName));

export function statusLabel(status: NmcStatus): string {
  switch (status) {
    case 'ok':
      return i18n.t('nmc.status.ok');
    case 'at-risk':
      return i18n.t('nmc.status.atRisk');
    case 'not-applicable':
      return i18n.t('nmc.status.notApplicable');
    default:
      return i18n.t('nmc.status.unknown');
  }
}

/** The one-line verdict: "OK — fwupdate has no e-mail, firmware updates will work", "At risk: …". */
export function headline(result: NmcCheckResult): string {
  const { status, candidates } = result.evaluation;
  if (status === 'ok') return i18n.t('nmc.headline.ok', [shownName(candidates[0] ?? '')]);
  if (status === 'at-risk') return i18n.t('nmc.headline.atRisk');
  if (status === 'not-applicable') {
    const noMfaCard = result.evaluation.findings.some((finding) => finding.code === 'card-without-mfa');
    return i18n.t(noMfaCard ? 'nmc.headline.noMfaCard' : 'nmc.headline.notApplicable');
  }
  return i18n.t('nmc.headline.unknown');
}

const TOOL_NAMES = new Map(POLICY.nmc3.tools.map((tool) => [tool.id, tool.name]));
const toolList = (tools: readonly NmcToolId[] | undefined) =>
  formatList((tools ?? []).map((tool) => TOOL_NAMES.get(tool) ?? tool));

export function fixSteps(): string[] {
  const [next, apply] = POLICY.nmc3.userScreen.saveSteps;
  return [
    i18n.t('nmc.fix.step1', [formatMenuPath()]),
    i18n.t('nmc.fix.step2'),
    i18n.t('nmc.fix.step3', [POLICY.nmc3.emailFieldLabel, next ?? '', apply ?? '']),
    i18n.t('nmc.fix.step4', [formatList(POLICY.nmc3.affectedTools, 'disjunction')]),
    i18n.t('nmc.fix.step5'),
    i18n.t('nmc.fix.alsoAffected', [
      formatList(POLICY.nmc3.tools.filter((tool) => tool.id !== 'secure-nmc-system-tool').map((tool) => tool.name)),
      formatList(POLICY.nmc3.affectedFunctions.filter((item) => item !== 'firmware updates')),
    ]),
  ];
}

/** "AP9641 (NMC3), AOS v3.4.0.7": what is known about the card itself, or nothing. */
export function cardSummary(result: NmcCheckResult): string | undefined {
  const parts: string[] = [];
  const generation = result.generation === undefined ? undefined : generationLabel(result.generation);
  if (result.model) parts.push(generation ? `${result.model} (${generation})` : result.model);
  else if (generation && result.generation !== 'unknown') parts.push(generation);
  if (result.firmwareVersion) {
    const version = `AOS ${result.firmwareVersion.replace(/^(?:aos\s*)?/i, '')}`;
    // The admin's typed answer is said to be one; a version read on About > Network needs no note.
    parts.push(result.firmwareSource === 'answer' ? `${version} ${i18n.t('nmc.finding.sourceAnswer')}` : version);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export function generationLabel(generation: NmcGeneration): string {
  if (generation === 'nmc3') return i18n.t('nmc.fleet.generationNmc3');
  if (generation === 'nmc2') return i18n.t('nmc.fleet.generationNmc2');
  if (generation === 'nmc1') return i18n.t('nmc.fleet.generationNmc1');
  return i18n.t('nmc.fleet.generationUnknown');
}

/** Who gets the card's e-mailed code and who signs in with a password alone; lines only for non-empty groups. */
export function signInLines(result: NmcCheckResult): string[] {
  if (result.evaluation.status === 'not-applicable') return [];
  const lines: string[] = [];
  if (result.signIn.emailedCode.length > 0) {
    lines.push(i18n.t('nmc.banner.signInEmailed', [namesList(result.signIn.emailedCode)]));
  }
  if (result.signIn.passwordOnly.length > 0) {
    lines.push(i18n.t('nmc.banner.signInPasswordOnly', [namesList(result.signIn.passwordOnly)]));
  }
  return lines;
}

export function describeFinding(finding: NmcFinding, result: NmcCheckResult): string {
  const user = shownName(finding.user ?? '');
  const tools = toolList(finding.tools);
  const firmware = result.firmwareVersion ?? '';
  const texts: Record<NmcFindingCode, () => string> = {
    'mfa-disabled': () => i18n.t('nmc.finding.mfaDisabled'),
    'firmware-before-mfa': () => i18n.t('nmc.finding.firmwareBeforeMfa', [firmware, POLICY.nmc3.mfaFirmware.version]),
    'firmware-before-mfa-but-mfa-reported': () =>
      i18n.t('nmc.finding.firmwareBeforeMfaButMfaReported', [firmware, POLICY.nmc3.mfaFirmware.version]),
    'firmware-unparseable': () => i18n.t('nmc.finding.firmwareUnparseable', [firmware]),
    'mfa-state-unknown': () =>
      i18n.t(aosAloneAtLeastMfa(result) ? 'nmc.finding.mfaStateUnknownGeneration' : 'nmc.finding.mfaStateUnknown', [
        POLICY.nmc3.mfaFirmware.version,
      ]),
    'update-user-found': () => i18n.t('nmc.finding.updateUserFound', [user]),
    'no-update-user': () => i18n.t('nmc.finding.noUpdateUser'),
    'no-users': () => i18n.t('nmc.finding.noUsers'),
    'blank-email-user-disabled': () => i18n.t('nmc.finding.blankEmailUserDisabled', [user]),
    'blank-email-user-cannot-update-firmware': () => i18n.t('nmc.finding.blankEmailUserCannotUpdateFirmware', [user]),
    'blank-email-user-type-unknown': () => i18n.t('nmc.finding.blankEmailUserTypeUnknown', [user]),
    'blank-email-user-status-unknown': () => i18n.t('nmc.finding.blankEmailUserStatusUnknown', [user]),
    'user-type-unrecognised': () => i18n.t('nmc.finding.userTypeUnrecognised', [user]),
    'emails-unknown': () => i18n.t('nmc.finding.emailsUnknown', [namesList(result.usersToCheck)]),
    'card-without-mfa': () => i18n.t('nmc.finding.cardWithoutMfa'),
    'tool-account-ok': () => i18n.t('nmc.finding.toolAccountOk', [user, tools]),
    'tool-account-email-set': () => i18n.t('nmc.finding.toolAccountEmailSet', [user, tools]),
    'tool-account-disabled': () => i18n.t('nmc.finding.toolAccountDisabled', [user, tools]),
    'tool-account-cannot-update-firmware': () => i18n.t('nmc.finding.toolAccountCannotUpdateFirmware', [user, tools]),
    'tool-account-email-unknown': () => i18n.t('nmc.finding.toolAccountEmailUnknown', [user, tools]),
    'tool-account-missing': () => i18n.t('nmc.finding.toolAccountMissing', [user, tools]),
  };
  const text = texts[finding.code]?.() || finding.message;
  // Where the fact came from: a page of the card, or the admin's own answer.
  if (finding.source === 'page') return `${text} ${i18n.t('nmc.finding.sourcePage')}`;
  if (finding.source === 'answer') return `${text} ${i18n.t('nmc.finding.sourceAnswer')}`;
  return text;
}

/** Findings worth a line: the "found" one repeats the headline, and an OK verdict needs no info notes. */
export function visibleFindings(result: NmcCheckResult): NmcFinding[] {
  const ok = result.evaluation.status === 'ok';
  return result.evaluation.findings.filter(
    (finding) =>
      finding.code !== 'update-user-found' &&
      !(ok && finding.severity === 'info' && finding.code !== 'tool-account-ok') &&
      // Unknown only because of unread pages: pagesNote() says that in words.
      !(finding.code === 'emails-unknown' && result.usersToCheck.length === 0),
  );
}

/** "Pages 2 and 3 of the user list are not read yet", or nothing. */
export function pagesNote(result: NmcCheckResult): string | undefined {
  if (result.pagesToRead.length === 0 || result.evaluation.status === 'ok') return undefined;
  return i18n.t('nmc.banner.pagesToRead', [formatList(result.pagesToRead.map(String))]);
}

/** An AOS of 3.4 or later is known, but no hardware says the card is an NMC3: the version alone does not tell. */
function aosAloneAtLeastMfa(result: NmcCheckResult): boolean {
  const version = result.firmwareVersion ? parseFirmwareVersion(result.firmwareVersion) : undefined;
  const mfa = POLICY.nmc3.mfaFirmware;
  return (
    version !== undefined &&
    compareFirmwareVersions(version, { parts: [mfa.major, mfa.minor], text: mfa.version }) >= 0 &&
    result.generation !== 'nmc3'
  );
}

/**
 * The one line of why under the verdict: the finding that decided it (an OK verdict already says why in its
 * headline, so it gets a line only when something asks for a second look). `undefined` when there is nothing to add.
 */
export function whyFinding(result: NmcCheckResult): NmcFinding | undefined {
  const findings = visibleFindings(result);
  const status = result.evaluation.status;
  const bySeverity = (severity: NmcFinding['severity']) => findings.find((finding) => finding.severity === severity);
  if (status === 'at-risk') return bySeverity('error') ?? findings[0];
  if (status === 'unknown') return bySeverity('warning') ?? findings[0];
  if (status === 'not-applicable') return findings[0];
  return bySeverity('warning');
}
