// Popup with 500 accounts: time from the popup document's start (navigation responseEnd) and from its first
// script to the first code painted (Element Timing), measured in real Chromium with the built extension. Peer in
// the same run: the same popup rendering all 500 rows (no virtualisation). Run: node bench/popup.bench.ts (after
// building the extension).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createVaultThroughUi, openPopup, optionsUrl } from '../e2e/extension-helpers.ts';
import { launchBrowser } from '../lib/browser.ts';

const ACCOUNTS = 500;
const RUNS = 15;
const TARGET_MS = 50;

function base32(index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let text = '';
  for (let n = index + 1_000_000; text.length < 16; n = Math.floor(n / 7) + 13) text += alphabet[n % 32];
  return text;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Timing {
  /** Element Timing renderTime of the first code's text, from the navigation start (timeOrigin). */
  painted: number;
  /** The same, from the moment the popup document's response was received (document start). */
  paintedAfterDocument: number;
  /**
   * Breakdown from document start: the document's first script (public/popup-prefetch.js, which starts the
   * storage reads) runs, the popup module starts, storage read back, accounts ready, first screen's codes ready.
   */
  codeStart: number;
  moduleStart: number;
  storageRead: number;
  accountsReady: number;
  codesReady: number;
}

/**
 * Every measured navigation starts from the same trivial page: the previous document is unloaded after the new
 * one's responseEnd, so without this the page measured after the 500-row peer would be charged for unloading it.
 */
async function fromTrivialPage(page: Page, trivialUrl: string, url: string): Promise<void> {
  await page.goto(trivialUrl);
  await page.goto(url);
}

/** Element Timing (`elementtiming="first-code"`) reports when the code's text was actually painted. */
async function firstCodePainted(page: Page, trivialUrl: string, url: string): Promise<Timing> {
  await fromTrivialPage(page, trivialUrl, url);
  return page.evaluate(
    () =>
      new Promise<Timing>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list
            .getEntries()
            .find(
              (candidate) => (candidate as PerformanceEntry & { identifier?: string }).identifier === 'first-code',
            ) as (PerformanceEntry & { renderTime: number }) | undefined;
          if (!entry) return;
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const mark = (name: string) =>
            (performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN) - navigation.responseEnd;
          resolve({
            painted: entry.renderTime,
            paintedAfterDocument: entry.renderTime - navigation.responseEnd,
            codeStart: mark('popup-prefetch-start'),
            moduleStart: mark('popup-module-start'),
            storageRead: mark('popup-storage-read'),
            accountsReady: mark('popup-vault-opened'),
            codesReady: mark('popup-codes-ready'),
          });
        }).observe({ type: 'element', buffered: true });
      }),
  );
}

/**
 * Environment floor: DOMContentLoaded of the extension's most trivial page (one 0.5 kB module), from
 * its document start. Nothing the popup does can be faster than the browser getting a page this far.
 */
async function trivialPageReady(page: Page, trivialUrl: string): Promise<number> {
  await fromTrivialPage(page, trivialUrl, `${trivialUrl}?measured`);
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return navigation.domContentLoadedEventEnd - navigation.responseEnd;
  });
}

/**
 * Paint floor: a trivial extension page whose module puts one line of text on screen, written into this run's
 * private copy of the extension (never the product). DOMContentLoaded, the floor above, comes before any frame
 * is drawn; this page's First Contentful Paint is the least any page that shows something waits for (a frame,
 * its rasterisation and presentation), so the popup's share above it is what the popup's own work costs.
 */
const PAINT_FLOOR_PAGE = 'bench-paint-floor.html';
const PAINT_FLOOR_FILES = {
  [PAINT_FLOOR_PAGE]:
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bench-paint-floor.js"></script></head><body></body></html>',
  'bench-paint-floor.js':
    "document.body.append(Object.assign(document.createElement('p'), { textContent: '123 456' }));",
};

async function trivialPagePainted(page: Page, trivialUrl: string, floorUrl: string): Promise<number> {
  await fromTrivialPage(page, trivialUrl, floorUrl);
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (!entry) return;
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          resolve(entry.startTime - navigation.responseEnd);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

/**
 * Content floor: the popup's own first screen (its markup and stylesheet, captured from the popup in this run)
 * put on screen by a trivial module: no storage read, no framework, no code computed. What is left above the
 * paint floor is the cost of laying out and drawing this screen; what the popup takes above this floor is its own
 * work (loading its code, reading the vault, computing codes, rendering with Preact).
 */
const CONTENT_FLOOR_PAGE = 'bench-content-floor.html';

async function writeContentFloorPage(page: Page, extensionDir: string): Promise<void> {
  const { markup, stylesheet } = await page.evaluate(() => ({
    markup: (document.getElementById('app') as HTMLElement).outerHTML,
    stylesheet: document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '',
  }));
  writeFileSync(
    join(extensionDir, CONTENT_FLOOR_PAGE),
    `<!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><link rel="stylesheet" href="${stylesheet}"><script type="module" src="/bench-content-floor.js"></script></head><body></body></html>`,
  );
  writeFileSync(join(extensionDir, 'bench-content-floor.js'), `document.body.innerHTML = ${JSON.stringify(markup)};`);
}

const browser = await launchBrowser({ extension: true, extraFiles: PAINT_FLOOR_FILES });
try {
  const setup = await openPopup(browser);
  await createVaultThroughUi(setup);
  const lines = Array.from(
    { length: ACCOUNTS },
    (_, index) =>
      `otpauth://totp/Service%20${index}:user${index}@example.com?secret=${base32(index)}&issuer=Service%20${index}`,
  );
  const options = await browser.context.newPage();
  await options.goto(optionsUrl(browser));
  const importSection = options.getByRole('region', { name: 'Import' });
  await importSection
    .getByLabel('File to import')
    .setInputFiles({ name: 'accounts.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
  await importSection.getByRole('button', { name: 'Read file' }).click();
  await importSection.getByRole('button', { name: `Import ${ACCOUNTS} accounts` }).click();
  await importSection.getByText(`Imported ${ACCOUNTS} accounts.`).waitFor();
  await options.close();
  await setup.close();

  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 384, height: 600 });
  const base = `chrome-extension://${browser.extensionId}/popup.html`;
  const trivial = `chrome-extension://${browser.extensionId}/clipboard.html`;
  const virtualised: Timing[] = [];
  const allRows: Timing[] = [];
  const floor: number[] = [];
  const paintFloor: number[] = [];
  const paintFloorUrl = `chrome-extension://${browser.extensionId}/${PAINT_FLOOR_PAGE}`;
  await firstCodePainted(page, trivial, base); // warm-up: compile caches
  await firstCodePainted(page, trivial, `${base}?virtualize=0`);
  await firstCodePainted(page, trivial, base); // the virtualised popup again: its first screen is what is captured
  await writeContentFloorPage(page, browser.extensionDir as string);
  const contentFloorUrl = `chrome-extension://${browser.extensionId}/${CONTENT_FLOOR_PAGE}`;
  const contentFloor: number[] = [];
  await firstCodePainted(page, trivial, contentFloorUrl); // warm-up
  for (let run = 0; run < RUNS; run++) {
    virtualised.push(await firstCodePainted(page, trivial, base));
    allRows.push(await firstCodePainted(page, trivial, `${base}?virtualize=0`));
    floor.push(await trivialPageReady(page, trivial));
    paintFloor.push(await trivialPagePainted(page, trivial, paintFloorUrl));
    contentFloor.push((await firstCodePainted(page, trivial, contentFloorUrl)).paintedAfterDocument);
  }
  await firstCodePainted(page, trivial, `${base}?virtualize=0`);
  const rowsRendered = await page.evaluate(() => document.querySelectorAll('.row').length);
  await firstCodePainted(page, trivial, base);
  const rowsVirtual = await page.evaluate(() => document.querySelectorAll('.row').length);
  const afterDocument = median(virtualised.map((timing) => timing.paintedAfterDocument));
  // The document's first script (popup-prefetch.js, in <head>, its first statement) marks when this document is
  // actually running; the time before it is the browser committing an extension page and serving its files,
  // which the floor line shows.
  const afterFirstScript = median(virtualised.map((timing) => timing.paintedAfterDocument - timing.codeStart));
  const peerAfterFirstScript = median(allRows.map((timing) => timing.paintedAfterDocument - timing.codeStart));
  const peerAfterDocument = median(allRows.map((timing) => timing.paintedAfterDocument));
  const fromNavigation = median(virtualised.map((timing) => timing.painted));
  const peerFromNavigation = median(allRows.map((timing) => timing.painted));
  console.log(`popup, ${ACCOUNTS} accounts, first code painted (Element Timing), median of ${RUNS}:`);
  console.log('                                        after document start   after navigation start');
  console.log(
    `  virtualised list (${rowsVirtual} rows in DOM)   ${afterDocument.toFixed(1).padStart(8)} ms           ${fromNavigation.toFixed(1).padStart(8)} ms   (target ≤ ${TARGET_MS} ms after document start)`,
  );
  console.log(
    `  peer: all ${rowsRendered} rows rendered    ${peerAfterDocument.toFixed(1).padStart(8)} ms           ${peerFromNavigation.toFixed(1).padStart(8)} ms`,
  );
  console.log(`  ratio peer / virtualised (after document start): ${(peerAfterDocument / afterDocument).toFixed(2)}×`);
  console.log(
    `  from the document's first script to first code painted: ${afterFirstScript.toFixed(1)} ms virtualised, ${peerAfterFirstScript.toFixed(1)} ms peer (${(peerAfterFirstScript / afterFirstScript).toFixed(2)}×; target ≤ ${TARGET_MS} ms: ${afterFirstScript <= TARGET_MS ? 'met' : 'missed'})`,
  );
  console.log(
    `  environment floor: a trivial extension page reaches DOMContentLoaded ${median(floor).toFixed(1)} ms after document start (popup's own share ≈ ${(afterDocument - median(floor)).toFixed(1)} ms)`,
  );
  console.log(
    `  paint floor: a trivial extension page paints a line of text ${median(paintFloor).toFixed(1)} ms after document start (popup's share above it ≈ ${(afterDocument - median(paintFloor)).toFixed(1)} ms)`,
  );
  console.log(
    `  content floor: the popup's own first screen (same markup and stylesheet), inserted by a trivial module, paints its first code ${median(contentFloor).toFixed(1)} ms after document start (popup's share above it ≈ ${(afterDocument - median(contentFloor)).toFixed(1)} ms)`,
  );
  const step = (pick: (timing: Timing) => number) => median(virtualised.map(pick)).toFixed(1);
  console.log(
    `  breakdown (virtualised, after document start): first script ${step((t) => t.codeStart)} ms, popup module starts ${step((t) => t.moduleStart)} ms, storage read ${step((t) => t.storageRead)} ms, accounts ready ${step((t) => t.accountsReady)} ms, codes ready ${step((t) => t.codesReady)} ms, first code painted ${afterDocument.toFixed(1)} ms`,
  );
} finally {
  await browser.close();
}
