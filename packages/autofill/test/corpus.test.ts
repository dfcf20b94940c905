// The real-world corpus (test/corpus/autofill/): every page rebuilt from a real product's public template, with the
// field that must get the code — or none — taken from what the product does. findBestOtpTarget is the decision of
// which field gets a code; describeStep (when the package exports it) is checked against each page's step kind.
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CorpusPage,
  describeTally,
  FILLING_KINDS,
  groupBy,
  loadCorpus,
  loadKnownMisses,
  type PageResult,
  readPage,
  scoreChoice,
  tally,
} from '../../../test/corpus/autofill/corpus.ts';
import * as dom from '../src/dom.ts';
import { jsdomIsVisible } from './dom-helpers.ts';

const pages = loadCorpus();
const knownMisses = loadKnownMisses();
const CODE = '492039';

/** `describeStep(root) → { kind }`, once the engine exports it (feature-detected so this file runs before and after). */
const describeStep = (dom as Record<string, unknown>).describeStep as
  | ((root: Document, options?: dom.DetectOptions) => { kind: string } | undefined)
  | undefined;

function openPage(page: CorpusPage): JSDOM {
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    throw error;
  });
  return new JSDOM(readPage(page.file), {
    url: `https://${page.host}/${page.file}`,
    runScripts: 'dangerously',
    pretendToBeVisual: true,
    virtualConsole,
  });
}

function targetInputs(target: dom.OtpTarget | undefined): HTMLInputElement[] {
  if (!target) return [];
  return target.kind === 'single' ? [target.input] : target.inputs;
}

function positions(document: Document, inputs: readonly Element[]): number[] {
  const all = [...document.getElementsByTagName('input')];
  return inputs.map((input) => all.indexOf(input as HTMLInputElement));
}

const results: PageResult[] = [];
const stepKinds: { page: CorpusPage; kind: string | undefined }[] = [];
const unexpected: string[] = [];
const nowPassing: string[] = [];

describe('real-world corpus', () => {
  it('has at least 60 pages from 40 products in 8 languages, 15 of them where nothing may be filled', () => {
    expect(pages.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pages.map((page) => page.product.replace(/ \(.*\)$/, ''))).size).toBeGreaterThanOrEqual(40);
    expect(new Set(pages.map((page) => page.language)).size).toBeGreaterThanOrEqual(8);
    expect(pages.filter((page) => page.target === null).length).toBeGreaterThanOrEqual(15);
    for (const page of pages) {
      // A code field exactly where the step takes an authenticator code, and nowhere else.
      expect(page.target !== null, page.file).toBe(FILLING_KINDS.has(page.kind));
    }
    for (const file of knownMisses.keys()) expect(pages.map((page) => page.file)).toContain(file);
  });

  it.each(pages)('$file ($product, $language, $kind)', (page) => {
    const window = openPage(page).window;
    const document = window.document;
    const expected = page.target ? [...document.querySelectorAll(page.target)] : [];
    if (page.target) expect(expected.length, `${page.target} matches nothing`).toBeGreaterThan(0);
    const best = dom.findBestOtpTarget(document, { isVisible: jsdomIsVisible });
    const outcome = scoreChoice(positions(document, expected), positions(document, targetInputs(best)));
    results.push({ page, outcome });
    if (describeStep) stepKinds.push({ page, kind: describeStep(document, { isVisible: jsdomIsVisible })?.kind });

    const knownMiss = knownMisses.get(page.file);
    if (knownMiss !== undefined) {
      if (outcome === 'right') nowPassing.push(page.file);
      window.close();
      return;
    }
    if (outcome !== 'right') unexpected.push(`${page.file}: ${outcome}`);
    expect(
      outcome,
      `${page.file}: the code ${outcome === 'missed' ? 'was not filled' : 'went to the wrong place'}`,
    ).toBe('right');
    if (best) {
      expect(dom.fillOtpTarget(best, CODE)).toMatchObject({ ok: true });
      const typed = targetInputs(best)
        .map((input) => input.value)
        .join('');
      // A page that shows codes as "123 456" may keep the space; the digits must be the code's.
      expect(typed.replace(/\s/g, '')).toBe(CODE);
    }
    window.close();
  });

  afterAll(() => {
    const lines = [`corpus (jsdom): ${describeTally(tally(results))}`];
    for (const [kind, sum] of groupBy(results, (page) => page.kind))
      lines.push(`  kind ${kind}: ${describeTally(sum)}`);
    for (const [language, sum] of groupBy(results, (page) => page.language))
      lines.push(`  language ${language}: ${describeTally(sum)}`);
    const misses = results.filter((result) => knownMisses.has(result.page.file) && result.outcome !== 'right');
    if (misses.length) {
      lines.push(`known misses still wrong (${misses.length}, not failed on yet — see known-misses.json):`);
      for (const { page, outcome } of misses) lines.push(`  ${page.file}: ${outcome} — ${knownMisses.get(page.file)}`);
    }
    if (nowPassing.length)
      lines.push(`known misses now right (remove them from known-misses.json): ${nowPassing.join(', ')}`);
    if (describeStep) {
      const agree = stepKinds.filter(({ page, kind }) => kind === page.kind);
      lines.push(`describeStep agrees with the manifest on ${agree.length}/${stepKinds.length} pages`);
      for (const [kind, sum] of groupBy(
        stepKinds.map(({ page, kind: said }) => ({ page, outcome: said === page.kind ? 'right' : 'wrong' })),
        (page) => page.kind,
      ))
        lines.push(`  ${kind}: ${sum.pages - sum.wrongFills}/${sum.pages}`);
      for (const { page, kind } of stepKinds)
        if (kind !== page.kind)
          lines.push(`  ${page.file}: describeStep says ${kind}, the product asks for ${page.kind}`);
    } else lines.push('describeStep is not exported by @mfa-companion/autofill/dom yet: step kinds not checked');
    if (unexpected.length) lines.push(`unexpected failures: ${unexpected.join('; ')}`);
    console.info(lines.join('\n'));
  });
});
