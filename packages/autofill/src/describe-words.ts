/**
 * The vocabulary `describeStep` adds to the step model's (`step-words.ts`): the channel a delivered code came
 * through, and prompts that put the token in the password field. Kept apart so the content script that scans
 * pages does not carry it (see the package README, "Size").
 */

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
 * The token goes in the password field, after the password: "password followed by your OTP", "append the token
 * to your password", "mot de passe suivi du code", "Passwort gefolgt vom Code", "contraseña seguida del código"…
 */
export const APPENDED_AFTER =
  /\b(password ?\+ ?(otp|token|code|one time|passcode|totp|pin)|password (immediately )?(followed by|and then|then|plus|and|with|\+) (the |your |a |an )?(current )?(\w+ )?(otp|token|code|one time|passcode|totp|2fa|mfa|pin)|(append|add|concatenate|attach)\w* (the |your |a )?(\w+ )?(otp|token|code|passcode)\w* (to|after|at the end of) (the |your )?password|mot de passe (suivi|directement suivi|puis|et|\+) (du |de |d |le |la |votre )?(\w+ )?(code|jeton|otp)|passwort (direkt )?(gefolgt von|und|\+) (dem |ihrem |deinem |vom )?(\w+ )?(token|code|otp)|contrasena (seguida de|y|\+|mas) (el |del |tu |su )?(\w+ )?(codigo|token|otp)|password (seguita da|seguito da|e|\+) (il |dal |del )?(\w+ )?(codice|token|otp)|senha (seguida d[oae]|e|\+) (o |do |seu )?(\w+ )?(codigo|token|otp)|wachtwoord (gevolgd door|en|\+) (de |je |uw )?(\w+ )?(code|token|otp)|(haslo|hasło) (i|\+|a nastepnie|oraz) (kod|token|otp))\b|пароль.{0,15}(затем|потом|и|\+).{0,12}(код|токен|otp)|パスワード.{0,12}(続けて|の後|に続|\+).{0,12}(コード|トークン|otp|ワンタイム)|密码.{0,8}(后|後|加|\+|和|与|與).{0,8}(验证码|驗證碼|动态码|動態碼|令牌|otp|口令)|비밀번호.{0,10}(뒤에|다음|\+|와|과).{0,10}(otp|코드|토큰)/;

/** …or before it: "the token code, then your password", "code suivi de votre mot de passe". */
export const APPENDED_BEFORE =
  /\b((otp|token|code|passcode)( code)? (followed by|then|and then|\+|before) (the |your )?password|(prepend|put|enter|type)\w* (the |your )?(\w+ )?(otp|token|code) (before|in front of) (the |your )?password|(code|jeton|otp) (suivi de|puis|avant) (votre |le )?mot de passe|(token|code|otp) (gefolgt von|und dann|vor) (dem |ihrem |deinem )?passwort|(codigo|token|otp) (seguido de|y luego|antes de) (la |tu |su )?contrasena|(codice|token|otp) (seguito da|prima della) (la |tua )?password|(codigo|token|otp) (seguido d[ae]|antes da) (sua )?senha|(code|token|otp) (gevolgd door|voor) (je |uw )?wachtwoord)\b/;

/**
 * A masked field whose own words name a key that unlocks an account or its encrypted backups ("Security key",
 * "Recovery key", "Security phrase"): a recovery secret the user keeps, not a password and never a TOTP. A
 * hardware security key is never typed into a field, so a field asking for one means this kind.
 */
export const RECOVERY_SECRET_FIELD = /\b(security|recovery) (keys?|phrases?)\b/;
