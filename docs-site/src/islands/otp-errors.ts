import type { OtpErrorCode } from '@mfa-companion/otp';
import { DEFAULT_DIGITS, DEFAULT_PERIOD, MAX_DIGITS, MIN_DIGITS, OTP_ALGORITHMS } from '@mfa-companion/otp';
import type { Lang } from '../lib/locale.ts';

const algorithms = OTP_ALGORITHMS.join(', ');

/**
 * Every typed error of `@mfa-companion/otp` explained for a reader who pasted something, in both languages.
 * Keyed by the error code, so adding a code to the library fails the type check here until it is explained.
 */
export const OTP_ERROR_EXPLANATIONS: Record<OtpErrorCode, Record<Lang, string>> = {
  INVALID_URI: {
    en: 'This is not a valid otpauth:// link. It must start with otpauth://totp/ or otpauth://hotp/, followed by a label and parameters such as ?secret=…. Check that it was copied completely.',
    fr: 'Ce n’est pas un lien otpauth:// valide. Il doit commencer par otpauth://totp/ ou otpauth://hotp/, suivi d’un libellé et de paramètres comme ?secret=…. Vérifiez qu’il a été copié en entier.',
  },
  UNSUPPORTED_TYPE: {
    en: 'The link type is none of totp, hotp or steam (Steam Guard). Authenticator apps understand these; a link meant for another app (such as a push-notification app) cannot be used here.',
    fr: 'Le type du lien n’est ni totp, ni hotp, ni steam (Steam Guard). Ce sont ceux que comprennent les applications d’authentification ; un lien destiné à une autre application (par exemple une application de notifications push) ne peut pas servir ici.',
  },
  MISSING_SECRET: {
    en: 'No secret was found. The link needs a secret= parameter, or paste the secret key itself.',
    fr: 'Aucun secret trouvé. Le lien doit contenir un paramètre secret=, ou collez directement la clé secrète.',
  },
  INVALID_SECRET: {
    en: 'The secret is not valid base32. It may only contain the letters A to Z and the digits 2 to 7 (spaces and lower case are fine); 0, 1, 8 and 9 never appear in it. A character was probably mistyped.',
    fr: 'Le secret n’est pas en base32 valide. Il ne peut contenir que les lettres A à Z et les chiffres 2 à 7 (espaces et minuscules acceptés) ; 0, 1, 8 et 9 n’y figurent jamais. Un caractère a sans doute été mal recopié.',
  },
  INVALID_DIGITS: {
    en: `The number of digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS} (${DEFAULT_DIGITS} when not given).`,
    fr: `Le nombre de chiffres doit être un entier de ${MIN_DIGITS} à ${MAX_DIGITS} (${DEFAULT_DIGITS} s’il n’est pas indiqué).`,
  },
  INVALID_PERIOD: {
    en: `The period (seconds per code) must be a positive whole number; ${DEFAULT_PERIOD} when not given.`,
    fr: `La période (secondes par code) doit être un entier positif ; ${DEFAULT_PERIOD} si elle n’est pas indiquée.`,
  },
  INVALID_COUNTER: {
    en: 'The counter of an HOTP link is missing or is not a whole number of zero or more. HOTP links must carry counter=….',
    fr: 'Le compteur du lien HOTP est absent ou n’est pas un entier positif ou nul. Un lien HOTP doit contenir counter=….',
  },
  INVALID_TIME: {
    en: 'The time to compute the code for is not usable. Enter Unix seconds (for example 1700000000) or a date such as 2026-01-31T12:00:00Z, or leave it empty for the current time.',
    fr: 'L’instant choisi pour calculer le code est inutilisable. Saisissez des secondes Unix (par exemple 1700000000) ou une date comme 2026-01-31T12:00:00Z, ou laissez vide pour l’heure actuelle.',
  },
  INVALID_WINDOW: {
    en: 'The number of steps to show around now is out of range.',
    fr: 'Le nombre de pas à afficher autour de maintenant est hors limites.',
  },
  INVALID_ACCOUNT: {
    en: 'The account name or issuer in the link cannot be read (it contains characters that are not valid text).',
    fr: 'Le nom du compte ou l’émetteur du lien est illisible (il contient des caractères qui ne forment pas un texte valide).',
  },
  UNSUPPORTED_ALGORITHM: {
    en: `The hash algorithm is not supported. Only ${algorithms} are used by authenticator apps.`,
    fr: `L’algorithme de hachage n’est pas pris en charge. Les applications d’authentification n’utilisent que ${algorithms}.`,
  },
  INVALID_MIGRATION_PAYLOAD: {
    en: 'This Google Authenticator export link (otpauth-migration://) is damaged or truncated. Export the accounts again and copy the whole link.',
    fr: 'Ce lien d’export Google Authenticator (otpauth-migration://) est abîmé ou tronqué. Exportez à nouveau les comptes et copiez le lien en entier.',
  },
};

export function explainOtpError(code: OtpErrorCode, lang: Lang): string {
  return OTP_ERROR_EXPLANATIONS[code][lang];
}
