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
 * "wysłaliśmy", "отправили", "送信しました", "已发送", "발송했습니다".
 */
export const DELIVERED_WORDS =
  /\b(we( ve| have| just)? (sent|texted|emailed|e mailed|mailed|called)|(sent|texted|emailed|e mailed|mailed) (you |to )|(code|otp|pin|message|email|sms|text)( was| has been| have been)? (sent|texted|emailed|delivered)|(check|open) your (email|e mail|inbox|phone|messages|text messages|mail)|(by|via|in an?|over) (sms|text( message)?|email|e mail|phone call)|(sms|text message|email|e mail) (code|otp)|code (from|in) (the |your )?(email|e mail|sms|text)|(envoye|envoyee|envoyes)|(avons|avez) (envoye|recu)|(par|via) (sms|e mail|email|courriel)|(gesendet|geschickt|zugesendet|zugeschickt|gesandt)|per (sms|e mail|email|anruf)|(enviamos|enviado|enviada|enviamos)|(por|via) (sms|correo|e mail|email|mensaje)|(inviato|inviata|inviati|abbiamo inviato|mandato)|(via|tramite|per) (sms|e mail|email)|(foi enviado|enviamos|enviado)|(gestuurd|verzonden|verstuurd)|(per|via) (sms|e mail|email|sms bericht)|wys[lł]ali(smy|smy)|wys[lł]an[oy])\b|отправ(или|лен|лено)|выслал|высла[нл]|送信(しました|された|済)|お送りし|送られ|(已|已经)?(发送|發送)(至|到|给|給)|已(发送|發送)|(발송|전송)(했|되었|됨)|보냈/;

/** "Resend", "didn't get it?" — a code that was sent, in any of the languages; read in links and buttons too. */
export const RESEND_WORDS =
  /\b(resend|send (it |the code |a new code |another code )?again|didn t (get|receive)|did not (get|receive)|not (get|receive) (a|the|your) code|renvoyer|pas recu|erneut (senden|zusenden|anfordern)|nicht erhalten|reenviar|volver a enviar|no (lo )?(has |ha )?recibido|reinvia|invia di nuovo|non (hai |ha )?ricevuto|nao recebeu|opnieuw (versturen|verzenden|sturen)|niet ontvangen|wys[lł]ij ponownie|nie otrzyma\w*)\b|повторно|не получили|не пришел|не пришёл|再送|届かない|届いていない|重新(发送|發送|获取|獲取)|重[发發]|未收到|没有收到|沒有收到|재전송|재발송|다시 받기|받지 못/;

/** A masked address or number in the page's own text (raw, not normalised): `j•••@example.com`, `+X XXXXXX12`, `138****1234`. */
export const MASKED_EMAIL = /\S?[*•●·…]{2,}\S*@\S|\S@[*•●]{2,}/;
export const MASKED_NUMBER = /\+\d{1,3}[\s().-]*\d[\d\s().-]{5,}\d|([*•●·xX]{2,}[\s().-]*)+\d{2,4}\b|\b(ending|ends|terminant|terminado|terminante|endend|eindigend) (in |en |par |auf |con |on |with |op )?\d{2,4}\b/;

/** Channels, checked in this order (a voice call names a number, e-mail and SMS are otherwise told apart). */
export const VOICE_WORDS =
  /\b(call|calling|called|voice|appel|appelons|anruf|anrufen|rufen|llamada|llamando|chiamata|chiamando|ligacao|ligando|ligamos|oproep|bellen|polaczenie|dzwonimy)\b|звон|音声|電話をかけ|通話|语音|語音|음성|전화를 걸/;
export const EMAIL_WORDS =
  /\b(e ?mails?|inbox|mailbox|courriels?|boite de reception|postfach|posteingang|correo|posta elettronica|caixa de entrada|mailadres|e mailadres|skrzynk\w*|poczt\w*)\b|почт|электронн|メール|邮件|郵件|邮箱|信箱|이메일|메일/;
export const SMS_WORDS =
  /\b(sms|texted|text message|text|phone|mobile|cell|telephone|telefon|telefono|telemovel|handy|celular|movil|cellulare|telefoon|mobiel|telefonu|numer|number|numero|nummer)\b|смс|телефон|номер|ショートメッセージ|携帯|電話番号|短信|簡訊|短訊|手机|手機|문자|휴대폰|휴대전화|전화번호/;
export const PUSH_WORDS =
  /\b(push|notification|approve|approuvez|genehmigen|bestatigen sie die anmeldung|aprobar|aprueba|approva|aprovar|goedkeuren|zatwierdz\w*)\b|уведомлени|подтвердите вход|通知|推送|푸시|알림/;

/**
 * The method is an authenticator (app, hardware token): such a prompt is about a TOTP even when the page also
 * offers to send a code instead.
 */
export const AUTHENTICATOR_WORDS =
  /\b(authenticator|totp|(auth|2fa|mfa|otp|authentication|verification|security|authenticator) apps?|app|apps|application|applicazione|aplicacion|aplicativo|aplicacao|aplikacj\w*|hardware token|software token|soft token|token|yubikey)\b|аутентификатор|приложени|アプリ|オーセンティケーター|认证器|验证器|驗證器|身份验证器|인증 ?앱|앱/;

/** What a login field asks for when it asks for a password (and not a one-time one: see the strong words). */
export const PASSWORD_WORDS =
  /\b(password|passwort|kennwort|mot de passe|contrasena|senha|wachtwoord|haslo|losenord|passord|adgangskode|heslo|sifre|parola|passwd|pwd|passphrase)\b|hasł|пароль|パスワード|密码|密碼|비밀번호/;

/**
 * The token goes in the password field, after the password: "password followed by your OTP", "append the token
 * to your password", "mot de passe suivi du code", "Passwort gefolgt vom Code", "contraseña seguida del código"…
 */
export const APPENDED_AFTER =
  /\b(password (immediately )?(followed by|and then|then|plus|and|with|\+) (the |your |a |an )?(current )?(\w+ )?(otp|token|code|one time|passcode|totp|2fa|mfa|pin)|(append|add|concatenate|attach)\w* (the |your |a )?(\w+ )?(otp|token|code|passcode)\w* (to|after|at the end of) (the |your )?password|mot de passe (suivi|directement suivi|puis|et|\+) (du |de |d |le |la |votre )?(\w+ )?(code|jeton|otp)|passwort (direkt )?(gefolgt von|und|\+) (dem |ihrem |deinem |vom )?(\w+ )?(token|code|otp)|contrasena (seguida de|y|\+|mas) (el |del |tu |su )?(\w+ )?(codigo|token|otp)|password (seguita da|seguito da|e|\+) (il |dal |del )?(\w+ )?(codice|token|otp)|senha (seguida d[oae]|e|\+) (o |do |seu )?(\w+ )?(codigo|token|otp)|wachtwoord (gevolgd door|en|\+) (de |je |uw )?(\w+ )?(code|token|otp)|(haslo|hasło) (i|\+|a nastepnie|oraz) (kod|token|otp))\b|пароль.{0,15}(затем|потом|и|\+).{0,12}(код|токен|otp)|パスワード.{0,12}(続けて|の後|に続|\+).{0,12}(コード|トークン|otp|ワンタイム)|密码.{0,8}(后|後|加|\+|和|与|與).{0,8}(验证码|驗證碼|动态码|動態碼|令牌|otp|口令)|비밀번호.{0,10}(뒤에|다음|\+|와|과).{0,10}(otp|코드|토큰)/;

/** …or before it: "the token code, then your password", "code suivi de votre mot de passe". */
export const APPENDED_BEFORE =
  /\b((otp|token|code|passcode)( code)? (followed by|then|and then|\+|before) (the |your )?password|(prepend|put|enter|type)\w* (the |your )?(\w+ )?(otp|token|code) (before|in front of) (the |your )?password|(code|jeton|otp) (suivi de|puis|avant) (votre |le )?mot de passe|(token|code|otp) (gefolgt von|und dann|vor) (dem |ihrem |deinem )?passwort|(codigo|token|otp) (seguido de|y luego|antes de) (la |tu |su )?contrasena|(codice|token|otp) (seguito da|prima della) (la |tua )?password|(codigo|token|otp) (seguido d[ae]|antes da) (sua )?senha|(code|token|otp) (gevolgd door|voor) (je |uw )?wachtwoord)\b/;
