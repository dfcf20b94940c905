import {
  type NmcEvaluation,
  type NmcFinding,
  type NmcFindingCode,
  type NmcParseErrorCode,
  type NmcStatus,
  type NmcUser,
  POLICY,
} from '@mfa-companion/policy';
import type { Lang } from '../lib/locale.ts';
import { plural } from '../lib/plural.ts';
import { policyFigure } from '../lib/policy-figures.ts';

const MFA_VERSION = POLICY.nmc3.mfaFirmware.version;
/** "Super User ou Administrator", rendered from POLICY. */
const COUNTED_FR = policyFigure('nmcCountedUserTypes', 'fr');
const TOOL_NAMES = new Map(POLICY.nmc3.tools.map((tool) => [tool.id, tool.name]));

interface FindingContext {
  user: string;
  userType: string;
  /** Users whose e-mail the pasted list does not show (only for `emails-unknown`). */
  unknownEmails: string;
  tools: string;
  /** The tools a tool-account finding is about. */
  accountTools: string;
  /** How many they are: the French verb agrees with it ("se connecte" / "se connectent"). */
  accountToolCount: number;
}

/** The verb form for the number of tools, chosen by French plural rules. */
const agree = (count: number, one: string, other: string) => plural('fr', count, { one, other });

/**
 * French wording for every finding of `evaluateNmcUsers`, keyed by its stable code. English readers get the
 * library's own message, which is already written for people.
 */
const FRENCH_FINDINGS: Record<NmcFindingCode, (context: FindingContext) => string> = {
  'mfa-disabled': () =>
    'L’authentification multifacteur est désactivée : les mises à jour du firmware n’ont pas besoin d’un utilisateur sans adresse e-mail.',
  'firmware-before-mfa': () =>
    `Ce firmware est antérieur à la MFA (apparue avec AOS v${MFA_VERSION}) : la vérification ne s’applique pas encore. Refaites-la après la mise à niveau.`,
  'firmware-before-mfa-but-mfa-reported': () =>
    `La MFA est indiquée comme active, mais ce firmware est antérieur à AOS v${MFA_VERSION}, qui l’a introduite : vérifiez la version du firmware.`,
  'firmware-unparseable': () =>
    `Cette version de firmware est illisible pour le vérificateur (format attendu : v${MFA_VERSION}.0.1 par exemple).`,
  'mfa-state-unknown': () =>
    `On ne sait pas si la MFA est active, ni si le firmware est en v${MFA_VERSION} ou plus récent.`,
  'update-user-found': ({ user }) =>
    `${user} n’a pas d’adresse e-mail, est activé et peut mettre à jour le firmware : les outils de mise à jour peuvent se connecter avec ${user}.`,
  'no-update-user': ({ tools }) =>
    `Aucun ${COUNTED_FR} activé sans adresse e-mail (nous ne comptons que ces types, par précaution) : les mises à jour du firmware depuis ${tools} échoueront tant que la MFA est active.`,
  'no-users': () => 'Aucun utilisateur local n’a été trouvé : aucun ne peut donc servir aux mises à jour du firmware.',
  'blank-email-user-disabled': ({ user }) =>
    `${user} n’a pas d’adresse e-mail mais le compte est désactivé : les outils de mise à jour ne peuvent pas s’y connecter.`,
  'blank-email-user-cannot-update-firmware': ({ user, userType }) =>
    `${user} n’a pas d’adresse e-mail mais est de type ${userType} ; nous ne comptons qu’un ${COUNTED_FR} comme capable de mettre à jour le firmware (précaution de notre part : l’éditeur ne précise pas quels types le peuvent).`,
  'blank-email-user-type-unknown': ({ user }) =>
    `${user} n’a pas d’adresse e-mail, mais son type d’utilisateur est inconnu : vérifiez qu’il s’agit d’un ${COUNTED_FR}.`,
  'blank-email-user-status-unknown': ({ user }) =>
    `${user} n’a pas d’adresse e-mail, mais on ignore si le compte est activé : vérifiez son état.`,
  'user-type-unrecognised': ({ user, userType }) =>
    `Le type d’utilisateur « ${userType} » de ${user} est inconnu du vérificateur ; il n’est pas compté comme pouvant mettre à jour le firmware.`,
  'emails-unknown': ({ unknownEmails }) =>
    `Adresse e-mail encore inconnue pour : ${unknownEmails}. Ouvrez la fiche de chacun de ces utilisateurs pour vérifier.`,
  'card-without-mfa': () =>
    'Cette carte n’est pas une Network Management Card 3 (NMC2 ou PDU en rack) : elle n’a pas de MFA, la vérification ne s’applique pas.',
  'tool-account-ok': ({ user, accountTools, accountToolCount: n }) =>
    `${accountTools} ${agree(n, 'se connecte', 'se connectent')} avec ${user}, qui n’a pas d’adresse e-mail ; rien de ce qui est indiqué ne l’exclut.`,
  'tool-account-email-set': ({ user, accountTools, accountToolCount: n }) =>
    `${user} a une adresse e-mail : la carte lui envoie par e-mail un code à usage unique que ${accountTools} ${agree(n, 'ne peut', 'ne peuvent')} pas saisir, ${accountTools} ${agree(n, 'échouera', 'échoueront')}.`,
  'tool-account-disabled': ({ user, accountTools, accountToolCount: n }) =>
    `${user} est désactivé : ${accountTools} ${agree(n, 'ne peut', 'ne peuvent')} pas s’y connecter.`,
  'tool-account-cannot-update-firmware': ({ user, accountTools }) =>
    `${user} n’est pas un ${COUNTED_FR}, seuls types que nous comptons (par précaution) : les mises à jour depuis ${accountTools} risquent d’échouer.`,
  'tool-account-email-unknown': ({ user, accountTools, accountToolCount: n }) =>
    `${accountTools} ${agree(n, 'se connecte', 'se connectent')} avec ${user}, dont l’adresse e-mail n’est pas encore connue.`,
  'tool-account-missing': ({ user, accountTools, accountToolCount: n }) =>
    `${accountTools} ${agree(n, 'se connecte', 'se connectent')} avec ${user}, qui ne figure pas dans la liste.`,
};

export function describeFinding(finding: NmcFinding, users: readonly NmcUser[], lang: Lang): string {
  if (lang === 'en') return finding.message;
  const user = users.find((candidate) => candidate.name === finding.user);
  return FRENCH_FINDINGS[finding.code]({
    user: finding.user ?? '',
    userType: user?.userType?.trim() ?? '',
    unknownEmails: users
      .filter((candidate) => candidate.email === undefined && candidate.enabled !== false)
      .map((candidate) => candidate.name)
      .join(', '),
    tools: policyFigure('affectedTools', 'fr'),
    accountTools: new Intl.ListFormat('fr', { type: 'conjunction' }).format(
      (finding.tools ?? []).map((tool) => TOOL_NAMES.get(tool) ?? tool),
    ),
    accountToolCount: (finding.tools ?? []).length,
  });
}

export const STATUS_TEXT: Record<NmcStatus, Record<Lang, { title: string; tone: 'ok' | 'error' | 'warn' }>> = {
  ok: {
    en: { title: 'OK — firmware updates will work with MFA on', tone: 'ok' },
    fr: { title: 'OK — les mises à jour du firmware fonctionneront avec la MFA active', tone: 'ok' },
  },
  'at-risk': {
    en: { title: 'At risk — firmware updates will fail while MFA is on', tone: 'error' },
    fr: { title: 'À risque — les mises à jour du firmware échoueront tant que la MFA est active', tone: 'error' },
  },
  'not-applicable': {
    en: { title: 'Not applicable — this card does not need a blank-e-mail user yet', tone: 'ok' },
    fr: { title: 'Sans objet — cette carte n’a pas encore besoin d’un utilisateur sans e-mail', tone: 'ok' },
  },
  unknown: {
    en: { title: 'Unknown — some facts are missing to decide', tone: 'warn' },
    fr: { title: 'Indéterminé — il manque des informations pour conclure', tone: 'warn' },
  },
};

export const PARSE_ERROR_TEXT: Record<NmcParseErrorCode, Record<Lang, string>> = {
  'not-text': { en: 'Paste the user list as text.', fr: 'Collez la liste des utilisateurs sous forme de texte.' },
  empty: { en: 'Nothing was pasted yet.', fr: 'Rien n’a encore été collé.' },
  'too-large': {
    en: 'This text is far larger than any NMC user list. Paste only the Local Users table.',
    fr: 'Ce texte est bien plus long qu’une liste d’utilisateurs NMC. Collez uniquement le tableau des utilisateurs locaux.',
  },
  binary: {
    en: 'This looks like binary data, not a copied table.',
    fr: 'Ceci ressemble à des données binaires, pas à un tableau copié.',
  },
  html: {
    en: 'This is HTML source. Copy the table from the page as displayed in the browser instead.',
    fr: 'Ceci est du code HTML. Copiez plutôt le tableau tel qu’il s’affiche dans le navigateur.',
  },
  'no-header': {
    en: 'No header row was found. Select the whole table, including its header (User Name, User Type, Status, E-mail Address), and paste again.',
    fr: 'Aucune ligne d’en-tête trouvée. Sélectionnez tout le tableau, en-tête compris (nom d’utilisateur, type, état, adresse e-mail), puis collez à nouveau.',
  },
  'no-users': {
    en: 'The header was found but no user rows follow it.',
    fr: 'L’en-tête a été trouvé, mais aucune ligne d’utilisateur ne suit.',
  },
  'too-many-rows': {
    en: 'Far more rows than an NMC card holds: this is probably not its user list.',
    fr: 'Beaucoup plus de lignes qu’une carte NMC n’en contient : ce n’est sans doute pas sa liste d’utilisateurs.',
  },
  'ragged-row': {
    en: 'A row has more cells than the header, so the columns do not line up. Copy the table again from the page.',
    fr: 'Une ligne a plus de cellules que l’en-tête : les colonnes ne correspondent pas. Copiez à nouveau le tableau depuis la page.',
  },
};

/** The fix, in the order an administrator performs it, with the menu path and field label quoted from POLICY. */
export function fixSteps(evaluation: NmcEvaluation, lang: Lang): string[] {
  if (evaluation.status !== 'at-risk' && evaluation.status !== 'unknown') return [];
  const path = policyFigure('nmcMenuPath', lang);
  const field = policyFigure('nmcEmailField', lang);
  const counted = policyFigure('nmcCountedUserTypes', lang);
  const next = policyFigure('nmcNextButton', lang);
  const apply = policyFigure('nmcApplyButton', lang);
  return lang === 'fr'
    ? [
        `Dans l’interface Web de la carte, ouvrez ${path}.`,
        `Choisissez un utilisateur activé que les outils utiliseront (créez-en un dédié au besoin) ; nous conseillons un ${counted}, par précaution.`,
        `Cliquez sur cet utilisateur, videz le champ ${field}, cliquez sur ${next}, puis sur ${apply} dans la page de confirmation.`,
        'Configurez les outils de mise à jour avec ce nom d’utilisateur et son mot de passe, long et unique.',
        'Collez à nouveau la liste ici pour confirmer le résultat OK.',
      ]
    : [
        `In the card's Web UI, open ${path}.`,
        `Pick an enabled user for the tools to use (create a dedicated one if needed); by our caution, a ${counted}.`,
        `Click that user, clear the ${field} field, click ${next}, then ${apply} on the confirmation page.`,
        'Configure the update tools with that user name and its long, unique password.',
        'Paste the list here again to confirm the result is OK.',
      ];
}
