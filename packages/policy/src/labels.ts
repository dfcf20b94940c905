/**
 * Recognising what a label means, whatever language or wording the NMC Web UI (or a person pasting
 * from it) uses. The text parser and the extension's DOM reader both go through these functions, so a
 * header the one understands the other understands too.
 */
import type { NmcUserTypeId } from './facts.ts';

import { NORMALIZED_LIMIT, normalizeLabel } from './normalize.ts';
import { containsTerm, FIELD_TERMS, NO_ADDRESS_TERMS, STATUS_TERMS, termSet, USER_TYPE_TERMS } from './vocabulary.ts';

export { normalizeLabel };

export type NmcField = 'name' | 'email' | 'userType' | 'status';

// Ordered: more specific meanings first, because "Type d'utilisateur" also contains the word for "user".
const FIELD_PATTERNS: ReadonlyArray<readonly [NmcField, RegExp]> = [
  [
    'email',
    /^(?:(?:user )?(?:e ?)?mail(?: address| id)?|adresse (?:(?:de )?(?:e ?mail|courriel)|electronique|de messagerie|mail)|courriel)$/,
  ],
  [
    'userType',
    /^(?:(?:user |account )?(?:type|access(?: level| type)?|role|privileges?(?: level)?|permissions?|level|profile)|type (?:d |de )?(?:l )?(?:utilisateur|acces|compte)|(?:niveau (?:d )?)?acces|role|droits?|profil|niveau)$/,
  ],
  [
    'status',
    /^(?:(?:user |account )?(?:status|state|enabled)|(?:statut|etat)(?: (?:du compte|de l utilisateur))?|active?|actif|activation)$/,
  ],
  [
    'name',
    /^(?:(?:local )?user ?(?:name|id)|(?:local )?users?|name|login(?: name)?|account(?: name)?|nom(?: (?:d|de l) utilisateur| du compte)?|utilisateurs?(?: local|s locaux)?|identifiant|compte)$/,
  ],
];

// "E-mail Address (optional)", "User Name [login]", "Courriel *": the bracketed part and marks do not change the meaning.
const HEADER_REMARK = /\([^)]*\)|\[[^\]]*\]/g;

/** Which user field a column header or form label stands for, or `undefined` when it is none of them. */
export function classifyFieldLabel(label: string): NmcField | undefined {
  const normalized = normalizeLabel(label.length <= 200 ? label.replace(HEADER_REMARK, ' ') : label);
  if (normalized.length === 0 || normalized.length > 60) return undefined;
  for (const [field, pattern] of FIELD_PATTERNS) if (pattern.test(normalized)) return field;
  for (const [field, terms] of FIELD_SETS) if (terms.has(normalized)) return field;
  return undefined;
}

// The other languages' labels, matched whole (after folding), more specific meanings first as above.
const FIELD_SETS: ReadonlyArray<readonly [NmcField, ReadonlySet<string>]> = [
  ['email', termSet(FIELD_TERMS.email)],
  ['userType', termSet(FIELD_TERMS.userType)],
  ['status', termSet(FIELD_TERMS.status)],
  ['name', termSet(FIELD_TERMS.name)],
];

export interface NmcColumns {
  name: number;
  email?: number;
  userType?: number;
  status?: number;
  /** How many cells the header row has, extra columns included. */
  width: number;
}

/**
 * Finds the user-list columns in a header row. A table is a user list only when it has a user-name column
 * and at least an e-mail or a user-type column: a lone "Name" column is far too common to mean anything.
 */
export function detectNmcColumns(headerCells: readonly string[]): NmcColumns | undefined {
  const found: Partial<Record<NmcField, number>> = {};
  headerCells.forEach((cell, index) => {
    const field = classifyFieldLabel(cell);
    if (field !== undefined && found[field] === undefined) found[field] = index;
  });
  if (found.name === undefined || (found.email === undefined && found.userType === undefined)) return undefined;
  const columns: NmcColumns = { name: found.name, width: headerCells.length };
  if (found.email !== undefined) columns.email = found.email;
  if (found.userType !== undefined) columns.userType = found.userType;
  if (found.status !== undefined) columns.status = found.status;
  return columns;
}

export type NmcUserTypeMatch = { kind: 'known'; id: NmcUserTypeId } | { kind: 'unrecognised'; label: string };

// Matched on words, not whole labels, so "Administrator (local)" or "Super utilisateur" still land right.
const USER_TYPE_PATTERNS: ReadonlyArray<readonly [NmcUserTypeId, RegExp]> = [
  ['super-user', /\bsuper ?(?:users?|utilisateurs?|admin(?:istrators?|istrateurs?)?)\b|\bsuperusers?\b/],
  ['network-only-user', /\bnetwork ?only\b|\breseau (?:uniquement|seulement|seul)\b|\bnetwork user\b/],
  ['read-only-user', /\bread ?only\b|\breadonly\b|\blecture (?:seule|uniquement|seulement)\b|\bread user\b/],
  ['device-user', /\bdevices?\b|\bperipheriques?\b|\bappareils?\b/],
  ['administrator', /\badmins?\b|\badministrat(?:ors?|eurs?|rices?)\b/],
];

const USER_TYPE_MATCHERS = USER_TYPE_TERMS.map(([id, terms]) => [id, containsTerm(terms)] as const);

const USER_TYPES_SEEN = new Map<string, NmcUserTypeMatch>();

function matchUserType(label: string): NmcUserTypeMatch {
  const normalized = normalizeLabel(label);
  for (const [id, pattern] of USER_TYPE_PATTERNS) if (pattern.test(normalized)) return { kind: 'known', id };
  for (const [id, matches] of USER_TYPE_MATCHERS) if (matches(normalized)) return { kind: 'known', id };
  return { kind: 'unrecognised', label: label.trim() };
}

/** Maps a user-type label (English or French, any case or accents) to its meaning. */
export function classifyUserType(label: string): NmcUserTypeMatch {
  const cached = USER_TYPES_SEEN.get(label);
  if (cached !== undefined) return cached;
  const match = Object.freeze(matchUserType(label));
  if (label.length <= 64) {
    if (USER_TYPES_SEEN.size >= NORMALIZED_LIMIT) USER_TYPES_SEEN.clear();
    USER_TYPES_SEEN.set(label, match);
  }
  return match;
}

const ENABLED_WORDS = new Set([
  'enabled',
  'enable',
  'active',
  'on',
  'yes',
  'actif',
  'activee',
  'active e',
  'actif ve',
  'oui',
  'true',
]);
const DISABLED_WORDS = new Set([
  'disabled',
  'disable',
  'inactive',
  'off',
  'no',
  'desactive',
  'desactivee',
  'desactive e',
  'inactif',
  'inactif ve',
  'non',
  'false',
  'locked',
  'locked out',
  'verrouille',
  'verrouillee',
  'bloque',
  'bloquee',
  'suspended',
  'suspendu',
  'suspendue',
]);
const ENABLED_TERMS = termSet(STATUS_TERMS.enabled);
const DISABLED_TERMS = termSet(STATUS_TERMS.disabled);
// A status column may show a tick instead of a word; "☐" is an empty box (not ticked).
const ENABLED_GLYPHS = /^(?:[✓✔☑✅]|\[[xX✓✔]\])$/u;
const DISABLED_GLYPHS = /^(?:[✗✘✕❌☐]|\[ ?\])$/u;

/** Zero-width characters a browser copy can leave inside or around a cell; they are never part of a value. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/gu;

/** "Enabled" / "Activé" / "✓" → true, "Disabled" / "Désactivé" → false, anything else → undefined. */
export function parseEnabledLabel(label: string): boolean | undefined {
  const trimmed = label.replace(INVISIBLE, '').trim();
  if (ENABLED_GLYPHS.test(trimmed)) return true;
  if (DISABLED_GLYPHS.test(trimmed)) return false;
  const normalized = normalizeLabel(trimmed);
  if (ENABLED_WORDS.has(normalized) || ENABLED_TERMS.has(normalized)) return true;
  if (DISABLED_WORDS.has(normalized) || DISABLED_TERMS.has(normalized)) return false;
  return undefined;
}

// What a UI writes in an e-mail cell that holds no address, once normalised ("aucun(e)" → "aucun e").
const NO_ADDRESS_WORDS = new Set([
  'none',
  'empty',
  'not set',
  'not defined',
  'unset',
  'n a',
  'na',
  'aucun',
  'aucune',
  'aucun e',
  'vide',
  'non defini',
  'non definie',
  'non defini e',
  'non renseigne',
  'non renseignee',
  'not configured',
  'non configure',
  'non configuree',
  'blank',
  'no e mail',
  'no email',
]);

const NO_ADDRESS_OTHER_LANGUAGES = termSet(NO_ADDRESS_TERMS);

/**
 * An e-mail cell the UI fills with a dash or "none" holds no address at all. Anything else without an "@" is
 * kept as written: it is not known to be blank, so it can never make a user the update account.
 */
export function normalizeEmailCell(cell: string): string {
  const trimmed = cell.replace(INVISIBLE, '').trim();
  if (trimmed === '' || trimmed.includes('@') || trimmed.length > 24) return trimmed;
  if (/^[-‐‑‒–—―−]+$/u.test(trimmed)) return '';
  const normalized = normalizeLabel(trimmed);
  return NO_ADDRESS_WORDS.has(normalized) || NO_ADDRESS_OTHER_LANGUAGES.has(normalized) ? '' : trimmed;
}

export type NmcSetting = 'mfa' | 'firmware';

/** Labels on summary/about pages that carry the MFA switch or the firmware version. */
export function classifySettingLabel(label: string): NmcSetting | undefined {
  const normalized = normalizeLabel(label);
  if (normalized.length === 0 || normalized.length > 80) return undefined;
  if (
    /\b(?:mfa|multi ?factor(?: authentication)?|authentification (?:multi ?facteurs?|a plusieurs facteurs)|2fa)\b/.test(
      normalized,
    )
  ) {
    return 'mfa';
  }
  if (/\b(?:aos|apc os|firmware(?: version)?|micrologiciel|version du micrologiciel|os version)\b/.test(normalized)) {
    return 'firmware';
  }
  return undefined;
}
