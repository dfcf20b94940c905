// The real-world autofill corpus: its manifest, the list of pages the current engine still gets wrong, and the one
// way every consumer (unit test, bench, E2E) scores a detector's choice on a page, so their figures agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = import.meta.dirname;

/** What a page asks for, from what the real product does (not from what any detector decides). */
export type StepKind =
  | 'authenticator'
  | 'delivered'
  | 'recovery'
  | 'authenticator-or-recovery'
  | 'password'
  | 'appended'
  | 'unknown';

/** Only these steps take a code from the user's authenticator. */
export const FILLING_KINDS: ReadonlySet<StepKind> = new Set(['authenticator', 'authenticator-or-recovery']);

export type CorpusSource = { repo: string; path: string } | { url: string; title: string };

export interface CorpusPage {
  file: string;
  product: string;
  category: string;
  /** BCP 47 primary language of the page's text. */
  language: string;
  kind: StepKind;
  /** The field, or every box of a split row, that must receive the code; null: nothing may be filled. */
  target: string | null;
  /** How the page shows codes when special (`123 456`). */
  format?: string;
  /** Host name the page is served under in the browser suites (`*.corpus.lan`, resolved to 127.0.0.1). */
  host: string;
  source: CorpusSource;
  note?: string;
}

export interface KnownMiss {
  file: string;
  /** What the current engine does wrong there. */
  reason: string;
}

export function loadCorpus(): CorpusPage[] {
  return (JSON.parse(readFileSync(join(CORPUS_DIR, 'corpus.json'), 'utf8')) as { pages: CorpusPage[] }).pages;
}

/**
 * Pages the engine of the day still gets wrong, reported but not yet failed on (see known-misses.json). Emptying
 * the list makes every suite strict.
 */
export function loadKnownMisses(): Map<string, string> {
  const { misses } = JSON.parse(readFileSync(join(CORPUS_DIR, 'known-misses.json'), 'utf8')) as {
    misses: KnownMiss[];
  };
  return new Map(misses.map((miss) => [miss.file, miss.reason]));
}

export function readPage(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}

/**
 * - `right`: the code went exactly where it belongs, or nothing was filled where nothing may be;
 * - `missed`: a code field was left empty (costs recall, harmless);
 * - `wrong`: a code went somewhere it should not (another field, or any field on a no-fill page): a precision
 *   failure, the one that types an authenticator code into a password box or an e-mailed-code field.
 */
export type Outcome = 'right' | 'missed' | 'wrong';

/**
 * Scores a choice given as positions among the page's `<input>` elements (document order), so a browser page and
 * jsdom report the same way. `chosen` is empty when the detector filled nothing.
 */
export function scoreChoice(expected: readonly number[], chosen: readonly number[]): Outcome {
  if (chosen.length === 0) return expected.length === 0 ? 'right' : 'missed';
  const same = chosen.length === expected.length && chosen.every((index, i) => index === expected[i]);
  return same ? 'right' : 'wrong';
}

export interface PageResult {
  page: CorpusPage;
  outcome: Outcome;
}

export interface Tally {
  pages: number;
  /** Pages that have a code field. */
  codePages: number;
  /** Code-field pages filled right. */
  filledRight: number;
  /** Pages where a code went anywhere it should not. */
  wrongFills: number;
  /** No-fill pages left alone. */
  leftAlone: number;
}

export function tally(results: readonly PageResult[]): Tally {
  const sum: Tally = { pages: 0, codePages: 0, filledRight: 0, wrongFills: 0, leftAlone: 0 };
  for (const { page, outcome } of results) {
    sum.pages++;
    if (page.target) {
      sum.codePages++;
      if (outcome === 'right') sum.filledRight++;
    } else if (outcome === 'right') sum.leftAlone++;
    if (outcome === 'wrong') sum.wrongFills++;
  }
  return sum;
}

/** Recall in percent (code-field pages filled right), one decimal; 100 when there is no code page. */
export function recallPercent(sum: Tally): number {
  return sum.codePages === 0 ? 100 : Math.round((sum.filledRight / sum.codePages) * 1000) / 10;
}

/** Results grouped by a key (language, step kind), keys sorted. */
export function groupBy(results: readonly PageResult[], key: (page: CorpusPage) => string): Map<string, Tally> {
  const groups = new Map<string, PageResult[]>();
  for (const result of results) {
    const name = key(result.page);
    groups.set(name, [...(groups.get(name) ?? []), result]);
  }
  return new Map(
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => [name, tally(list)]),
  );
}

/** One line of figures: `wrong fills 0 · recall 47/49 (95.9%) · no-fill pages left alone 31/31`. */
export function describeTally(sum: Tally): string {
  const noFill = sum.pages - sum.codePages;
  return (
    `wrong fills ${sum.wrongFills} · recall ${sum.filledRight}/${sum.codePages} (${recallPercent(sum)}%)` +
    (noFill ? ` · no-fill pages left alone ${sum.leftAlone}/${noFill}` : '')
  );
}
