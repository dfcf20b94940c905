/**
 * The user-facing words for a verdict, shared by the in-page banner and the popup. Findings are translated
 * by their stable code; the rule's English message is only the fallback.
 */

import { formatMenuPath, type NmcFinding, type NmcFindingCode, type NmcStatus, POLICY } from '@mfa-companion/policy';
import { i18n } from '#i18n';
import type { NmcCheckResult } from './types';

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
  if (status === 'ok') return i18n.t('nmc.headline.ok', [candidates[0] ?? '']);
  if (status === 'at-risk') return i18n.t('nmc.headline.atRisk');
  if (status === 'not-applicable') return i18n.t('nmc.headline.notApplicable');
  return i18n.t('nmc.headline.unknown');
}

export function fixSteps(): string[] {
  return [
    i18n.t('nmc.fix.step1', [formatMenuPath()]),
    i18n.t('nmc.fix.step2'),
    i18n.t('nmc.fix.step3', [POLICY.nmc3.emailFieldLabel]),
    i18n.t('nmc.fix.step4', [POLICY.nmc3.affectedTools.join(', ')]),
  ];
}

export function describeFinding(finding: NmcFinding, result: NmcCheckResult): string {
  const user = finding.user ?? '';
  const firmware = result.firmwareVersion ?? '';
  const texts: Record<NmcFindingCode, () => string> = {
    'mfa-disabled': () => i18n.t('nmc.finding.mfaDisabled'),
    'firmware-before-mfa': () => i18n.t('nmc.finding.firmwareBeforeMfa', [firmware, POLICY.nmc3.mfaFirmware.version]),
    'firmware-before-mfa-but-mfa-reported': () =>
      i18n.t('nmc.finding.firmwareBeforeMfaButMfaReported', [firmware, POLICY.nmc3.mfaFirmware.version]),
    'firmware-unparseable': () => i18n.t('nmc.finding.firmwareUnparseable', [firmware]),
    'mfa-state-unknown': () => i18n.t('nmc.finding.mfaStateUnknown', [POLICY.nmc3.mfaFirmware.version]),
    'update-user-found': () => i18n.t('nmc.finding.updateUserFound', [user]),
    'no-update-user': () => i18n.t('nmc.finding.noUpdateUser'),
    'no-users': () => i18n.t('nmc.finding.noUsers'),
    'blank-email-user-disabled': () => i18n.t('nmc.finding.blankEmailUserDisabled', [user]),
    'blank-email-user-cannot-update-firmware': () => i18n.t('nmc.finding.blankEmailUserCannotUpdateFirmware', [user]),
    'blank-email-user-type-unknown': () => i18n.t('nmc.finding.blankEmailUserTypeUnknown', [user]),
    'blank-email-user-status-unknown': () => i18n.t('nmc.finding.blankEmailUserStatusUnknown', [user]),
    'user-type-unrecognised': () => i18n.t('nmc.finding.userTypeUnrecognised', [user]),
    'emails-unknown': () => i18n.t('nmc.finding.emailsUnknown', [result.usersToCheck.join(', ')]),
  };
  return texts[finding.code]?.() || finding.message;
}

/** Findings worth a line: the "found" one repeats the headline, and an OK verdict needs no info notes. */
export function visibleFindings(result: NmcCheckResult): NmcFinding[] {
  const ok = result.evaluation.status === 'ok';
  return result.evaluation.findings.filter(
    (finding) =>
      finding.code !== 'update-user-found' &&
      !(ok && finding.severity === 'info') &&
      // Unknown only because of unread pages: pagesNote() says that in words.
      !(finding.code === 'emails-unknown' && result.usersToCheck.length === 0),
  );
}

/** "Pages 2, 3 of the user list are not read yet", or nothing. */
export function pagesNote(result: NmcCheckResult): string | undefined {
  if (result.pagesToRead.length === 0 || result.evaluation.status === 'ok') return undefined;
  return i18n.t('nmc.banner.pagesToRead', [result.pagesToRead.join(', ')]);
}
