// `pnpm bench` for the docs site: build time, Pagefind index size, and search latency in real Chromium, against a
// peer measured in the same run: a naive full-text scan over the same pages, also in the browser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { launchBrowser, REPO_ROOT } from '../lib/browser.ts';
import { serveDirectory } from '../lib/static-server.ts';

const DOCS_DIR = join(REPO_ROOT, 'docs-site');
const BUILD_RUNS = 2;
const SEARCH_ROUNDS = 5;

/** Readers' queries, each with the page they need first: the same table as the E2E (docs-site/test/). */
const QUERY_TABLE = JSON.parse(readFileSync(join(DOCS_DIR, 'test/search-queries.json'), 'utf8')) as Record<
  'en' | 'fr',
  Array<{ query: string; expected: string }>
>;
const QUERIES: Record<'en' | 'fr', Array<[query: string, expected: string]>> = {
  en: QUERY_TABLE.en.map(({ query, expected }) => [query, expected]),
  fr: QUERY_TABLE.fr.map(({ query, expected }) => [query, expected]),
};
/** The ranking the site's search dialog uses (astro.config.mjs reads the same file). */
const SEARCH_RANKING = JSON.parse(readFileSync(join(DOCS_DIR, 'src/search-ranking.json'), 'utf8')) as Record<
  string,
  unknown
>;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? directoryBytes(path) : statSync(path).size);
  }, 0);
}

function htmlPages(root: string, lang: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name === 'index.html' ? [join(dir, entry.name)] : [],
    );
  return walk(join(root, lang)).map(
    (file) =>
      `/${relative(root, file)
        .split(sep)
        .join('/')
        .replace(/index\.html$/, '')}`,
  );
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

// 1. Build time: a full `astro build` (pages, islands, Pagefind index, sitemap) into a scratch directory.
const outDir = mkdtempSync(join(tmpdir(), 'mfa-docs-bench-'));
const buildTimes: number[] = [];
for (let run = 0; run < BUILD_RUNS; run += 1) {
  const started = performance.now();
  const result = spawnSync('pnpm', ['exec', 'astro', 'build', '--outDir', outDir], { cwd: DOCS_DIR, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('docs build failed');
  }
  buildTimes.push(performance.now() - started);
}

// 2. Index size: what a reader's browser may download to search, split into the per-language index and the engine.
const pagefindDir = join(outDir, 'pagefind');
const indexBytes = ['index', 'fragment']
  .map((sub) => directoryBytes(join(pagefindDir, sub)))
  .reduce((a, b) => a + b, 0);
const totalPagefindBytes = directoryBytes(pagefindDir);
const pages = { en: htmlPages(outDir, 'en'), fr: htmlPages(outDir, 'fr') };
const htmlBytes = [...pages.en, ...pages.fr].reduce(
  (sum, path) => sum + statSync(join(outDir, path, 'index.html')).size,
  0,
);

// 3. Search latency in Chromium: Pagefind (the site's search) against a naive scan of the same pages' text.
const server = await serveDirectory({ root: outDir });
const browser = await launchBrowser();
interface LangResult {
  pagefindSamples: number[];
  naiveSamples: number[];
  pagefindColdMs: number;
  /** What the first search downloaded: engine, WASM, language index and the fragments it opened. */
  pagefindBytes: number;
  naiveLoadMs: number;
  naiveBytes: number;
  pagefindFirstRight: number;
  naiveFirstRight: number;
}
const results: Record<string, LangResult> = {};
try {
  for (const lang of ['en', 'fr'] as const) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}${lang}/`);
    results[lang] = await page.evaluate(
      async ({ queries, paths, rounds, ranking }) => {
        type PagefindResult = { data(): Promise<{ url: string }> };
        type Pagefind = {
          options(options: object): Promise<void>;
          init(): Promise<void>;
          search(q: string): Promise<{ results: PagefindResult[] }>;
        };
        const topUrls = async (pagefind: Pagefind, query: string) => {
          const { results } = await pagefind.search(query);
          return Promise.all(results.slice(0, 5).map((result) => result.data().then((data) => data.url)));
        };

        // Pagefind, cold: engine and index chunks loaded on first use, as for a reader who just opened the dialog.
        const coldStart = performance.now();
        const pagefind = (await import(`${location.origin}/pagefind/pagefind.js`)) as Pagefind;
        await pagefind.options({ ranking });
        await pagefind.init();
        await topUrls(pagefind, queries[0]?.[0] ?? '');
        const pagefindColdMs = performance.now() - coldStart;
        const pagefindBytes = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/pagefind/'))
          .reduce((sum, entry) => sum + ((entry as PerformanceResourceTiming).encodedBodySize || 0), 0);

        // The naive peer: fetch every page of this language, keep its main text, scan it for the query words.
        const loadStart = performance.now();
        let naiveBytes = 0;
        const documents = await Promise.all(
          paths.map(async (path) => {
            const html = await (await fetch(path)).text();
            naiveBytes += html.length;
            const doc = new DOMParser().parseFromString(html, 'text/html');
            const main = doc.querySelector('main') ?? doc.body;
            const title = doc.querySelector('h1')?.textContent ?? '';
            return { url: path, title: title.toLowerCase(), text: (main.textContent ?? '').toLowerCase() };
          }),
        );
        const naiveLoadMs = performance.now() - loadStart;
        const naiveSearch = (query: string) => {
          const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
          const scored = documents.map((doc) => {
            let score = 0;
            for (const term of terms) {
              for (let at = doc.text.indexOf(term); at !== -1; at = doc.text.indexOf(term, at + term.length))
                score += 1;
              if (doc.title.includes(term)) score += 10;
            }
            return { url: doc.url, score };
          });
          return scored
            .filter((entry) => entry.score > 0)
            .sort((a, b) => b.score - a.score)
            .slice(0, 5)
            .map((entry) => entry.url);
        };

        const pagefindSamples: number[] = [];
        const naiveSamples: number[] = [];
        let pagefindFirstRight = 0;
        let naiveFirstRight = 0;
        for (let round = 0; round < rounds; round += 1) {
          for (const [query, expected] of queries) {
            let started = performance.now();
            const pagefindTop = await topUrls(pagefind, query);
            pagefindSamples.push(performance.now() - started);
            started = performance.now();
            const naiveTop = naiveSearch(query);
            naiveSamples.push(performance.now() - started);
            if (round === 0) {
              if (pagefindTop[0]?.endsWith(expected)) pagefindFirstRight += 1;
              if (naiveTop[0]?.endsWith(expected)) naiveFirstRight += 1;
            }
          }
        }
        return {
          pagefindSamples,
          naiveSamples,
          pagefindColdMs,
          pagefindBytes,
          naiveLoadMs,
          naiveBytes,
          pagefindFirstRight,
          naiveFirstRight,
        };
      },
      { queries: QUERIES[lang], paths: pages[lang], rounds: SEARCH_ROUNDS, ranking: SEARCH_RANKING },
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

console.log('docs site');
console.log(`  build (astro + Pagefind + sitemap): ${buildTimes.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`);
console.log(`  pages: ${pages.en.length} en + ${pages.fr.length} fr, ${kib(htmlBytes)} of HTML`);
console.log(`  Pagefind index (both languages): ${kib(indexBytes)}; with engine and UI: ${kib(totalPagefindBytes)}`);
for (const lang of ['en', 'fr'] as const) {
  const r = results[lang];
  if (!r) continue;
  const pagefindP95 = percentile(r.pagefindSamples, 95);
  const naiveP95 = percentile(r.naiveSamples, 95);
  const count = QUERIES[lang].length;
  console.log(`  search ${lang} (${r.pagefindSamples.length} searches, top 5 results with their data):`);
  console.log(
    `    Pagefind      p50 ${ms(percentile(r.pagefindSamples, 50))}  p95 ${ms(pagefindP95)}  cold first search ${ms(r.pagefindColdMs)} for ${kib(r.pagefindBytes)}  expected page first ${r.pagefindFirstRight}/${count}`,
  );
  console.log(
    `    naive scan    p50 ${ms(percentile(r.naiveSamples, 50))}  p95 ${ms(naiveP95)}  preload ${ms(r.naiveLoadMs)} for ${kib(r.naiveBytes)} of HTML  expected page first ${r.naiveFirstRight}/${count}`,
  );
  console.log(
    `    ratio p95 Pagefind / naive: ${(pagefindP95 / naiveP95).toFixed(2)}×; cold Pagefind vs naive preload: ${(r.pagefindColdMs / r.naiveLoadMs).toFixed(2)}×`,
  );
}
