import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../../test/fixtures/autofill');

export interface FixturePage {
  file: string;
  framework: string;
  expect: 'single' | 'split' | 'none';
  target?: string;
  decoys?: string[];
  reveal?: string;
  step?: string;
  frame?: string;
  crossOriginFrame?: string;
  shadowHost?: string;
  host?: string;
  ready?: string;
  /** What `describeStep` says about the page, where the page is about the step model. */
  describes?: string;
}

export function loadManifest(): FixturePage[] {
  return (JSON.parse(readFileSync(join(FIXTURES_DIR, 'pages.json'), 'utf8')) as { pages: FixturePage[] }).pages;
}

export interface Received {
  value: string;
  via: string;
}

export interface PageWindow extends Window {
  __received: Received | null;
  __submitted: boolean;
}

/**
 * Loads a fixture page in jsdom with its inline scripts running (our own trusted files). `record.js` is loaded
 * by `<script src>` in browsers; here the same two functions are installed before parsing.
 */
export function loadFixture(file: string, url = `https://fixtures.test/autofill/${file}`): JSDOM {
  const html = readFileSync(join(FIXTURES_DIR, file), 'utf8');
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    // Module scripts (the Preact page) and external resources are not loaded by jsdom; anything else is a bug.
    throw error;
  });
  return new JSDOM(html, {
    url,
    runScripts: 'dangerously',
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      const page = window as unknown as PageWindow & {
        recordReceived(value: string, via: string): void;
        recordSubmitted(): void;
      };
      page.__received = null;
      page.__submitted = false;
      page.recordReceived = (value, via) => {
        page.__received = { value: String(value), via };
      };
      page.recordSubmitted = () => {
        page.__submitted = true;
      };
    },
  });
}

/**
 * jsdom has no layout, so "is it shown" is answered from styles: `hidden`, `display:none` or `visibility:hidden`
 * on the field or an ancestor (across shadow boundaries), and an explicit zero width/height. Real layout is
 * covered by the E2E suite in Chromium.
 */
export function jsdomIsVisible(input: HTMLInputElement): boolean {
  const view = input.ownerDocument.defaultView;
  if (!view) return false;
  let element: Element | null = input;
  while (element) {
    if ((element as HTMLElement).hidden) return false;
    const style = view.getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const parent: Element | null = element.parentElement;
    if (parent) element = parent;
    else {
      const root = element.getRootNode();
      element = 'host' in root ? (root as ShadowRoot).host : null;
    }
  }
  const zero = (value: string) => value === '0' || value === '0px';
  return !(zero(input.style.width) || zero(input.style.height));
}

/** Waits until the page's own script rendered `selector` (late step-up forms, SPA routes). */
export async function waitForSelector(document: Document, selector: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!document.querySelector(selector)) {
    if (Date.now() > deadline) throw new Error(`${selector} never appeared`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function queryTargets(document: Document, page: FixturePage): HTMLInputElement[] {
  if (!page.target) return [];
  const root: ParentNode = page.shadowHost
    ? ((document.querySelector(page.shadowHost) as Element).shadowRoot as ShadowRoot)
    : document;
  return [...root.querySelectorAll<HTMLInputElement>(page.target)];
}
