/**
 * The vocabulary of the step model (`step.ts`): how sign-in pages say that a code was sent, that a method is an
 * authenticator app, that a field wants a password, or that the token goes with the password. Matched against
 * normalised text (lower case, no diacritics, apostrophes and separators as spaces, see `normalizeText`), in the
 * languages of the field vocabulary: English, French, German, Spanish, Italian, Portuguese, Dutch, Polish,
 * Russian, Japanese, Chinese and Korean (scripts without word boundaries as plain substrings).
 */

/**
 * The site sent the code (e-mail, SMS, call, push): "we sent", "code sent to", "texted", "check your inbox",
 * "envoyé par SMS", "per E-Mail gesendet", "te enviamos", "abbiamo inviato", "enviamos", "gestuurd",
 * "wysłaliśmy", "отправили", "送信しました", "已发送", "발송했습니다". A notification carries a code the site sent
 * too (a notify service, a push message), even where the step's generic copy reads like an app's ("Open the Notify
 * One-Time Password on your device").
 */
export const DELIVERED_WORDS =
  /\b(we( ve| have| just)? (sent|texted|e ?mailed|mailed|called)|(sent|texted|e ?mailed|mailed) (you|to)|(code|otp|pin|message|e ?mail|sms|text)( was| has been| have been)?( just)? (sent|texted|e ?mailed|delivered)|(check|open) your (e ?mail|inbox|phone|(text )?messages|mail)|(by|via|in an?|over|par|per|por|tramite) (sms|text( message)?|e ?mail|courriel|correo|mensaje|anruf|phone call)|(sms|text message|e ?mail) (code|otp)|code (from|in) (the |your )?(e ?mail|sms|text)|envoyee?s?|(avons|avez) (envoye|recu)|(ge|zuge)(sendet|schickt)|gesandt|envia(mos|do|da)|foi enviado|(abbiamo )?inviat[oai]|mandato|gestuurd|verzonden|verstuurd|wys[lł]ali(smy)?|wys[lł]an[oy]|notif(y|ied|ies|ications?)|benachrichtig\w*|notifica(cion|cao|zione|ciones|coes|zioni)?)\b|отправ(или|лен)|высла[нл]|送信(しました|された|済)|お送りし|送られ|(发送|發送)(至|到|给|給)|已(发送|發送)|(발송|전송)(했|되었|됨)|보냈|уведомлени/;

/** "Resend", "didn't get it?" — a code that was sent, in any of the languages; read in links and buttons too. */
export const RESEND_WORDS =
  /\b(resend|send (it |the code |a new code |another code )?again|did ?n ?t (get|receive)|not (get|receive) (a|the|your) code|renvoyer|pas recu|erneut (zu)?senden|nicht erhalten|(re|volver a )enviar|no (lo )?(has |ha )?recibido|reinvia|invia di nuovo|non (hai |ha )?ricevuto|nao recebeu|opnieuw (ver)?(sturen|zenden)|niet ontvangen|wys[lł]ij ponownie|nie otrzyma\w*)\b|повторно|не получили|не приш[её]л|再送|届(かない|いていない)|重新(发送|發送|获取|獲取)|重[发發]|(未|没有|沒有)收到|재(전송|발송)|다시 받기|받지 못/;

/** A masked address or number in the page's own text (raw, not normalised): `j•••@example.com`, `+X XXXXXX12`, `138****1234`. */
export const MASKED_EMAIL = /\S?[*•●·…]{2,}\S*@\S|\S@[*•●]{2,}/;
export const MASKED_NUMBER =
  /\+\d{1,3}[\s().-]*\d[\d\s().-]{5,}\d|([*•●·xX]{2,}[\s().-]*)+\d{2,4}\b|\b(ending|ends|terminant|terminado|terminante|endend|eindigend) (in |en |par |auf |con |on |with |op )?\d{2,4}\b/;

/**
 * The method is an authenticator (app, hardware token): such a prompt is about a TOTP even when the page also
 * offers to send a code instead.
 */
export const AUTHENTICATOR_WORDS =
  /\b(authenticator|totp|apps?|application|applicazione|aplicacion|aplicativo|aplicacao|aplikacj\w*|token|yubikey)\b|аутентификатор|приложени|アプリ|オーセンティケーター|[认验驗身][证證份]器|앱/;
