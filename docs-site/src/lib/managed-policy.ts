/**
 * The administrators' policy table, built from the extension's own Chrome policy schema (the file the extension
 * ships): names, types, ranges and defaults cannot drift from what the extension reads. Only the wording of each
 * row's effect is the docs' own, in English (the schema's description) and French.
 */
import schema from '@mfa-companion/extension/managed_schema.json' with { type: 'json' };
import type { Lang } from './locale.ts';

interface SchemaNode {
  type: string;
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
  default?: unknown;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}

const PROPERTIES = schema.properties as Record<string, SchemaNode>;

/** Every policy name, in the schema's order. */
export const MANAGED_POLICY_NAMES = Object.keys(PROPERTIES);

/** The French wording of each policy's effect (the English one is the schema's description). */
export const FRENCH_EFFECTS: Record<string, string> = {
  autoLockMaxMinutes:
    'Nombre de minutes d’inactivité après lequel le coffre se verrouille au plus tard. L’utilisateur peut choisir un délai plus court, jamais plus long, et ne peut pas désactiver le verrouillage automatique.',
  lockOnSystemLock:
    'true : le coffre se verrouille dès que l’écran se verrouille. false : il ne se verrouille pas. Dans les deux cas, l’utilisateur ne peut pas le changer. Firefox n’indique pas aux extensions le verrouillage de l’écran : seul le délai de verrouillage automatique s’y applique.',
  clipboardClearSeconds:
    'Nombre de secondes après lequel un code copié est effacé du presse-papiers, s’il s’y trouve encore ; 0 : jamais effacé. L’effacement demande aussi que l’utilisateur autorise une fois la lecture du presse-papiers.',
  allowUnencryptedExport:
    'false supprime l’export des comptes en liens otpauth:// en clair ; la sauvegarde chiffrée reste disponible.',
  allowInFieldButton:
    'false : le bouton dans les champs de code (« Toujours détecter sur ce site ») ne peut pas être activé, et les sites où il l’était ne l’affichent plus. Le raccourci, le menu contextuel et la fenêtre de l’extension remplissent toujours.',
  exactHostOnly:
    'true : chaque compte n’est rempli que sur les noms d’hôte exacts auxquels il est associé, jamais sur d’autres hôtes du même domaine. false laisse le choix à l’utilisateur, compte par compte.',
  issuerSites:
    'Quand un compte dont l’émetteur correspond (sans tenir compte de la casse) est ajouté ou importé, ces sites lui sont associés. Les sites sont des origines http ou https.',
  nmcHosts:
    'Cartes de gestion réseau (NMC) que la vue du parc affiche dès le départ (origine comme https://ups-01.example.lan), chacune avec les comptes locaux avec lesquels vos outils se connectent : tool vaut secure-nmc-system-tool, ecostruxure-it-expert ou data-center-expert. Le verdict du vérificateur pour cette carte porte alors sur ces comptes précis, que les utilisateurs ne peuvent pas modifier.',
  passkeyUnlock:
    'allowed : les utilisateurs peuvent ajouter des clés d’accès et des clés de sécurité pour déverrouiller le coffre. security-keys-only : seuls les authentificateurs itinérants (clés de sécurité USB, NFC ou Bluetooth, signalées comme « cross-platform ») peuvent être ajoutés ou utilisés. forbidden : aucun ne peut être ajouté, et ceux déjà ajoutés ne sont plus proposés. La vérification de l’utilisateur (code PIN ou biométrie) est toujours exigée ; la phrase secrète ouvre toujours le coffre.',
  backupReminderDays:
    'Nombre de jours après la dernière sauvegarde chiffrée ou le dernier transfert vers un téléphone avant que la fenêtre de l’extension le rappelle, si des comptes ont été ajoutés ou modifiés depuis. 0 désactive le rappel. L’utilisateur ne peut pas le changer.',
  docsBaseUrl:
    'Adresse de la copie de la documentation MFA Companion de votre organisation (http ou https). Les liens « Comment corriger » de l’extension y mènent. Par défaut : l’adresse avec laquelle l’extension a été construite.',
};

const WORDS = {
  en: {
    integer: 'integer',
    boolean: 'boolean',
    string: 'string',
    array: 'array',
    range: (min: number, max: number) => `${min} to ${max}`,
    notSet: 'not set: the user’s own setting applies',
    notSetDocs: 'not set: the address the extension was built with',
  },
  fr: {
    integer: 'entier',
    boolean: 'booléen',
    string: 'chaîne',
    array: 'tableau',
    range: (min: number, max: number) => `de ${min} à ${max}`,
    notSet: 'non défini : le réglage de l’utilisateur s’applique',
    notSetDocs: 'non défini : l’adresse avec laquelle l’extension a été construite',
  },
} as const;

export interface ManagedPolicyRow {
  name: string;
  /** `integer, 1 to 1440`; arrays show the shape of one entry. */
  type: string;
  /** The entry shape of an array policy, as JSON: `{ "issuer": string, "sites": [string] }`. */
  shape?: string;
  defaultValue: string;
  effect: string;
}

function entryShape(node: SchemaNode): string {
  if (node.type === 'object' && node.properties) {
    const fields = Object.entries(node.properties).map(([name, field]) => `"${name}": ${entryShape(field)}`);
    return `{ ${fields.join(', ')} }`;
  }
  if (node.type === 'array' && node.items) return `[${entryShape(node.items)}]`;
  if (node.enum) return node.enum.map((value) => `"${value}"`).join(' | ');
  return node.type;
}

export function managedPolicyRows(lang: Lang): ManagedPolicyRow[] {
  const words = WORDS[lang];
  return MANAGED_POLICY_NAMES.map((name) => {
    const node = PROPERTIES[name] as SchemaNode;
    const typeWord = words[node.type as 'integer' | 'boolean' | 'string' | 'array'] ?? node.type;
    const range =
      node.minimum !== undefined && node.maximum !== undefined ? `, ${words.range(node.minimum, node.maximum)}` : '';
    const defaultValue =
      node.default !== undefined
        ? JSON.stringify(node.default)
        : name === 'docsBaseUrl'
          ? words.notSetDocs
          : words.notSet;
    return {
      name,
      type: `${typeWord}${range}`,
      ...(node.type === 'array' && node.items ? { shape: entryShape(node.items) } : {}),
      ...(node.enum ? { shape: entryShape(node) } : {}),
      defaultValue,
      effect: lang === 'fr' ? (FRENCH_EFFECTS[name] ?? '') : (node.description ?? ''),
    };
  });
}
