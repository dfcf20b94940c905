/**
 * The vocabulary the detector reads in field attributes and label text. Kept as a handful of precompiled
 * regular expressions so a scan runs each one once per candidate, never once per word.
 *
 * Text is normalised first (lower case, diacritics stripped, `_`/`-`/`.` turned into spaces, camelCase split), so
 * `verificationCode`, `verification-code` and `Code de vérification` all reach the same patterns. Scripts without
 * word boundaries in JavaScript regular expressions (Cyrillic, CJK, Hangul) are matched as plain substrings.
 */

/**
 * Words that on their own say "one-time code": English, French, German, Spanish, Italian, Portuguese, Dutch,
 * Polish, Scandinavian, Czech, Turkish, then Russian, Japanese, Chinese and Korean.
 */
export const STRONG_OTP_WORDS =
  /\b([th]?otp|otc|[2t]fa|mfa|one ?time|(2|two) ?(step|factor)|second factor|multi ?factor|authenticator|(auth|authentication|verification|verify|confirmation|security|access|log ?in|sign ?in|token|sms|text message) code|(authentication|hardware|software|security|soft|hard) token|verification pin|pass ?code|(6|six) ?digits? (\w+ )?code|code (we )?(just )?(sent|texted|emailed)|(sent|texted|emailed) (you )?(a|the|your) code|resend (the |a )?code|send (a )?new code|code (de (verification|securite|confirmation|connexion)|a usage unique|d ?authentification|(a )?(6|six) chiffres|recu|envoye)|double authentification|(deux|2) (facteurs|etapes)|authentification (a|en) (deux|2)|mot de passe (a usage )?unique|renvoyer (le )?code|(besta?e?tigungs|sicherheits|einmal|authentifizierungs|verifizierungs|anmelde) ?code|einmal ?(passwort|kennwort)|(zwei|2) ?(faktor|stufig|schritt)\w*|6 ?stellige?n? (\w+ )?code|codigo (de (verificac|segur|autenticac|acc?es|confirmac)\w*|de un solo uso|de inicio de sesion|unico)|(clave|contrasena) de un solo uso|senha de uso unico|dos (pasos|factores)|doble factor|dois fatores|duas etapas|codigo de (6|seis) digitos|codice (di (verifica|sicurezza|accesso|conferma|autenticazione)|otp|monouso)|password monouso|due (fattori|passaggi)|codice (a|di) (6|sei) cifre|(verificatie ?|beveiligings|bevestigings|inlog)code|eenmalige? (code|wachtwoord)|twee ?(staps|factor|stappen)\w*|kod (weryfikacyjny|jednorazowy|uwierzytelniajacy|sms)|dwu(etapow|skladnikow)\w*|jednorazo[wv]\w*|verifieringskod|engangs\w*|verifikationskode|tvastegs\w*|overovaci kod|dogrulama kodu|tek kullan\S*|(app|application|applicazione|aplicacion|aplicativo|aplicacao|aplikacj\w*)( (de|di|da|do|d|z))? (authentifi|autentica|autentifica|uwierzytelnia)\w*|authentifizierungs ?app|authentica\w* apps?|(app|application) generated codes?|codes? (\w+ )?generated (by|using|with|in|on) (\w+ ){0,2}(apps?|application|authenticator|device|phone)|codes? genere (par|sur|dans) (\w+ ){0,2}(app|appli|application)|(app|application) generierten? code|codigo generado (por|en) (\w+ ){0,2}(app|aplicacion)|codice generato (dall|da|nell) (\w+ ){0,2}(app|applicazione)|codigo gerado (pelo|no|na) (\w+ ){0,2}(app|aplicativo|aplicacao))\b|код подтвержд|проверочн|одноразов|код из смс|двухфактор|аутентификатор|確認コード|認証コード|承認コード|ワンタイム|段階認証|要素認証|認証アプリ|验证码|驗證碼|动态码|動態碼|动态口令|动态密码|動態密碼|[两兩]步[验驗][证證]|双重验证|雙重驗證|身份验证器|一次性|인증 ?번호|인증 ?코드|단계 ?인증|일회용/;

/** Words that suggest a code only together with other evidence (numeric input, short maxlength, strong words nearby). */
export const WEAK_OTP_WORDS =
  /\b(code|codes|codigo|codice|kod|kode|token|pin|verification|verify|verifier|authentication|authentification|confirmation|mfa)\b|код|コード|码|碼|코드/;

/**
 * Fields that look numeric and short but are not one-time codes. Matched against the field's own name, id,
 * autocomplete and label: a match there vetoes the field unless a strong OTP signal outweighs it.
 */
export const DECOY_WORDS =
  /\b(search|recherche|suche|buscar|query|q|(tele)?phone|telef(on|ono)|mobile|cell|msisdn|tel|zip(code)?|postal|postcode|plz|cap|card(number)?|cc(num)?|credit|debit|cvc|cvv2?|csc|cid|expir(y|ation)|exp|mm|yy(yy)?|coupon|promo(code)?|voucher|gift|discount|rabatt|gutschein|[rh]?captcha|image code|quantity|qty|amount|price|age|year|month|day|birth|ssn|iban|bic|routing|invoice|order|tracking|booking|reservation|pnr|itinerary|numbers?|nummer|numero|referral|invit(e|ation)|einladung|country|serial|licen[cs]e|product key)\b/;

/**
 * Recovery, backup and lookup codes: single-use codes printed once, never a TOTP. A code typed there is wasted at
 * best and locks the user out at worst, so these veto a field whatever else it says (`two-factor-backup-code`,
 * `autocomplete="one-time-code"`). In every language the strong words cover; bare `recovery`/`backup`/`lookup`
 * count in the field's own name or label.
 */
export const RECOVERY_CODE_WORDS =
  /\b((((2|two) ?(factor|step|fa)|mfa|t?otp) )?(recovery|backup|back up|lookup|look up|rescue|emergency|scratch|fallback|spare|reserve)( (verification|authentication|security|login|sign in|2fa|mfa|otp))? (codes?|keys?|secrets?)|(codes?|cles?) de (recuperation|secours|sauvegarde|recouvrement)|codigos? de (recuperacion|recuperacao|respaldo|reserva|emergencia|backup)|codic[ei] di (recupero|backup|riserva|emergenza)|(wiederherstellungs|notfall|sicherungs|ersatz|herstel|reserve|aterstallnings|reserv|gjenopprettings|gendannelses|backup) ?(codes?|kod(e[rn]?|er)?)|kod(y|ow)? (odzyskiwania|zapasow\w*|awaryjn\w*)|(zalozni|obnovovaci|zachranny) kody?|(kurtarma|yedek) kod(u|lari)?)\b|(резервн|запасн)\S* код|код\S* восстановл|(リカバリー?|バックアップ|復旧|予備|回復)コード|(恢[复復]|[备備][用份])(代)?[码碼]|(복구|백업|예비) ?코드/;

/** What a login field asks for when it asks for a password (and not a one-time one: see the strong words). */
export const PASSWORD_WORDS =
  /\b(password|passwort|kennwort|mot de passe|contrasena|senha|wachtwoord|haslo|losenord|passord|adgangskode|heslo|sifre|parola|passwd|pwd|passphrase)\b|hasł|пароль|パスワード|密码|密碼|비밀번호/;

/** Normalised text that names recovery codes and, once they are taken out, no one-time code. */
export function asksOnlyForRecovery(text: string): boolean {
  return RECOVERY_CODE_WORDS.test(text) && !STRONG_OTP_WORDS.test(text.replace(RECOVERY_CODE_GLOBAL, ' '));
}
const RECOVERY_CODE_GLOBAL = new RegExp(RECOVERY_CODE_WORDS.source, 'g');

/** "X or Y": one field that takes either an authenticator code or a recovery code. */
export const OR_WORDS = /\b(or|ou|oder|o|oppure|of|lub|albo|eller|nebo|veya|или)\b|または|もしくは|或|또는|혹은/;

/** On the field itself, the bare words are enough (`name="recovery"`, `id="backup"`, `lookup_secret`). */
export const RECOVERY_FIELD_WORDS = /\b(recovery|backup|lookup)\b/;

/**
 * What a page is about when it is not a sign-in step: a field with only weak evidence ("Code") on a page about
 * gift cards or coupons is that page's code, not a one-time code.
 */
export const DECOY_TOPICS =
  /\b(gift ?cards?|coupons?|promo(tional)?|vouchers?|discount|redeem|redemption|referral|invit(e|ation)|carte cadeau|bon d ?achat|code promo|gutschein|rabatt|cupon|descuento|tarjeta regalo|buono|sconto|cartao presente)\b/;

/** Captcha prompts describe what to copy rather than naming it. */
export const CAPTCHA_PHRASES =
  /\b(captcha|characters (you see|shown)|(characters|text|code|letters) ((shown )?(in|on|from) )?the (image|picture)|shown in the (image|picture)|type the (text|characters|letters)|caracteres de l ?image|zeichen im bild)\b|图形验证码|图片验证码|看不清/;

/** An image or canvas next to a field that draws a captcha (`/captcha.php`, `verifyCode.jpg`, `alt="CAPTCHA"`). */
export const CAPTCHA_IMAGE =
  /captcha|kaptcha|securimage|verif\w*code|valid\w*code|check\w*code|ima?ge?\w*code|rand\w*code|vcode/;

/** A box of a split code field: "Digit 1", "Please enter OTP character 3", `digit-4` (raw text, lower case). */
export const BOX_ORDINAL =
  /\b(digit|character|char|chiffre|caract[eè]re|ziffer|zeichen|stelle|d[ií]gito|car[aá]cter|cifra|carattere|cijfer|otp|code|pin)[ _-]?(number |no\.? |nr\.? |n[°º]? ?)?\d\d?\b/;

/** "Security code" also names a card's CVC: on its own it proves nothing next to card fields. */
export const AMBIGUOUS_OTP_WORDS =
  /\b(security code|code de securite|sicherheitscode|codigo de segur\w*|codice di sicurezza|beveiligingscode)\b/g;

/** `autocomplete` tokens that name something other than a one-time code. */
export const DECOY_AUTOCOMPLETE =
  /\b(tel|postal-code|cc-\w+|email|username|(current|new)-password|address-line\d|street-address|country|bday|transaction-amount|name|organization)\b/;

const DIACRITICS = /[\u0300-\u036f]/g;
// Apostrophes too: elisions (`d'authentification`, `l’application`, `dell'app`) become separate words.
const SEPARATORS = /[_\-.[\]/:#'’‘ʼ`´]+/g;
const CAMEL_BOUNDARY = /([a-z])([A-Z])/g;
const SPACES = /\s+/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, no diacritics, separators as spaces, camelCase split: `twoFactor_code` → `two factor code`. */
export function normalizeText(text: string): string {
  let result = text.replace(CAMEL_BOUNDARY, '$1 $2');
  // Unicode normalisation is the costly step: plain ASCII (most attributes) has nothing to decompose.
  if (NON_ASCII.test(result)) {
    // Recomposed so kana with voicing marks and Hangul syllables match the patterns as written.
    result = result.normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
  }
  return result.toLowerCase().replace(SEPARATORS, ' ').replace(SPACES, ' ').trim();
}
