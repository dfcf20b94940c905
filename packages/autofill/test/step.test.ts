import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { appendCodeToPassword, describeStep, fillOtpTarget, findBestOtpTarget, findOtpTargets } from '../src/dom.ts';
import * as root from '../src/index.ts';
import { jsdomIsVisible } from './dom-helpers.ts';

const doms: JSDOM[] = [];
function page(body: string): Document {
  const dom = new JSDOM(`<!doctype html><html><body>${body}</body></html>`, { pretendToBeVisual: true });
  doms.push(dom);
  return dom.window.document;
}
afterEach(() => {
  for (const dom of doms.splice(0)) dom.window.close();
});
const options = { isVisible: jsdomIsVisible };
const field = '<input id="t" name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code">';

describe('describeStep: what the page asks for', () => {
  it('is exported from the dom and the root entry points', () => {
    expect(root.describeStep).toBe(describeStep);
  });

  // [name, html, kind, channel]
  const steps: [string, string, string, string?][] = [
    [
      'authenticator app (en)',
      `<form><h2>Two-factor authentication</h2><p>Open your authenticator app and enter the code.</p>${field}</form>`,
      'authenticator',
    ],
    [
      'e-mail with a masked address and a resend link (en)',
      `<form><h2>Check your inbox</h2><p>Enter the code we sent to j•••@example.com</p>${field}<a href="#">Resend code</a></form>`,
      'delivered',
      'email',
    ],
    [
      'texted, masked number, no other words (Microsoft-style)',
      '<form><div role="heading">Enter code</div><p>We texted your phone +X XXXXXXXX12. Please enter the code to sign in.</p><input type="tel" name="otc" id="t" maxlength="6" placeholder="Code" aria-label="Code"></form>',
      'delivered',
      'sms',
    ],
    [
      'code sent to a phone number, resend link',
      '<form><p>Enter the code sent to +1 (555) 123-4567</p><input id="t" name="code" type="tel" maxlength="6"><a href="#">Resend code</a></form>',
      'delivered',
      'sms',
    ],
    [
      'label only: verification code sent to your phone',
      '<label for="t">Verification code sent to your phone</label><input id="t" name="vc">',
      'delivered',
      'sms',
    ],
    [
      'voice call',
      `<form><p>We are calling +1 ••• ••• 1234. Enter the code you hear.</p>${field}</form>`,
      'delivered',
      'voice',
    ],
    [
      'e-mailed, French with elision',
      `<form><h2>Vérifiez votre boîte de réception</h2><p>Saisissez le code que nous vous avons envoyé par e-mail à l’adresse j***@exemple.fr.</p>${field}<a href="#">Renvoyer le code</a></form>`,
      'delivered',
      'email',
    ],
    ['SMS, French', `<form><p>Un code a été envoyé par SMS au 06 •• •• •• 12.</p>${field}</form>`, 'delivered', 'sms'],
    [
      'e-mail, German',
      `<form><p>Wir haben Ihnen einen Bestätigungscode per E-Mail gesendet.</p>${field}<button type="button">Code erneut senden</button></form>`,
      'delivered',
      'email',
    ],
    [
      'SMS, Spanish',
      `<form><p>Te enviamos un código por SMS al número terminado en 12.</p>${field}</form>`,
      'delivered',
      'sms',
    ],
    [
      'e-mail, Italian',
      `<form><p>Abbiamo inviato un codice al tuo indirizzo email.</p>${field}</form>`,
      'delivered',
      'email',
    ],
    ['e-mail, Portuguese', `<form><p>Enviamos um código para o seu e-mail.</p>${field}</form>`, 'delivered', 'email'],
    [
      'e-mail, Dutch',
      `<form><p>We hebben een code naar je e-mailadres gestuurd.</p>${field}</form>`,
      'delivered',
      'email',
    ],
    ['SMS, Polish', `<form><p>Wysłaliśmy kod SMS na numer ••• ••• 123.</p>${field}</form>`, 'delivered', 'sms'],
    [
      'e-mail, Russian',
      `<form><p>Мы отправили код подтверждения на вашу почту.</p>${field}</form>`,
      'delivered',
      'email',
    ],
    [
      'e-mail, Japanese',
      `<form><p>メールアドレスに送信された確認コードを入力してください。</p>${field}</form>`,
      'delivered',
      'email',
    ],
    ['SMS, Chinese', `<form><p>验证码已发送至您的手机 138****1234</p>${field}</form>`, 'delivered', 'sms'],
    ['SMS, Korean', `<form><p>휴대폰으로 인증번호를 발송했습니다.</p>${field}</form>`, 'delivered', 'sms'],
    [
      'authenticator, other methods offered as links (GitHub-style)',
      `<form><h2>Two-factor authentication</h2><p>Open your two-factor authenticator (TOTP) app to view your authentication code.</p>${field}<a href="#">Send a code via SMS</a><a href="#">Use a recovery code</a></form>`,
      'authenticator',
    ],
    [
      'authenticator or recovery code in one field',
      '<form><h2>Two-factor authentication</h2><input id="t" name="code" placeholder="Authenticator or recovery code"></form>',
      'authenticator-or-recovery',
    ],
    [
      'recovery code only',
      '<form><h2>Use a recovery code</h2><p>Enter one of your recovery codes.</p><input id="t" name="code"></form>',
      'recovery',
    ],
    [
      'a PAM conversation asking for the current password, marked one-time-code',
      '<form><label for="t">Current password:</label><input id="t" type="password" autocomplete="one-time-code"></form>',
      'password',
    ],
    [
      'a login form: user name and password',
      '<form><label for="u">Username</label><input id="u" name="user"><label for="p">Password</label><input id="p" type="password" name="password"></form>',
      'password',
    ],
    [
      'password followed by the one-time code (FreeIPA-style prompt)',
      '<form><label for="u">Username</label><input id="u" name="user"><label for="p">Password</label><input id="p" type="password" name="password"><p>Two-factor users: type your password followed by the current one-time code.</p></form>',
      'appended',
    ],
    // Phrasing of real products' steps (our own sentences in their shape).
    [
      'SMS with a masked number, code "was just sent"',
      `<h1>2-Step Verification</h1><form><p>A text message with a 6-digit verification code was just sent to ••• ••• ••12</p><input type="tel" id="t" name="totpPin" aria-label="Enter code"></form>`,
      'delivered',
      'sms',
    ],
    [
      'e-mailed to a masked address (password-manager web vault)',
      `<form><h2>Two-step login</h2><p>Enter the 6 digit verification code that was emailed to e****@example.com.</p><input id="t" name="code" inputmode="numeric"><button type="button">Send code email again</button></form>`,
      'delivered',
      'email',
    ],
    [
      'authenticator app on a mobile device (Microsoft-style)',
      `<form><div role="heading">Enter code</div><p>Enter the code displayed in the Authenticator app on your mobile device</p><input id="t" name="otc" type="tel" maxlength="6" aria-label="Code"></form>`,
      'authenticator',
    ],
    [
      'identity provider one-time code (Keycloak-style)',
      `<h1>Sign in to your account</h1><form id="kc-otp-login-form"><label for="otp">One-time code</label><input id="otp" name="otp" type="text" autocomplete="off"><input type="submit" value="Sign In"></form>`,
      'authenticator',
    ],
    [
      'SMS via a message, resend button (forge-style)',
      `<form><h2>Two-factor authentication</h2><input id="t" name="sms_otp" autocomplete="one-time-code"><p>We just sent you a message via SMS with your authentication code.</p><button type="button">Resend SMS</button></form>`,
      'delivered',
      'sms',
    ],
    [
      'SMS sent to a masked number, generic copy naming the authenticator too (Sentry-style interface)',
      `<div class="card"><h3>Two-Factor Authentication</h3><p>To continue, enter the access code from your authenticator, or a recovery code.</p><p>A confirmation code was sent to <strong>(***) ***-**12</strong>.</p><form><label for="t">Authenticator code</label><input id="t" name="otp" placeholder="Authenticator or recovery code"><a href="#">Resend Code</a></form></div>`,
      'delivered',
      'sms',
    ],
    [
      'authentication app, and "you can also use one of your backup codes" (Rocket.Chat-style)',
      `<dialog open><h2>Two Factor Authentication</h2><form><label for="t">Open your authentication app and enter the code. You can also use one of your backup codes.</label><input id="t" name="code" autocomplete="one-time-code"></form></dialog>`,
      'authenticator-or-recovery',
    ],
    [
      'password placeholder "Password or Password+One-Time-Password" (FreeIPA)',
      '<form><label for="u">Username</label><input id="u" name="username"><label for="p">Password</label><input id="p" type="password" name="password" placeholder="Password or Password+One-Time-Password"></form>',
      'appended',
    ],
    [
      'the active tab asks for a recovery key (Proxmox-style window)',
      '<div role="dialog"><div role="tablist"><a role="tab" aria-selected="false">TOTP App</a><a role="tab" aria-selected="true">Recovery Key</a></div><div role="tabpanel" hidden><input name="totp" autocomplete="one-time-code"></div><div role="tabpanel"><input id="t" name="recoveryKey" placeholder="Please enter one of your single-use recovery keys"></div></div>',
      'recovery',
    ],
    [
      'a code a notification service sends, worded like an app step (Home Assistant notify-style)',
      '<form><h1>One more step</h1><p>Open the <strong>Notify one-time password</strong> on your phone to read your sign-in code:</p><label>Sign-in code <input id="t" name="code" autocomplete="one-time-code"></label></form>',
      'delivered',
    ],
    [
      'the code came as a notification on the device',
      '<form><p>We pushed a notification with your login code to your device.</p><label for="t">Login code</label><input id="t" name="code" inputmode="numeric" maxlength="6"></form>',
      'delivered',
    ],
    [
      "a code the user's app generated, named only by the placeholder (BookStack-style)",
      '<div><h2>Phone app</h2><p>Type the code your phone app generated:</p><form><input id="t" type="text" name="code" placeholder="The code generated by your app"><button>Continue</button></form></div>',
      'authenticator',
    ],
    [
      'a masked key field asking for the security key that unlocks encrypted backups (Element-style)',
      '<div role="dialog"><h1>Unlock your message history</h1><p>Enter your security key to confirm this session.</p><form><input id="t" type="password" autocomplete="off" placeholder="Security key"><button>Continue</button></form></div>',
      'recovery',
    ],
    ['nothing to log in to', '<form role="search"><input type="search" name="q"></form><p>Hello</p>', 'unknown'],
  ];
  it.each(steps)('%s → %s', (_name, html, kind, channel) => {
    const step = describeStep(page(html), options);
    expect(step.kind).toBe(kind);
    if (channel) expect(step.channel).toBe(channel);
  });

  const fills = new Set(['authenticator', 'authenticator-or-recovery']);
  it.each(steps)('%s: a code goes in only on an authenticator step', (_name, html, kind) => {
    const document = page(html);
    expect(findOtpTargets(document, options).length > 0).toBe(fills.has(kind));
    expect(findBestOtpTarget(document, options) !== undefined).toBe(fills.has(kind));
  });

  it('only the active method counts: tabs with aria-selected and hidden panels', () => {
    const tabs = (selected: 'app' | 'sms') => `
      <div role="tablist">
        <button role="tab" aria-selected="${selected === 'app'}" aria-controls="app">Authenticator app</button>
        <button role="tab" aria-selected="${selected === 'sms'}" aria-controls="sms">Text message</button>
      </div>
      <div role="tabpanel" id="app" ${selected === 'app' ? '' : 'hidden'}>
        <form><p>Enter the 6-digit code from your app.</p><input id="t" name="otp" maxlength="6"></form>
      </div>
      <div role="tabpanel" id="sms" ${selected === 'sms' ? '' : 'hidden'}>
        <form><p>We sent a code to ••• ••• 12.</p><input id="s" name="otp" maxlength="6"><a href="#">Resend</a></form>
      </div>`;
    const app = page(tabs('app'));
    expect(describeStep(app, options).kind).toBe('authenticator');
    expect((findBestOtpTarget(app, options) as { input: HTMLInputElement }).input.id).toBe('t');
    const sms = page(tabs('sms'));
    expect(describeStep(sms, options)).toMatchObject({ kind: 'delivered', channel: 'sms' });
    expect(findBestOtpTarget(sms, options)).toBeUndefined();
  });

  it('describes an element: the open dialog, not the page behind it', () => {
    const document = page(
      `<form><label for="p">Password</label><input id="p" type="password"></form>
       <div role="dialog" aria-modal="true" id="d"><h2>Verify it's you</h2><p>Enter the code from your authenticator app.</p>${field}</div>`,
    );
    expect(describeStep(document.getElementById('d') as Element, options).kind).toBe('authenticator');
    expect(describeStep(document, options).kind).toBe('authenticator');
  });

  it('names the appended position the page asks for', () => {
    const after = page(
      '<form><input name="user"><label for="p">Password</label><input id="p" type="password"><p>Enter your password followed by your OTP token code.</p></form>',
    );
    expect(describeStep(after, options)).toMatchObject({ kind: 'appended', position: 'after' });
    const before = page(
      '<form><input name="user"><label for="p">Password</label><input id="p" type="password"><p>Enter the token code, then your password, in the password field.</p></form>',
    );
    expect(describeStep(before, options)).toMatchObject({ kind: 'appended', position: 'before' });
    const french = page(
      '<form><input name="user"><label for="p">Mot de passe</label><input id="p" type="password"><p>Saisissez votre mot de passe suivi du code à usage unique.</p></form>',
    );
    expect(describeStep(french, options)).toMatchObject({ kind: 'appended', position: 'after' });
  });
});

describe('labels in every language the detector claims', () => {
  const labels: [string, string][] = [
    ['French elision', "Code d'authentification"],
    ['French typographic apostrophe', 'Code d’authentification'],
    ['French, l’application', 'Code de l’application d’authentification'],
    ['Italian elision', "Codice dell'app di autenticazione"],
    ['German', 'Authentifizierungscode'],
    ['Spanish', 'Código de autenticación'],
    ['Portuguese', 'Código de autenticação'],
    ['Dutch', 'Verificatiecode'],
    ['Polish', 'Kod uwierzytelniający'],
    ['Polish, one-time password', 'Hasło jednorazowe'],
    ['Russian, app', 'Код из приложения-аутентификатора'],
    ['Japanese 承認コード', '承認コード'],
    ['Japanese, two-step', '2段階認証コード'],
    ['Japanese, app', '認証アプリのコード'],
    ['Chinese, dynamic password', '动态密码'],
    ['Chinese, two-step', '两步验证码'],
    ['Korean, two-step', '2단계 인증 코드'],
    ['Korean, OTP number', 'OTP 번호'],
    ['Swedish', 'Engångslösenord'],
  ];
  it.each(labels)('%s: "%s" labels a code field', (_name, label) => {
    const document = page(`<form><label for="t">${label}</label><input id="t" name="f1"></form>`);
    const best = findBestOtpTarget(document, options);
    expect(best?.kind === 'single' && best.input.id).toBe('t');
  });

  const passwords: [string, string][] = [
    ['English', 'Current password:'],
    ['French', 'Mot de passe actuel'],
    ['German', 'Aktuelles Passwort'],
    ['Spanish', 'Contraseña actual'],
    ['Japanese', '現在のパスワード'],
    ['Chinese', '当前密码'],
    ['Korean', '현재 비밀번호'],
    ['Russian', 'Текущий пароль'],
  ];
  it.each(passwords)('%s: a label asking for a password vetoes the field whatever its autocomplete', (_n, label) => {
    const document = page(
      `<form><label for="t">${label}</label><input id="t" type="password" autocomplete="one-time-code"></form>`,
    );
    expect(findOtpTargets(document, options)).toEqual([]);
  });
});

describe('split boxes', () => {
  const wrap = (depth: number, inner: string) => '<div>'.repeat(depth) + inner + '</div>'.repeat(depth);
  it.each([4, 5, 6])('sees six boxes nested %i wrappers deep as one row', (depth) => {
    const boxes = Array.from({ length: 6 }, (_, i) =>
      wrap(depth, `<input maxlength="1" inputmode="numeric" aria-label="Digit ${i + 1}">`),
    );
    const document = page(`<h2>Two-step verification</h2><div class="row">${boxes.join('')}</div>`);
    const best = findBestOtpTarget(document, options);
    expect(best?.kind).toBe('split');
    expect(best?.kind === 'split' && best.inputs.length).toBe(6);
  });
  it('sees a row built from spans with separators', () => {
    const box = '<span class="cell"><span><input maxlength="1" inputmode="numeric"></span></span>';
    const document = page(
      `<h2>Enter the code from your authenticator app</h2><div class="otp">${box}${box}${box}<span class="sep">–</span>${box}${box}${box}</div>`,
    );
    const best = findBestOtpTarget(document, options);
    expect(best?.kind === 'split' && best.inputs.length).toBe(6);
  });
});

describe('codes typed with a space', () => {
  it('types "123 456" where the field shows that shape and has room for it', () => {
    const document = page(
      '<form><label for="t">Authentication code</label><input id="t" placeholder="123 456" maxlength="7"></form>',
    );
    const target = findBestOtpTarget(document, options);
    if (!target) throw new Error('no target');
    fillOtpTarget(target, '492039');
    expect((document.getElementById('t') as HTMLInputElement).value).toBe('492 039');
  });
  it('types the digits alone elsewhere', () => {
    const document = page('<form><label for="t">Authentication code</label><input id="t" maxlength="6"></form>');
    const target = findBestOtpTarget(document, options);
    if (!target) throw new Error('no target');
    fillOtpTarget(target, '492039');
    expect((document.getElementById('t') as HTMLInputElement).value).toBe('492039');
  });
});

describe('appendCodeToPassword', () => {
  const login = () =>
    page('<form><input id="u" name="user"><label for="p">Password</label><input id="p" type="password"></form>');
  it('adds the code after what the user typed, with input events, without reading the value', () => {
    const document = login();
    const password = document.getElementById('p') as HTMLInputElement;
    password.value = 's3cret';
    const events: string[] = [];
    password.addEventListener('input', (event) => events.push((event as InputEvent).data ?? ''));
    const result = appendCodeToPassword(document, '492039', 'after', options);
    expect(result.ok).toBe(true);
    expect(password.value).toBe('s3cret492039');
    expect(events.join('')).toBe('492039');
  });
  it('puts the code first where the site wants it', () => {
    const document = login();
    const password = document.getElementById('p') as HTMLInputElement;
    password.value = 's3cret';
    expect(appendCodeToPassword(document, '492039', 'before', options).ok).toBe(true);
    expect(password.value).toBe('492039s3cret');
  });
  it('refuses while the password is still empty (the user types it first)', () => {
    const document = login();
    expect(appendCodeToPassword(document, '492039', 'after', options)).toMatchObject({ ok: false, error: 'empty' });
    expect((document.getElementById('p') as HTMLInputElement).value).toBe('');
  });
  it('refuses a page with several password fields (sign-up, change password)', () => {
    const document = page(
      '<form><input id="a" type="password" value="x"><input id="b" type="password" value="y"></form>',
    );
    expect(appendCodeToPassword(document, '492039', 'after', options)).toMatchObject({ ok: false, error: 'no-field' });
  });
});
