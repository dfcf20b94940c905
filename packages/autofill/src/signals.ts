/**
 * The vocabulary the detector reads in field attributes and label text. Kept as a handful of precompiled
 * regular expressions so a scan runs each one once per candidate, never once per word.
 *
 * Text is normalised first (lower case, diacritics stripped, `_`/`-`/`.` turned into spaces, camelCase split), so
 * `verificationCode`, `verification-code` and `Code de vérification` all reach the same patterns.
 */

/** Words that on their own say "one-time code", in English, French, German, Spanish, Italian, Portuguese, Dutch. */
export const STRONG_OTP_WORDS =
  /\b(otp|totp|hotp|2fa|mfa|tfa|one time|onetime|2 ?step|two ?(step|factor)|multi ?factor|authenticator|authentication code|auth code|verification code|verify code|confirmation code|security code|passcode|pass code|access code|login code|sign ?in code|6 ?digit|one time password|code de verification|code de securite|code a usage unique|code d ?authentification|double authentification|bestatigungscode|sicherheitscode|einmalcode|einmalpasswort|authentifizierungscode|verifizierungscode|codigo de verificacion|codigo de seguridad|codigo de autenticacion|codigo unico|clave de un solo uso|codice di verifica|codice otp|codigo de verificacao|verificatiecode|beveiligingscode)\b/;

/** Words that suggest a code only together with other evidence (numeric input, short maxlength, strong words nearby). */
export const WEAK_OTP_WORDS = /\b(code|codigo|codice|token|pin|verification|verify|verifier|authentification|mfa)\b/;

/**
 * Fields that look numeric and short but are not one-time codes. Matched against the field's own name, id,
 * autocomplete and label: a match there vetoes the field unless a strong OTP signal outweighs it.
 */
export const DECOY_WORDS =
  /\b(search|recherche|suche|buscar|query|q|phone|telephone|telefon|telefono|mobile|cell|msisdn|tel|zip|zipcode|postal|postcode|plz|code postal|codigo postal|cap|card|cc|ccnum|cardnumber|credit|debit|cvc|cvv|cvv2|csc|cid|security number|expiry|expiration|exp|mm|yy|yyyy|coupon|promo|promocode|voucher|gift|discount|rabatt|gutschein|captcha|recaptcha|hcaptcha|image code|quantity|qty|amount|price|age|year|month|day|birth|ssn|iban|bic|account number|routing|invoice|order|tracking|referral|invite|zip code|recovery|backup code|backup codes)\b/;

/** Captcha prompts describe what to copy rather than naming it. */
export const CAPTCHA_PHRASES =
  /\b(captcha|characters (you see|shown|in the image)|shown in the image|text in the image|code in the image|type the (text|characters)|caracteres de l ?image|zeichen im bild)\b/;

/** `autocomplete` tokens that name something other than a one-time code. */
export const DECOY_AUTOCOMPLETE =
  /\b(tel|tel-national|tel-local|postal-code|cc-number|cc-csc|cc-exp|cc-exp-month|cc-exp-year|cc-name|email|username|current-password|new-password|address-line1|address-line2|street-address|country|bday|bday-day|bday-month|bday-year|transaction-amount|name|given-name|family-name|organization)\b/;

const DIACRITICS = /[\u0300-\u036f]/g;
const SEPARATORS = /[_\-.[\]/:#]+/g;
const CAMEL_BOUNDARY = /([a-z])([A-Z])/g;
const SPACES = /\s+/g;

/** Lower case, no diacritics, separators as spaces, camelCase split: `twoFactor_code` → `two factor code`. */
export function normalizeText(text: string): string {
  return text
    .replace(CAMEL_BOUNDARY, '$1 $2')
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(SEPARATORS, ' ')
    .replace(SPACES, ' ')
    .trim();
}
