import { evaluateNmcUsers, type NmcFinding, type NmcUser, POLICY } from '@mfa-companion/policy';
import { describeFinding } from '../islands/nmc-messages.ts';
import type { Lang } from './locale.ts';

/**
 * Which blank-e-mail users the NMC checkers count as the update account, shown as the checker itself decides it:
 * each case is run through `evaluateNmcUsers` at build time, so the docs say what the code does (including the
 * users whose type or status the page does not show) and change when it changes. Only the cases are written here.
 */
const labels = POLICY.nmc3.userTypeLabels;

interface CountingCase {
  id: string;
  describe: Record<Lang, string>;
  user: NmcUser;
}

const NAME = 'fwupdate';

export const COUNTING_CASES: readonly CountingCase[] = [
  {
    id: 'enabled-admin',
    describe: {
      en: `An enabled ${labels.administrator} (or ${labels['super-user']})`,
      fr: `Un ${labels.administrator} (ou ${labels['super-user']}) activé`,
    },
    user: { name: NAME, email: '', userType: labels.administrator, enabled: true },
  },
  {
    id: 'disabled',
    describe: { en: `A disabled ${labels.administrator}`, fr: `Un ${labels.administrator} désactivé` },
    user: { name: NAME, email: '', userType: labels.administrator, enabled: false },
  },
  {
    id: 'other-type',
    describe: {
      en: `An enabled ${labels['device-user']}, ${labels['read-only-user']} or ${labels['network-only-user']}`,
      fr: `Un ${labels['device-user']}, ${labels['read-only-user']} ou ${labels['network-only-user']} activé`,
    },
    user: { name: NAME, email: '', userType: labels['device-user'], enabled: true },
  },
  {
    id: 'type-not-shown',
    describe: {
      en: 'An enabled user whose type the page does not show',
      fr: 'Un utilisateur activé dont la page ne montre pas le type',
    },
    user: { name: NAME, email: '', enabled: true },
  },
  {
    id: 'status-not-shown',
    describe: {
      en: `An ${labels.administrator} whose status (enabled or not) the page does not show`,
      fr: `Un ${labels.administrator} dont la page ne montre pas l’état (activé ou non)`,
    },
    user: { name: NAME, email: '', userType: labels.administrator },
  },
  {
    id: 'unrecognised-type',
    describe: {
      en: 'An enabled user with a type label the checker does not know',
      fr: 'Un utilisateur activé dont le libellé de type est inconnu du vérificateur',
    },
    user: { name: NAME, email: '', userType: 'Operator', enabled: true },
  },
];

export interface CountingOutcome {
  id: string;
  describe: string;
  counted: boolean;
  /** What the checker tells the admin about that user, in the page's language (warnings and notes). */
  says: string[];
  severity: 'warning' | 'info' | 'none';
}

/** Each case as `evaluateNmcUsers` judges it on an NMC3 with MFA on (firmware from POLICY). */
export function countingOutcomes(lang: Lang): CountingOutcome[] {
  return COUNTING_CASES.map((entry) => {
    const users = [entry.user];
    const evaluation = evaluateNmcUsers({
      mfaEnabled: true,
      firmwareVersion: POLICY.nmc3.mfaFirmware.version,
      generation: 'nmc3',
      users,
    });
    const about = evaluation.findings.filter(
      (finding: NmcFinding) =>
        finding.user === NAME && finding.code !== 'update-user-found' && finding.severity !== 'error',
    );
    const severity = about.some((finding) => finding.severity === 'warning')
      ? 'warning'
      : about.length > 0
        ? 'info'
        : 'none';
    return {
      id: entry.id,
      describe: entry.describe[lang],
      counted: evaluation.candidates.includes(NAME),
      says: about.map((finding) => describeFinding(finding, users, lang)),
      severity,
    };
  });
}
