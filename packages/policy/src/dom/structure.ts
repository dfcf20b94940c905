/**
 * "Copy page structure for a bug report": the shape of a page the checker did not understand, with every value,
 * user name and address replaced by a placeholder. The title, headings and labels are kept only when they are
 * captions of the reader's vocabularies (any of its languages); anything the page holds as data (cells next to labels, control values, link texts, query values, the
 * session token) never is. The result is plain text for the clipboard; nothing is sent anywhere.
 */
import { POLICY } from '../facts.ts';
import { classifyFieldLabel, normalizeLabel, parseEnabledLabel } from '../labels.ts';
import {
  ABOUT_TERMS,
  CARD_SECTION_TERMS,
  FIELD_TERMS,
  foldTerms,
  SECTION_TERMS,
  STATUS_TERMS,
  UI_CAPTION_TERMS,
  USER_TYPE_TERMS,
} from '../vocabulary.ts';
import { inputType, isControl, tagOf, textOf } from './elements.ts';

const MAX_LINES = 400;
const MAX_CAPTION = 60;

/** Text that looks like data rather than a caption: an address, a number, a version, a host, a long token. */
const DATA_LIKE =
  /@|\d{2,}|\b\d+(?:\.\d+)+\b|[0-9a-f]{8,}|[A-Za-z0-9_-]{20,}|\bv\d|\b(?:https?|ftp):|\.[a-z]{2,}\b|[:/\\]{2}/i;

/** Every caption of the reader's vocabularies, folded: a title, heading or label is kept only when it is one. */
const KNOWN_CAPTIONS: ReadonlySet<string> = new Set([
  ...Object.values(FIELD_TERMS).flatMap(foldTerms),
  ...USER_TYPE_TERMS.flatMap(([, terms]) => foldTerms(terms)),
  ...Object.values(STATUS_TERMS).flatMap(foldTerms),
  ...Object.values(ABOUT_TERMS).flatMap(foldTerms),
  ...foldTerms(CARD_SECTION_TERMS),
  ...foldTerms(UI_CAPTION_TERMS),
  ...foldTerms(SECTION_TERMS),
  ...Object.values(POLICY.nmc3.userTypeLabels).map(normalizeLabel),
  ...POLICY.nmc3.userListMenuPath.map(normalizeLabel),
  ...['apc os aos', 'aos', 'nmc', 'apc', 'e mail address', 'adresse e mail', 'one time password', 'product name'],
]);
/** Single words of those captions: a heading made only of them ("Super User Management") is a caption too. */
const KNOWN_WORDS: ReadonlySet<string> = new Set([...KNOWN_CAPTIONS].flatMap((caption) => caption.split(' ')));
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A word written without spaces is known when it is one known caption or two joined ("スーパーユーザ管理"). */
function knownJoined(word: string): boolean {
  if (KNOWN_CAPTIONS.has(word)) return true;
  for (let cut = 1; cut < word.length; cut += 1) {
    if (KNOWN_CAPTIONS.has(word.slice(0, cut)) && KNOWN_CAPTIONS.has(word.slice(cut))) return true;
  }
  return false;
}

/** Whether a caption is made only of the vocabularies' words, none of which the page also holds as data. */
function isKnownCaption(text: string, values: ReadonlySet<string>): boolean {
  const normalized = normalizeLabel(text);
  if (normalized === '') return true;
  if (
    KNOWN_CAPTIONS.has(normalized) ||
    classifyFieldLabel(text) !== undefined ||
    parseEnabledLabel(text) !== undefined
  ) {
    return true;
  }
  return normalized
    .split(' ')
    .every((word) => !values.has(word) && (CJK.test(word) ? knownJoined(word) : KNOWN_WORDS.has(word)));
}

/** A caption kept as written, or a placeholder when it could carry a value or is not one of our vocabularies'. */
function caption(text: string, values: ReadonlySet<string>): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (trimmed.length > MAX_CAPTION || DATA_LIKE.test(trimmed) || values.has(normalizeLabel(trimmed))) {
    return '<text>';
  }
  return isKnownCaption(trimmed, values) ? trimmed : '<text>';
}

/** Every value the page holds as data, normalised, so a caption that repeats one is replaced too. */
function collectValues(doc: Document, url: URL): Set<string> {
  const values = new Set<string>();
  const add = (value: string | null | undefined) => {
    const normalized = normalizeLabel(value ?? '');
    if (normalized.length >= 2) values.add(normalized);
  };
  for (const control of Array.from(doc.querySelectorAll('input, textarea'))) {
    add((control as HTMLInputElement).value);
    add(control.getAttribute('value'));
  }
  for (const option of Array.from(doc.querySelectorAll('option'))) add(textOf(option));
  // A link that carries a query or sits in a table cell names data (usercfg.htm?user=apc); menu links do not.
  for (const link of Array.from(doc.querySelectorAll('a[href]'))) {
    if ((link.getAttribute('href') ?? '').includes('?') || link.closest('td')) add(textOf(link));
  }
  for (const [, value] of url.searchParams) add(value);
  for (const cell of Array.from(doc.querySelectorAll('td'))) {
    if (!cell.classList.contains('dataName') && !cell.classList.contains('dataSection')) add(textOf(cell));
  }
  for (const dd of Array.from(doc.querySelectorAll('dd'))) add(textOf(dd));
  return values;
}

/** `/NMC/<token>/usercfg.htm?user=<value>`: the path without the session token, query values as placeholders. */
function describeUrl(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment, index, segments) => {
      if (segment === '') return '';
      if (index > 0 && segments[index - 1] === 'NMC') return '<token>';
      return /^[A-Za-z0-9_.-]{1,40}$/.test(segment) && !/[0-9a-f]{8,}|\d{3,}/i.test(segment) ? segment : '<segment>';
    })
    .join('/');
  const query = [...url.searchParams.keys()].map((key) => `${caption(key, new Set())}=<value>`).join('&');
  return query ? `${path}?${query}` : path;
}

function controlShape(control: Element): string {
  const type = inputType(control);
  const name = control.getAttribute('name') ?? control.id ?? '';
  const shownName = name === '' ? '' : ` name=${/^[A-Za-z][\w.-]{0,40}$/.test(name) ? name : '<name>'}`;
  if (type === 'checkbox' || type === 'radio')
    return `[${type}${shownName} ${(control as HTMLInputElement).checked ? 'checked' : 'unchecked'}]`;
  if (type === 'select')
    return `[select${shownName} options=${control.querySelectorAll('option').length} selected=<value>]`;
  const empty = ((control as HTMLInputElement).value ?? '') === '';
  return `[${type}${shownName} ${empty ? 'empty' : 'value=<value>'}]`;
}

/** One cell as a shape: its caption when it is a label or heading, otherwise what kind of value it holds. */
function cellShape(cell: Element, values: ReadonlySet<string>): string {
  const controls = Array.from(cell.querySelectorAll('input, select, textarea')).filter(isControl);
  const parts: string[] = [];
  const labelCell =
    tagOf(cell) === 'th' || cell.classList.contains('dataName') || cell.classList.contains('dataSection');
  const text = controls.length > 0 ? '' : textOf(cell);
  if (labelCell && text !== '') parts.push(caption(text, values));
  else if (text !== '') parts.push(cell.querySelector('a[href]') ? '<link>' : '<value>');
  for (const control of controls) parts.push(controlShape(control));
  const classes = Array.from(cell.classList).filter((name) => /^[A-Za-z][\w-]{0,30}$/.test(name));
  const prefix = `${tagOf(cell)}${classes.length > 0 ? `.${classes.join('.')}` : ''}`;
  return parts.length > 0 ? `${prefix} ${parts.join(' ')}` : `${prefix} (empty)`;
}

export function describePageStructure(doc: Document, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('about:blank');
  }
  const values = collectValues(doc, parsed);
  const lines: string[] = [
    'MFA Companion — NMC page structure (values, user names and addresses replaced by placeholders)',
    `path: ${describeUrl(parsed)}`,
    `title: ${caption(doc.title ?? '', values) || '(none)'}`,
  ];
  const root = doc.body ?? doc.documentElement;
  if (root) {
    const selector = 'h1, h2, h3, h4, h5, h6, caption, legend, label, dt, table, form, pre';
    for (const element of Array.from(root.querySelectorAll(selector))) {
      if (lines.length >= MAX_LINES) break;
      const tag = tagOf(element);
      if (tag === 'table') {
        const rows = Array.from((element as HTMLTableElement).rows).filter((row) => row.closest('table') === element);
        const width = Math.max(0, ...rows.map((row) => row.cells.length));
        lines.push(`table rows=${rows.length} columns=${width}`);
        for (const row of rows.slice(0, 40)) {
          if (lines.length >= MAX_LINES) break;
          lines.push(`  tr | ${Array.from(row.cells, (cell) => cellShape(cell, values)).join(' | ')}`);
        }
        if (rows.length > 40) lines.push(`  … ${rows.length - 40} more rows`);
      } else if (tag === 'form') {
        const fields = Array.from(element.querySelectorAll('input, select, textarea')).filter(isControl);
        lines.push(`form fields: ${fields.map(controlShape).join(' ') || '(none)'}`);
      } else if (tag === 'pre') {
        lines.push(`pre lines=${(element.textContent ?? '').split('\n').length}`);
      } else if (tag === 'dt') {
        lines.push(`dt ${caption(textOf(element), values)} → dd <value>`);
      } else if (tag === 'label') {
        lines.push(`label ${caption(textOf(element), values)}`);
      } else {
        lines.push(`${tag} ${caption(textOf(element), values)}`);
      }
    }
  }
  lines.push('outline:', ...outline(root));
  return `${lines.join('\n')}\n`;
}

const OUTLINE_LINES = 80;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'option']);

/** The element tree as tag.class paths with counts (no text, no ids, no attributes): the shape of any layout. */
function outline(root: Element | null): string[] {
  if (!root) return [];
  const counts = new Map<string, number>();
  const visit = (element: Element, path: string, depth: number) => {
    for (const child of Array.from(element.children)) {
      const tag = tagOf(child);
      if (SKIPPED.has(tag)) continue;
      const classes = Array.from(child.classList).filter(
        (name) => /^[A-Za-z][\w-]{0,30}$/.test(name) && !/\d{3,}/.test(name),
      );
      const step = `${tag}${classes.length > 0 ? `.${classes.slice(0, 3).join('.')}` : ''}`;
      const here = path === '' ? step : `${path} > ${step}`;
      counts.set(here, (counts.get(here) ?? 0) + 1);
      if (depth < 8 && counts.size < 400) visit(child, here, depth + 1);
    }
  };
  visit(root, '', 0);
  return [...counts].slice(0, OUTLINE_LINES).map(([path, count]) => `  ${path}${count > 1 ? ` ×${count}` : ''}`);
}
