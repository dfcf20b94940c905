import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCodeToPassword, describeStep, fillOtpTarget, findOtpTargets, type OtpTarget } from '../src/dom.ts';
import {
  FIXTURES_DIR,
  type FixturePage,
  jsdomIsVisible,
  loadFixture,
  loadManifest,
  type PageWindow,
  queryTargets,
  waitForSelector,
} from './dom-helpers.ts';

const pages = loadManifest();
const CODE = '492039';

function targetInputs(target: OtpTarget | undefined): HTMLInputElement[] {
  if (!target) return [];
  return target.kind === 'single' ? [target.input] : target.inputs;
}

async function openAtCodeStep(page: FixturePage) {
  const dom = loadFixture(page.file);
  const document = dom.window.document;
  if (page.reveal) {
    // Before the step-up, nothing on the page is a code field: the password must never be taken for one.
    expect(findOtpTargets(document, { isVisible: jsdomIsVisible })).toEqual([]);
    if (page.step) (document.querySelector(page.step) as HTMLElement).click();
    await waitForSelector(document, page.target as string);
  }
  return dom;
}

describe('fixture corpus', () => {
  it('has at least 25 pages, each listed in index.html', () => {
    expect(pages.length).toBeGreaterThanOrEqual(25);
    const index = readFileSync(join(FIXTURES_DIR, 'index.html'), 'utf8');
    for (const page of pages) expect(index).toContain(`href="${page.file}"`);
  });
});

describe.each(pages)('$file ($framework)', (page) => {
  it(`detects: ${page.expect}`, async () => {
    const dom = await openAtCodeStep(page);
    const document = dom.window.document;
    const targets = findOtpTargets(document, { isVisible: jsdomIsVisible });
    const found = targets.flatMap(targetInputs);
    for (const decoy of page.decoys ?? []) {
      const decoyInput = document.querySelector(decoy);
      expect(decoyInput, decoy).not.toBeNull();
      expect(found, `decoy ${decoy} must not be a candidate`).not.toContain(decoyInput);
    }
    if (page.expect === 'none' || page.frame || page.crossOriginFrame) {
      // Frames are scanned on their own (below), never from the embedding page in this test.
      if (!page.frame) expect(targets).toEqual([]);
      return;
    }
    const best = targets[0];
    expect(best?.kind).toBe(page.expect);
    expect(targetInputs(best)).toEqual(queryTargets(document, page));
    dom.window.close();
  });

  if (page.describes) {
    it(`describes the step: ${page.describes}`, () => {
      const dom = loadFixture(page.file);
      expect(describeStep(dom.window.document, { isVisible: jsdomIsVisible }).kind).toBe(page.describes);
      dom.window.close();
    });
  }

  if (page.frame || page.crossOriginFrame) {
    it('detects the field inside the framed document itself', () => {
      const dom = loadFixture(page.frame ?? (page.crossOriginFrame as string));
      const best = findOtpTargets(dom.window.document, { isVisible: jsdomIsVisible })[0];
      expect(best?.kind).toBe('single');
      expect(best?.kind === 'single' && best.input.id).toBe((page.target as string).slice(1));
    });
  }

  // The Preact page hydrates from an ES module, which jsdom does not run: Chromium covers it end to end.
  if (page.expect !== 'none' && !page.frame && !page.crossOriginFrame && page.framework !== 'preact') {
    it('fills so the page state receives the code, decoys untouched, no submit', async () => {
      const dom = await openAtCodeStep(page);
      const document = dom.window.document;
      const best = findOtpTargets(document, { isVisible: jsdomIsVisible })[0];
      expect(best).toBeDefined();
      const result = fillOtpTarget(best as OtpTarget, CODE);
      expect(result).toEqual({ ok: true, submitted: false });
      const window = dom.window as unknown as PageWindow;
      // A field shown as `123 456` gets the code typed that way; the server reads the digits.
      expect(window.__received?.value.replace(/\s/g, '')).toBe(CODE);
      expect(window.__submitted).toBe(false);
      for (const decoy of page.decoys ?? []) {
        const input = document.querySelector<HTMLInputElement>(decoy) as HTMLInputElement;
        expect(input.value, decoy).toBe(input.defaultValue);
      }
      dom.window.close();
    });
  }
});

describe('appended-to-password logins (the user chose "Add the code after the password" for the site)', () => {
  const logins: [string, string, 'after' | 'before', string][] = [
    ['opnsense-like-login.html', '#passwordfld', 'before', `${CODE}s3cret`], // token first, the server's default
    ['freeipa-like-login.html', '#password', 'after', `s3cret${CODE}`],
  ];
  it.each(logins)('%s: the page state gets the code %s the typed password', (file, selector, position, expected) => {
    const dom = loadFixture(file);
    const document = dom.window.document;
    const window = dom.window as unknown as PageWindow;
    const password = document.querySelector<HTMLInputElement>(selector) as HTMLInputElement;
    expect(appendCodeToPassword(document, CODE, position, { isVisible: jsdomIsVisible })).toEqual({
      ok: false,
      error: 'empty',
    });
    password.value = 's3cret'; // typed by the user (the page's state hears about it on its next input event)
    expect(appendCodeToPassword(document, CODE, position, { isVisible: jsdomIsVisible })).toEqual({ ok: true });
    expect(window.__received?.value).toBe(expected);
    expect(window.__submitted).toBe(false);
    expect(findOtpTargets(document, { isVisible: jsdomIsVisible })).toEqual([]);
    dom.window.close();
  });
});
