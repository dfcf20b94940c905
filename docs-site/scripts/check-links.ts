// Internal link and anchor checker for the built site: every href/src that points inside the site must reach a
// file, and every #fragment must name an element id on the target page. Reads dist/ only, never the network.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const distDir = join(import.meta.dirname, '..', 'dist');
const base = normaliseBase(process.env.DOCS_BASE ?? '/');
const siteOrigin = new URL(process.env.DOCS_SITE ?? 'http://127.0.0.1:4321').origin;
/** Any origin works for resolving: only same-origin paths are checked. */
const RESOLVE_ORIGIN = 'http://docs.invalid';

function normaliseBase(value: string): string {
  const withLeading = value.startsWith('/') ? value : `/${value}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

function listHtmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listHtmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** The URL path a file is served at, e.g. dist/en/faq/index.html → /<base>en/faq/ */
function urlPathOf(file: string): string {
  const rel = relative(distDir, file).split(sep).join('/');
  return base + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
}

/** Maps a URL path back to the file a static host would serve for it, or undefined. */
function fileFor(pathname: string): string | undefined {
  if (!pathname.startsWith(base) && `${pathname}/` !== base) return undefined;
  const rel = decodeURIComponent(pathname.slice(base.length));
  const candidate = join(distDir, rel);
  for (const path of [candidate, join(candidate, 'index.html'), `${candidate}.html`]) {
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

const ATTRIBUTE = /\s(href|src)\s*=\s*"([^"]*)"/g;
const ID = /\sid\s*=\s*"([^"]*)"/g;

function stripScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<template\b[\s\S]*?<\/template>/gi, '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set();
    for (const match of readFileSync(file, 'utf8').matchAll(ID)) ids.add(decodeEntities(match[1] ?? ''));
    idCache.set(file, ids);
  }
  return ids;
}

interface Problem {
  page: string;
  link: string;
  reason: string;
}

export function checkLinks(): { pages: number; links: number; problems: Problem[] } {
  if (!existsSync(distDir)) throw new Error(`No build at ${distDir}: run the build first.`);
  const files = listHtmlFiles(distDir);
  const problems: Problem[] = [];
  let links = 0;
  for (const file of files) {
    const pageUrl = new URL(urlPathOf(file), RESOLVE_ORIGIN);
    let html = stripScripts(readFileSync(file, 'utf8'));
    // The not-found page is served at every missing URL, so it has no address of its own: Starlight's
    // canonical/hreflang hints on it name /404/, which no host serves. They are metadata, not links to follow.
    if (file === join(distDir, '404.html')) html = html.replace(/<link\b[^>]*\brel="(canonical|alternate)"[^>]*>/g, '');
    for (const match of html.matchAll(ATTRIBUTE)) {
      const raw = decodeEntities(match[2] ?? '');
      if (raw === '' || /^(mailto|tel|javascript|data):/i.test(raw)) continue;
      let target: URL;
      try {
        target = new URL(raw, pageUrl);
      } catch {
        problems.push({ page: pageUrl.pathname, link: raw, reason: 'not a valid URL' });
        continue;
      }
      // Absolute links to the configured site (canonical, hreflang, sitemap) are internal too.
      const internal = target.origin === RESOLVE_ORIGIN || target.origin === siteOrigin;
      if (!internal) continue;
      links += 1;
      const targetFile = fileFor(target.pathname);
      if (!targetFile) {
        problems.push({ page: pageUrl.pathname, link: raw, reason: `no file for ${target.pathname}` });
        continue;
      }
      if (target.hash.length > 1 && targetFile.endsWith('.html')) {
        const id = decodeURIComponent(target.hash.slice(1));
        if (!idsOf(targetFile).has(id)) {
          problems.push({ page: pageUrl.pathname, link: raw, reason: `no element with id "${id}"` });
        }
      }
    }
  }
  // The sitemap is read by crawlers, not people: each of its addresses must be a page of this build too.
  for (const sitemap of readdirSync(distDir).filter((name) => /^sitemap.*\.xml$/.test(name))) {
    for (const match of readFileSync(join(distDir, sitemap), 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)) {
      links += 1;
      const target = new URL(decodeEntities(match[1] ?? ''));
      if (target.origin !== siteOrigin || !fileFor(target.pathname)) {
        problems.push({ page: `/${sitemap}`, link: target.href, reason: 'not a page of this build' });
      }
    }
  }
  return { pages: files.length, links, problems };
}

if (import.meta.main) {
  const { pages, links, problems } = checkLinks();
  for (const problem of problems) console.error(`✗ ${problem.page} → ${problem.link}: ${problem.reason}`);
  console.log(`${pages} pages, ${links} internal links and anchors checked, ${problems.length} broken.`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
