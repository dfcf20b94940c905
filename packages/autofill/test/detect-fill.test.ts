import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fillOtpTarget,
  findBestOtpTarget,
  findOtpTargets,
  followOtpTarget,
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
    [
      'SMS wording with phone nearby',
      '<label for="t">Verification code sent to your phone</label><input id="t" name="vc">',
    ],
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
