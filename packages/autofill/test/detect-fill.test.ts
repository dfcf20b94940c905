import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fillOtpTarget,
  findBestOtpTarget,
  findOtpTargets,
  followOtpTarget,
  isRenderedInput,
  OtpFillError,
  watchForOtpTarget,
} from '../src/dom.ts';
import { jsdomIsVisible, loadFixture, type PageWindow } from './dom-helpers.ts';

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

describe('single-field scoring', () => {
  const detected: [string, string][] = [
    ['autocomplete=one-time-code', '<input id="t" autocomplete="one-time-code">'],
    ['name totp', '<input id="t" name="totp">'],
    ['id with camelCase', '<input id="t" name="twoFactorCode">'],
    ['placeholder', '<input id="t" placeholder="Enter verification code">'],
    ['aria-labelledby', '<span id="l">Security code</span><input id="t" aria-labelledby="l">'],
    ['wrapping label', '<label>Passcode <input id="t"></label>'],
    ['confirmation code', '<label for="t">Confirmation code</label><input id="t" name="c1">'],
    ['Italian label', '<label for="t">Codice di verifica</label><input id="t">'],
    ['otp as type=password', '<input id="t" type="password" name="otp">'],
  ];
  it.each(detected)('detects %s', (_name, html) => {
    const document = page(html);
    const best = findBestOtpTarget(document, options);
    expect(best?.kind === 'single' && best.input.id).toBe('t');
  });

  const refused: [string, string][] = [
    ['login password', '<label for="p">Password</label><input id="p" type="password" name="password">'],
    ['search', '<input type="search" name="code">'],
    ['search landmark', '<form role="search"><input name="verification_code"></form>'],
    ['phone', '<label for="p">Phone</label><input id="p" name="phone" inputmode="numeric" maxlength="10">'],
    ['ZIP', '<input name="zip" autocomplete="postal-code" inputmode="numeric" maxlength="5">'],
    ['CVC named security code', '<label for="c">Security code</label><input id="c" autocomplete="cc-csc">'],
    ['promo code', '<label for="c">Promo code</label><input id="c" name="promo">'],
    ['captcha', '<label for="c">Type the characters shown in the image</label><input id="c" name="answer">'],
    ['quantity', '<label for="q">Quantity</label><input id="q" type="number">'],
    ['checkbox', '<input type="checkbox" name="otp">'],
    ['hidden', '<input type="hidden" name="otp">'],
    ['email', '<input type="email" name="otp_email">'],
    ['disabled', '<input name="otp" disabled>'],
    ['read-only', '<input name="otp" readonly>'],
    ['a plain "code" box with nothing around it', '<input name="code">'],
    ['a recovery code (a one-time code would lock the user out)', '<label for="r">Recovery code</label><input id="r">'],
  ];
  it.each(refused)('refuses %s', (_name, html) => {
    expect(findOtpTargets(page(html), options)).toEqual([]);
  });

  it('ranks autocomplete=one-time-code above a weaker candidate', () => {
    const document = page(
      '<div><p>Two-step verification</p><input id="weak" name="token" maxlength="8"></div><input id="strong" autocomplete="one-time-code">',
    );
    const targets = findOtpTargets(document, options);
    expect(targets.map((t) => t.kind === 'single' && t.input.id)).toEqual(['strong', 'weak']);
  });
});

describe('recovery, backup and lookup codes never get a TOTP', () => {
  // Each of these asks for a single-use recovery code, whatever else its attributes say.
  const recoveryOnly: [string, string][] = [
    [
      'WordPress Two-Factor (current): strong words in the name, autocomplete=one-time-code',
      '<form id="loginform"><p class="two-factor-prompt">Enter a recovery code.</p><p><label for="authcode">Recovery Code:</label><input type="text" inputmode="numeric" name="two-factor-backup-code" id="authcode" class="input authcode" size="20" pattern="[0-9 ]*" placeholder="XXXXXXXX" autocomplete="one-time-code" data-digits="8"></p><p><input type="submit" value="Verify"></p></form>',
    ],
    [
      'WordPress Two-Factor (older): label says "Verification Code:", the name says backup',
      '<form><p>Enter a backup verification code.</p><p><label for="authcode">Verification Code:</label><input type="tel" name="two-factor-backup-code" id="authcode" class="input" size="20" pattern="[0-9]*"></p></form>',
    ],
    [
      'only the prompt before the field says so',
      '<h1>Two-factor authentication</h1><form><p>Lost your phone? Enter one of your recovery codes.</p><label for="c">Code</label><input id="c" name="code" inputmode="numeric" maxlength="10"></form>',
    ],
    [
      'the prompt says so, the field says one-time code',
      '<form><p>Enter one of your 2FA backup codes.</p><input id="c" name="otp" autocomplete="one-time-code"></form>',
    ],
    ['placeholder', '<form><h2>Two-step verification</h2><input name="otp" placeholder="Enter a backup code"></form>'],
    ['aria-label', '<input name="mfa_code" aria-label="Recovery code" inputmode="numeric" maxlength="8">'],
    ['id, camelCase', '<label for="recoveryCodeInput">Recovery code #3</label><input id="recoveryCodeInput">'],
    ['lookup secret (name only)', '<label for="l">Two-factor code</label><input id="l" name="lookup_secret">'],
    ['scratch code', '<label for="s">Emergency scratch code</label><input id="s" name="totp_scratch" maxlength="8">'],
    ['French', '<label for="f">Code de récupération</label><input id="f" name="code_2fa" maxlength="10">'],
    ['French, secours', '<label for="f">Saisissez un code de secours</label><input id="f" name="otp">'],
    ['German', '<label for="g">Wiederherstellungscode</label><input id="g" name="zwei_faktor_code">'],
    ['German, backup', '<label for="g">Backup-Code für die Zwei-Faktor-Anmeldung</label><input id="g" name="otp">'],
    ['Spanish', '<label for="e">Código de recuperación</label><input id="e" name="codigo_2fa">'],
    ['Italian', '<label for="i">Codice di recupero</label><input id="i" name="otp">'],
    ['Portuguese', '<label for="p">Código de recuperação</label><input id="p" name="otp">'],
    ['Dutch', '<label for="n">Herstelcode</label><input id="n" name="otp">'],
    ['Polish', '<label for="p">Kod odzyskiwania</label><input id="p" name="otp">'],
    ['Swedish', '<label for="s">Återställningskod</label><input id="s" name="otp">'],
    ['Russian', '<label for="r">Резервный код</label><input id="r" name="otp">'],
    ['Japanese', '<label for="j">リカバリーコード</label><input id="j" name="otp">'],
    ['Chinese', '<label for="z">备用码</label><input id="z" name="otp">'],
    ['Korean', '<label for="k">복구 코드</label><input id="k" name="otp">'],
    [
      'split boxes for a backup code',
      `<form><p>Enter a backup code</p>${Array.from({ length: 8 }, () => '<input maxlength="1" inputmode="numeric">').join('')}</form>`,
    ],
  ];
  it.each(recoveryOnly)('%s: no code field here', (_name, html) => {
    expect(findOtpTargets(page(html), options)).toEqual([]);
  });

  it('fills the TOTP field next to a recovery field, never the recovery field', () => {
    const document = page(
      '<form><label for="t">Authentication code</label><input id="t" name="totp" autocomplete="one-time-code"></form><form><label for="r">Or a recovery code</label><input id="r" name="recovery_code" autocomplete="one-time-code"></form>',
    );
    const targets = findOtpTargets(document, options);
    expect(targets.map((target) => target.kind === 'single' && target.input.id)).toEqual(['t']);
  });

  // A TOTP field that also accepts recovery codes, or a page that merely links to them, still fills.
  const stillTotp: [string, string][] = [
    [
      'one field for both, the prompt names the authenticator app too',
      '<form><p>Enter the code from your two-factor authenticator app. If you lost your device, you can enter one of your recovery codes.</p><label for="t">Two-factor authentication code</label><input id="t" name="user[otp_attempt]" autocomplete="off"></form>',
    ],
    [
      'a link to the recovery page below the field',
      '<form><label for="t">Authentication code</label><input id="t" name="app_otp" autocomplete="one-time-code"><a href="#">Use a recovery code</a></form>',
    ],
    [
      'a hint mentioning backup codes',
      '<form><label for="t">Verification code</label><input id="t" name="otp" aria-describedby="h"><p id="h">The 6-digit code from your app, or a backup code.</p></form>',
    ],
    [
      'heading and a recovery link around a plain "code" field',
      '<h1>Two-factor authentication</h1><form><input id="t" name="code" inputmode="numeric" maxlength="6"><button>Verify</button><p><a href="#">Use a backup code instead</a></p></form>',
    ],
  ];
  it.each(stillTotp)('%s: fills', (_name, html) => {
    const best = findBestOtpTarget(page(html), options);
    expect(best?.kind === 'single' && best.input.id).toBe('t');
  });
});

describe('real-world sign-in pages (regressions)', () => {
  const boxes = (count: number, attributes: (index: number) => string) =>
    Array.from({ length: count }, (_, index) => `<input ${attributes(index)}>`).join('');
  const detected: [string, string, string][] = [
    [
      'Google: "Enter code", type=tel, the heading says 2-Step Verification',
      '<h1>2-Step Verification</h1><div><div><div><input type="tel" id="t" name="totpPin" pattern="[0-9 ]*" aria-label="Enter code"></div></div></div>',
      't',
    ],
    [
      'heading only, field named code',
      '<main><h1>Two-factor authentication</h1><form><input id="t" name="code" type="text"><button>Verify</button></form></main>',
      't',
    ],
    [
      'FortiToken "Token Code" caption',
      '<form><div>Token Code:</div><input id="t" name="ftk" type="text"></form>',
      't',
    ],
    [
      'hardware token',
      '<form><label for="t">Enter the code from your hardware token</label><input id="t" name="response"></form>',
      't',
    ],
    [
      'table cell caption, type=password (appliance)',
      '<form><table><tr><td>Password:</td><td><input type="password" name="password"></td></tr><tr><td>One-Time Password:</td><td><input id="t" name="password2" type="password"></td></tr></table></form>',
      't',
    ],
    [
      'lone field in a two-step form, only a shape placeholder',
      '<form><h2>Two-step verification</h2><input id="t" name="x" placeholder="------" maxlength="6"></form>',
      't',
    ],
    [
      'German heading',
      '<form><h1>Zwei-Faktor-Authentifizierung</h1><label for="t">Code</label><input id="t" name="code"></form>',
      't',
    ],
    [
      'Spanish heading',
      '<form><h1>Verificación en dos pasos</h1><label for="t">Código</label><input id="t" name="codigo"></form>',
      't',
    ],
    [
      'Portuguese heading',
      '<form><h1>Autenticação de dois fatores</h1><label for="t">Código</label><input id="t" name="codigo"></form>',
      't',
    ],
    [
      'Italian heading',
      '<form><h1>Autenticazione a due fattori</h1><label for="t">Codice</label><input id="t" name="codice"></form>',
      't',
    ],
    [
      'Dutch heading',
      '<form><h1>Tweestapsverificatie</h1><label for="t">Code</label><input id="t" name="code"></form>',
      't',
    ],
    [
      'French one-time password',
      '<label for="t">Mot de passe à usage unique</label><input id="t" type="password">',
      't',
    ],
    ['German one-time password', '<label for="t">Einmalkennwort</label><input id="t">', 't'],
    ['Japanese', '<label for="t">確認コード</label><input id="t">', 't'],
    ['Russian', '<label for="t">Код подтверждения</label><input id="t">', 't'],
    ['unknown type attribute behaves as text', '<input id="t" type="numeric" autocomplete="one-time-code">', 't'],
    [
      'a captcha in the same form, away from the code field',
      '<form><input name="user"><img src="/captcha.jpg"><input name="captcha"><label for="t">Authenticator code</label><input id="t" name="otp"></form>',
      't',
    ],
    [
      'authenticator set-up next to its QR code',
      '<form><h2>Set up authenticator app</h2><img alt="QR code" src="data:,"><label for="t">Verification code</label><input id="t" name="verify"></form>',
      't',
    ],
  ];
  it.each(detected)('detects %s', (_name, html, id) => {
    const best = findBestOtpTarget(page(html), options);
    expect(best?.kind === 'single' && best.input.id).toBe(id);
  });

  const refused: [string, string][] = [
    [
      'a gift card code (numeric, maxlength 8) under its heading',
      '<main><h1>Redeem a gift card</h1><form><label for="g">Enter code</label><input id="g" name="code" inputmode="numeric" maxlength="8"></form></main>',
    ],
    [
      'a card CVC named "security code" without autocomplete',
      '<form><input name="cardNumber" placeholder="Card number"><input name="expiry" placeholder="MM / YY"><input name="securityCode" placeholder="Security code" inputmode="numeric"></form>',
    ],
    [
      '"security code" with room for 3 digits',
      '<label for="c">Security code</label><input id="c" inputmode="numeric" maxlength="3">',
    ],
    [
      'a captcha image next to a "security code" field',
      '<form><div><img src="/captcha.php" alt="CAPTCHA"></div><label for="c">Security code</label><input id="c" name="security_code"></form>',
    ],
    [
      'a Chinese-style verifyCode image captcha',
      '<form><div><img src="/verifycode.jpg"></div><label for="v">Verification code</label><input id="v" name="verifycode"></form>',
    ],
    [
      'an invitation code',
      '<form><label for="i">Invitation code</label><input id="i" name="invitation_code" maxlength="8"></form>',
    ],
    [
      'a phone number in a two-factor set-up form',
      '<h2>Set up two-factor authentication</h2><form><p>Enter your number</p><input type="tel"></form>',
    ],
    ['a one-character box on its own', '<input name="otp" maxlength="1">'],
    [
      'a login password whose caption is prose about the next step',
      '<form><p>Enter your password. You will be asked for a one-time password next.</p><input name="pw" type="password"></form>',
    ],
    [
      'PIN set-up: two rows of four boxes with their own labels',
      `<form><label>New PIN</label><div>${boxes(4, () => 'maxlength="1" inputmode="numeric"')}</div><label>Confirm PIN</label><div>${boxes(4, () => 'maxlength="1" inputmode="numeric"')}</div></form>`,
    ],
    [
      'a card number in four named boxes',
      `<form><h2>Two-step verification</h2><div>${boxes(4, (i) => `maxlength="4" name="cc${i + 1}"`)}</div></form>`,
    ],
    [
      'six answers sharing a name stem',
      `<form><h2>Two-step verification</h2>${boxes(6, (i) => `name="answer${i}"`)}</form>`,
    ],
  ];
  it.each(refused)('refuses %s', (_name, html) => {
    expect(findOtpTargets(page(html), options)).toEqual([]);
  });

  const rows: [string, string, number][] = [
    [
      'size=1 boxes without maxlength, each wrapped twice, with screen-reader captions',
      `<h2>Enter verification code</h2><div>${Array.from({ length: 6 }, (_, i) => `<div><span><label class="sr-only" for="d${i}">Digit ${i + 1}</label><input id="d${i}" inputmode="numeric" size="1"></span></div>`).join('')}</div>`,
      6,
    ],
    [
      'react-otp-input: no maxlength, "Please enter OTP character N"',
      `<h2>Enter OTP</h2><div>${boxes(6, (i) => `aria-label="Please enter OTP character ${i + 1}" type="text" inputmode="numeric"`)}</div>`,
      6,
    ],
    [
      'a paste-friendly first box (maxlength=6) in front of five one-digit boxes',
      `<h2>Enter verification code</h2><div>${boxes(6, (i) => `class="d" inputmode="numeric" maxlength="${i === 0 ? 6 : 1}"`)}</div>`,
      6,
    ],
    [
      'boxes named otp1…otp6 without maxlength',
      `<form><label>Code</label><div>${boxes(6, (i) => `name="otp${i + 1}" type="tel"`)}</div></form>`,
      6,
    ],
    [
      'boxes sharing name="code[]"',
      `<form><h2>Verify</h2><div>${boxes(6, () => 'name="code[]" inputmode="numeric"')}</div></form>`,
      6,
    ],
    [
      'one-character patterns',
      `<h2>Enter code</h2><div>${boxes(6, () => 'type="tel" pattern="[0-9]" class="otp-digit"')}</div>`,
      6,
    ],
    [
      'a hidden input in the middle of the row',
      `<h2>Enter verification code</h2><div>${boxes(3, () => 'maxlength="1" inputmode="numeric"')}<input type="hidden" name="full">${boxes(3, () => 'maxlength="1" inputmode="numeric"')}</div>`,
      6,
    ],
    [
      'four boxes for a verification code',
      `<p>Enter the 4-digit verification code</p><div>${boxes(4, () => 'maxlength="1" inputmode="numeric"')}</div>`,
      4,
    ],
  ];
  it.each(rows)('finds one row: %s', (_name, html, count) => {
    const targets = findOtpTargets(page(html), options);
    expect(targets[0]?.kind).toBe('split');
    expect(targets[0]?.kind === 'split' && targets[0].inputs.length).toBe(count);
    // No box of the row is offered as a field of its own (it would take the whole code).
    expect(targets.filter((target) => target.kind === 'single')).toEqual([]);
  });
});

describe('split inputs', () => {
  const boxes = (count: number, extra = '') =>
    Array.from({ length: count }, () => `<input maxlength="1" inputmode="numeric"${extra}>`).join('');
  it.each([4, 6, 8, 10])('finds %i boxes next to OTP words', (count) => {
    const best = findBestOtpTarget(page(`<p>Verification code</p><div>${boxes(count)}</div>`), options);
    expect(best?.kind === 'split' && best.inputs.length).toBe(count);
  });
  it('finds 6 boxes with no words at all', () => {
    expect(findBestOtpTarget(page(`<div>${boxes(6)}</div>`), options)?.kind).toBe('split');
  });
  it('ignores 3 or 11 boxes, and boxes split across containers', () => {
    expect(findOtpTargets(page(`<p>Verification code</p><div>${boxes(3)}</div>`), options)).toEqual([]);
    expect(findOtpTargets(page(`<p>Verification code</p><div>${boxes(11)}</div>`), options)).toEqual([]);
    expect(
      findOtpTargets(page(`<section><div><div>${boxes(3)}</div></div></section><aside>${boxes(3)}</aside>`), options),
    ).toEqual([]);
  });
  it('refuses a split captcha', () => {
    expect(
      findOtpTargets(page(`<p>Enter the characters shown in the image</p><div>${boxes(6)}</div>`), options),
    ).toEqual([]);
  });
  it('refuses to spread a code of the wrong length', () => {
    const target = findBestOtpTarget(page(`<div>${boxes(6)}</div>`), options);
    expect(() => fillOtpTarget(target as never, '12345678')).toThrow(OtpFillError);
  });
});

describe('frames and shadow roots', () => {
  it('looks into same-origin iframes and open shadow roots, not closed ones', () => {
    const document = page('<iframe id="f"></iframe><div id="open"></div><div id="closed"></div>');
    const frame = document.getElementById('f') as HTMLIFrameElement;
    (frame.contentDocument as Document).body.innerHTML = '<input id="in-frame" autocomplete="one-time-code">';
    const open = (document.getElementById('open') as HTMLElement).attachShadow({ mode: 'open' });
    open.innerHTML = '<input id="in-open" name="otp">';
    const closed = (document.getElementById('closed') as HTMLElement).attachShadow({ mode: 'closed' });
    closed.innerHTML = '<input id="in-closed" name="otp">';
    const ids = findOtpTargets(document, options).map((t) => t.kind === 'single' && t.input.id);
    expect(ids.sort()).toEqual(['in-frame', 'in-open']);
    expect(findOtpTargets(document, { ...options, includeFrames: false, includeShadowRoots: false })).toEqual([]);
  });
});

describe('filling', () => {
  it('rejects anything that is not a code', () => {
    const target = findBestOtpTarget(page('<input autocomplete="one-time-code">'), options);
    for (const bad of ['', '12', '12345678901', '12 34 56', '<img>']) {
      expect(() => fillOtpTarget(target as never, bad)).toThrow(OtpFillError);
    }
  });
  it('reaches React-style tracked state, which a plain value assignment does not', () => {
    const naive = loadFixture('react-like-tracker.html');
    const naiveInput = naive.window.document.getElementById('code') as HTMLInputElement;
    naiveInput.value = '123456';
    naiveInput.dispatchEvent(new naive.window.Event('input', { bubbles: true }));
    expect((naive.window as unknown as PageWindow).__received).toBeNull();

    const dom = loadFixture('react-like-tracker.html');
    const target = findBestOtpTarget(dom.window.document, options);
    expect(fillOtpTarget(target as never, '123456').ok).toBe(true);
    expect((dom.window as unknown as PageWindow).__received).toEqual({ value: '123456', via: 'react-like-state' });
  });
  it('replaces what was already typed', () => {
    const document = page('<input id="t" autocomplete="one-time-code" value="999">');
    const target = findBestOtpTarget(document, options);
    fillOtpTarget(target as never, '024680');
    expect((document.getElementById('t') as HTMLInputElement).value).toBe('024680');
  });
  it('submits only when asked', () => {
    const document = page('<form><input autocomplete="one-time-code"><button>Go</button></form>');
    let submits = 0;
    document.querySelector('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      submits++;
    });
    const target = findBestOtpTarget(document, options);
    expect(fillOtpTarget(target as never, '111111').submitted).toBe(false);
    expect(submits).toBe(0);
    expect(fillOtpTarget(target as never, '222222', { submit: true }).submitted).toBe(true);
    expect(submits).toBe(1);
  });
});

describe('filling a Steam Guard code (letters and digits)', () => {
  it('types it into a single field and spreads it over five boxes', () => {
    const single = page('<label for="c">Steam Guard code</label><input id="c" autocomplete="one-time-code">');
    expect(fillOtpTarget(findBestOtpTarget(single, options) as never, 'FR8RV').ok).toBe(true);
    expect((single.getElementById('c') as HTMLInputElement).value).toBe('FR8RV');
    const split = page(`<p>Steam Guard mobile authenticator code</p><div>${'<input maxlength="1">'.repeat(5)}</div>`);
    const target = findBestOtpTarget(split, options);
    expect(target?.kind).toBe('split');
    expect(fillOtpTarget(target as never, '9P3VP').ok).toBe(true);
    expect([...split.querySelectorAll('input')].map((input) => input.value).join('')).toBe('9P3VP');
  });
});

describe('filling like a person types', () => {
  it('never writes past maxlength (a box whose keydown already took the digit keeps one digit)', () => {
    const document = page(
      `<h2>Verification code</h2><div>${'<input class="d" maxlength="1" inputmode="numeric">'.repeat(6)}</div>`,
    );
    for (const box of document.querySelectorAll<HTMLInputElement>('.d')) {
      box.addEventListener('keydown', (event) => {
        box.value = (event as KeyboardEvent).key; // no preventDefault, as some widgets do
      });
    }
    const target = findBestOtpTarget(document, options);
    expect(fillOtpTarget(target as never, '123456').ok).toBe(true);
    expect([...document.querySelectorAll<HTMLInputElement>('.d')].map((box) => box.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });
  it('lets a widget that handles beforeinput insert the character itself', () => {
    const document = page('<label for="o">Verification code</label><input id="o">');
    const input = document.getElementById('o') as HTMLInputElement;
    input.addEventListener('beforeinput', (event) => {
      event.preventDefault();
      input.value += (event as InputEvent).data;
    });
    fillOtpTarget(findBestOtpTarget(document, options) as never, '654321');
    expect(input.value).toBe('654321');
  });
  it('announces focus itself when the page does not get focus events (popup open over it)', () => {
    const document = page(`<h2>Verification code</h2><div>${'<input class="d" maxlength="1">'.repeat(6)}</div>`);
    const boxes = [...document.querySelectorAll<HTMLInputElement>('.d')];
    const events: string[] = [];
    boxes.forEach((box, index) => {
      box.focus = () => undefined; // a document without system focus
      box.addEventListener('focus', () => events.push(`focus ${index}`));
      box.addEventListener('blur', () => events.push(`blur ${index}`));
    });
    fillOtpTarget(findBestOtpTarget(document, options) as never, '123456');
    expect(events.slice(0, 4)).toEqual(['focus 0', 'blur 0', 'focus 1', 'blur 1']);
    expect(events.at(-1)).toBe('focus 5');
  });
});

describe('isRenderedInput', () => {
  it('refuses a field parked off the page (honeypot) and a 1×1 field', () => {
    const document = page('<input id="a" autocomplete="one-time-code"><input id="b" autocomplete="one-time-code">');
    const at = (id: string, rect: Partial<DOMRect>) => {
      const input = document.getElementById(id) as HTMLInputElement;
      input.getBoundingClientRect = () => ({ x: 0, y: 0, width: 100, height: 30, top: 0, left: 0, ...rect }) as DOMRect;
      return input;
    };
    expect(isRenderedInput(at('a', { left: -9999, right: -9899 }))).toBe(false);
    expect(isRenderedInput(at('a', { width: 1, height: 1, right: 1, bottom: 1 }))).toBe(false);
    expect(isRenderedInput(at('b', { right: 100, bottom: 30 }))).toBe(true);
  });
});

describe('watchForOtpTarget', () => {
  it('finds a field added later, throttled, and stops after the first hit', async () => {
    const document = page('<main></main>');
    const found: string[] = [];
    const watcher = watchForOtpTarget(document, (target) => found.push(target.kind), { ...options, throttleMs: 20 });
    for (let i = 0; i < 50; i++) document.querySelector('main')?.append(document.createElement('div'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(found).toEqual([]);
    document.querySelector('main')?.insertAdjacentHTML('beforeend', '<input autocomplete="one-time-code">');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(found).toEqual(['single']);
    document.querySelector('main')?.insertAdjacentHTML('beforeend', '<input name="otp">');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(found).toEqual(['single']);
    watcher.stop();
  });
});

describe('followOtpTarget', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

  it('re-attaches to the field an SPA renders in place of the one it removed, until stopped', async () => {
    const document = page('<main><input id="first" autocomplete="one-time-code"></main>');
    const events: string[] = [];
    const follower = followOtpTarget(
      document,
      (target) => {
        const id = target.kind === 'single' ? target.input.id : 'split';
        events.push(`attach ${id}`);
        return () => events.push(`detach ${id}`);
      },
      { ...options, throttleMs: 20 },
    );
    expect(events).toEqual(['attach first']);
    const main = document.querySelector('main') as HTMLElement;
    // Unrelated churn while the field is still there: no re-scan, no re-attach.
    for (let i = 0; i < 20; i++) main.append(document.createElement('div'));
    await settle();
    expect(events).toEqual(['attach first']);
    // A re-render: the field is replaced by a fresh element.
    main.replaceChildren();
    main.insertAdjacentHTML('beforeend', '<input id="second" autocomplete="one-time-code">');
    await settle();
    expect(events).toEqual(['attach first', 'detach first', 'attach second']);
    // Removed with nothing in its place, then back later.
    main.replaceChildren();
    await settle();
    expect(events.at(-1)).toBe('detach second');
    main.insertAdjacentHTML('beforeend', '<input id="third" name="otp">');
    await settle();
    expect(events.at(-1)).toBe('attach third');
    // Filled: the follower stops, later re-renders are not followed.
    follower.stop();
    main.replaceChildren();
    main.insertAdjacentHTML('beforeend', '<input id="fourth" name="otp">');
    await settle();
    expect(events.at(-1)).toBe('attach third');
  });

  it('runs a full scan only while there is no field', async () => {
    const document = page('<main><input id="t" autocomplete="one-time-code"></main>');
    const spy = vi.spyOn(document, 'getElementsByTagName');
    const follower = followOtpTarget(document, () => undefined, { ...options, throttleMs: 10 });
    const scansAfterStart = spy.mock.calls.length;
    for (let round = 0; round < 5; round++) {
      document.querySelector('main')?.append(document.createElement('span'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(spy.mock.calls.length).toBe(scansAfterStart);
    follower.stop();
  });

  it('gives up after maxWatchMs without any field', async () => {
    const document = page('<main></main>');
    const found: string[] = [];
    followOtpTarget(document, (target) => void found.push(target.kind), { ...options, throttleMs: 5, maxWatchMs: 30 });
    await settle();
    document.querySelector('main')?.insertAdjacentHTML('beforeend', '<input autocomplete="one-time-code">');
    await settle();
    expect(found).toEqual([]);
  });
});
