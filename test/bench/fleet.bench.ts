// NMC fleet view with 1,000 hosts, in real Chromium with the built extension: the first render, the re-render after
// one host changes (what a "Check again" or a banner report causes), and the CSV and JSON exports, each timed by the
// options page itself (performance.measure). Target: ≤ 100 ms each. Peer in the same run and the same page: a naive
// full re-render that rebuilds all 1,000 rows with DOM calls, and a naive CSV/JSON join of the same data.
// Run: node bench/fleet.bench.ts (after building the extension).
import type { Page } from 'playwright-core';
import { optionsUrl } from '../e2e/extension-helpers.ts';
import { launchBrowser } from '../lib/browser.ts';

const HOSTS = 1_000;
const RUNS = 5;
const TARGET_MS = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** What the background stores per checked NMC: a few users, MFA seen, a card; a mix of verdicts. */
function hostKnowledge(index: number) {
  const origin = `http://nmc-${String(index).padStart(4, '0')}.lan`;
  const blank = index % 3 === 0;
  return {
    origin,
    users: [
      {
        name: 'apc',
        email: 'set',
        userType: 'Super User',
        enabled: true,
        page: `${origin}/NMC/t0k3n12345/usercfg.htm?user=apc`,
      },
      {
        name: `fw-${index}`,
        email: blank ? 'blank' : index % 3 === 1 ? 'set' : 'unknown',
        userType: 'Administrator',
        enabled: true,
      },
      { name: 'viewer', email: 'blank', userType: 'Read-Only User', enabled: true },
    ],
    mfa: { value: index % 5 !== 0, source: 'page' },
    firmwareVersion: 'v3.4.0.7',
    firmwareSource: 'page',
    model: index % 7 === 0 ? 'AP9631' : 'AP9641',
    generation: index % 7 === 0 ? 'nmc2' : 'nmc3',
    updatedAt: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
    listPage: `${origin}/NMC/t0k3n12345/userman.htm`,
  };
}

async function lastMeasure(page: Page, name: string, count: number): Promise<number> {
  await page.waitForFunction(
    ([measure, expected]) => performance.getEntriesByName(measure as string).length >= (expected as number),
    [name, count] as const,
    { timeout: 30_000 },
  );
  return page.evaluate(
    ([measure, index]) =>
      performance.getEntriesByName(measure as string)[(index as number) - 1]?.duration ?? Number.NaN,
    [name, count] as const,
  );
}

/**
 * The peer: every row rebuilt from scratch with DOM calls, as a view without windowing or per-row reuse does on any
 * change: 1,000 rows of the stored data's cells, put into a table on the page.
 */
function naiveFullRerender(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<object> } } } })
      .chrome;
    const hosts = Object.entries(await api.storage.local.get(null))
      .filter(([key]) => key.startsWith('nmc:host:'))
      .map(([, value]) => value as Record<string, unknown>);
    const table = document.createElement('table');
    const tbody = table.createTBody();
    document.body.append(table);
    const start = performance.now();
    const fresh = hosts.map((host) => {
      const tr = document.createElement('tr');
      for (const key of ['origin', 'updatedAt', 'generation', 'model', 'firmwareVersion', 'users', 'mfa']) {
        const td = document.createElement('td');
        const value = host[key];
        td.textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
        tr.append(td);
      }
      return tr;
    });
    tbody.replaceChildren(...fresh);
    const elapsed = performance.now() - start;
    table.remove();
    return elapsed;
  });
}

/** The peer for the exports: a naive join of the same stored data, no quoting, no neutralising, no escapes. */
function naiveExports(page: Page): Promise<{ csv: number; json: number }> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<object> } } } })
      .chrome;
    const hosts = Object.entries(await api.storage.local.get(null))
      .filter(([key]) => key.startsWith('nmc:host:'))
      .map(([, value]) => value as Record<string, unknown>);
    let start = performance.now();
    hosts.map((host) => Object.values(host).map(String).join(',')).join('\n');
    const csv = performance.now() - start;
    start = performance.now();
    JSON.stringify(hosts, null, 2);
    return { csv, json: performance.now() - start };
  });
}

const browser = await launchBrowser({ extension: true });
try {
  const worker = browser.serviceWorker;
  if (!worker) throw new Error('extension service worker missing');
  const entries = Object.fromEntries(
    Array.from({ length: HOSTS }, (_, index) => {
      const host = hostKnowledge(index);
      return [`nmc:host:${host.origin}`, host];
    }),
  );
  await worker.evaluate(async (items) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } })
      .chrome;
    await api.storage.local.set(items);
  }, entries);

  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const firstRender: number[] = [];
  const oneHostChanged: number[] = [];
  const peerRerender: number[] = [];
  const csv: number[] = [];
  const json: number[] = [];
  const peerCsv: number[] = [];
  const peerJson: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    await page.goto(optionsUrl(browser));
    const rendered = await lastMeasure(page, 'nmc-fleet-render', 1);
    // The table draws only the rows in view; aria-rowcount (header row included) says it holds them all.
    const rows = Number(await page.locator('.nmc-fleet-table').getAttribute('aria-rowcount')) - 1;
    if (rows !== HOSTS) throw new Error(`expected ${HOSTS} rows, saw ${rows}`);
    // One host changes (a "Check again" or a report from its banner): the view reloads the fleet and re-renders.
    await worker.evaluate(async (host) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } })
        .chrome;
      await api.storage.local.set({ [`nmc:host:${host.origin}`]: { ...host, updatedAt: new Date().toISOString() } });
    }, hostKnowledge(500));
    const changed = await lastMeasure(page, 'nmc-fleet-render', 2);
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const csvTime = await lastMeasure(page, 'nmc-fleet-export-csv', 1);
    const jsonTime = await lastMeasure(page, 'nmc-fleet-export-json', 1);
    const peer = await naiveFullRerender(page);
    const peerExports = await naiveExports(page);
    if (run === 0) continue; // warm-up: compile caches
    firstRender.push(rendered);
    oneHostChanged.push(changed);
    peerRerender.push(peer);
    csv.push(csvTime);
    json.push(jsonTime);
    peerCsv.push(peerExports.csv);
    peerJson.push(peerExports.json);
  }
  const figures: Array<[string, number, number]> = [
    ['first render, 1,000 hosts', median(firstRender), median(peerRerender)],
    ['re-render after one host changed', median(oneHostChanged), median(peerRerender)],
    ['CSV export, 1,000 hosts', median(csv), median(peerCsv)],
    ['JSON export, 1,000 hosts', median(json), median(peerJson)],
  ];
  console.log(`NMC fleet view, ${HOSTS} hosts, median of ${RUNS} runs (peer: naive full re-render / naive join)`);
  let over = false;
  for (const [name, ours, peer] of figures) {
    console.log(
      `${name.padEnd(36)} ${ours.toFixed(1).padStart(7)} ms   peer ${peer.toFixed(1).padStart(7)} ms   ratio ${(ours / peer).toFixed(2)}×`,
    );
    if (!(ours <= TARGET_MS)) over = true;
  }
  console.log(over ? `OVER TARGET (${TARGET_MS} ms)` : `within target (≤ ${TARGET_MS} ms each)`);
  process.exitCode = over ? 1 : 0;
} finally {
  await browser.close();
}
