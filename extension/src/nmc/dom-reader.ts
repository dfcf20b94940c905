/**
 * Reads an NMC Web UI page by meaning, not by markup: the same recognisers as the text parser in
 * @mfa-companion/policy decide what a header, a form label or a summary line stands for.
 */
import {
  classifyFieldLabel,
  classifySettingLabel,
  detectNmcColumns,
  type NmcColumns,
  type NmcUser,
  normalizeLabel,
  parseEnabledLabel,
  parseFirmwareVersion,
  readUserRow,
} from '@mfa-companion/policy';
import type { NmcPageRead } from './types';

const cellText = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * What a table cell shows, including values held in form controls (an editable grid shows an address in an
 * `<input>`, which `textContent` does not contain: read as text alone, it would look like a blank e-mail).
 */
function cellValue(cell: Element): string {
  const text = cellText(cell);
  const controls = Array.from(cell.querySelectorAll('input, select, textarea'));
  if (controls.length === 0) return text;
  const values: string[] = text === '' ? [] : [text];
  for (const control of controls) {
    if (control instanceof HTMLSelectElement) values.push(control.selectedOptions[0]?.text.trim() ?? '');
    else if (control instanceof HTMLTextAreaElement) values.push(control.value.trim());
    else if (control instanceof HTMLInputElement) {
      if (control.type === 'checkbox' || control.type === 'radio') {
        // A lone box stands for its state (a status column), a box next to text adds nothing to it.
        if (text === '') values.push(control.checked ? '✓' : '☐');
      } else if (!['hidden', 'password', 'button', 'submit', 'reset', 'image'].includes(control.type)) {
        values.push(control.value.trim());
      }
    }
  }
  return values.filter((value) => value !== '').join(' ');
}

/** How many rows from the top may hold the column headers (a title row or a filter row can come first). */
const HEADER_ROWS_SEARCHED = 5;

/** Everything this page tells about the NMC, or `undefined` when it shows none of it. */
export function readNmcPage(document: Document, pageUrl: string): NmcPageRead | undefined {
  const read: NmcPageRead = {};
  const list = readUserTable(document, pageUrl);
  if (list) read.list = list;
  const user = readUserForm(document);
  if (user) read.user = user;
  const settings = readSettings(document);
  if (settings) read.settings = settings;
  return read.list || read.user || read.settings ? read : undefined;
}

/** The first of the table's top rows whose cells name a user list's columns, with those columns. */
function headerOf(table: HTMLTableElement): { row: HTMLTableRowElement; columns: NmcColumns } | undefined {
  const rows = Array.from(table.rows).filter((row) => row.closest('table') === table);
  for (const row of rows.slice(0, HEADER_ROWS_SEARCHED)) {
    const columns = detectNmcColumns(Array.from(row.cells, cellText));
    if (columns) return { row, columns };
  }
  return undefined;
}

export function readUserTable(document: Document, pageUrl: string): NmcPageRead['list'] {
  const origin = new URL(pageUrl).origin;
  for (const table of Array.from(document.querySelectorAll('table'))) {
    const header = headerOf(table);
    if (!header) continue;
    const { row: headerRow, columns } = header;
    const users: NmcUser[] = [];
    const userPages: Record<string, string> = {};
    let belowHeader = false;
    for (const row of Array.from(table.rows)) {
      if (row === headerRow) belowHeader = true;
      if (!belowHeader || row === headerRow || row.closest('table') !== table) continue;
      const outcome = readUserRow(columns, Array.from(row.cells, cellValue));
      if (outcome.kind !== 'user') continue;
      users.push(outcome.user);
      const href = row.cells[columns.name]?.querySelector('a[href]')?.getAttribute('href');
      const page = href ? sameOriginUrl(href, pageUrl, origin) : undefined;
      if (page) userPages[outcome.user.name] = page;
    }
    if (users.length === 0) continue;
    const page = pagerPosition(document);
    return page ? { users, userPages, page } : { users, userPages };
  }
  return undefined;
}

function sameOriginUrl(href: string, base: string, origin: string): string | undefined {
  try {
    const url = new URL(href, base);
    return url.origin === origin && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Page 1 of 3" / "Page 1 sur 3", or "Showing 1 to 10 of 25 entries" / "Affichage de 1 à 10 sur 25": the table
 * shows only some of the users.
 */
function pagerPosition(document: Document): { number: number; count: number } | undefined {
  const text = (document.body?.textContent ?? '').replace(/\s+/g, ' ');
  const match = /\bpage\s*(\d{1,4})\s*(?:of|sur|\/)\s*(\d{1,4})\b/i.exec(text);
  let number = Number(match?.[1]);
  let count = Number(match?.[2]);
  if (!match) {
    const range =
      /\b(?:showing|affichage(?: de l.élément| des éléments)?(?: de)?)\s*(\d{1,5})\s*(?:to|-|–|à)\s*(\d{1,5})\s*(?:of|sur)\s*(\d{1,5})\b/i.exec(
        text,
      );
    const first = Number(range?.[1]);
    const last = Number(range?.[2]);
    const total = Number(range?.[3]);
    const size = last - first + 1;
    if (range && first >= 1 && size >= 1 && total > last && (first - 1) % size === 0) {
      number = (first - 1) / size + 1;
      count = Math.ceil(total / size);
    } else if (range && first >= 1 && last < total) {
      // A last page shorter than the others: its position cannot be told, only that others exist.
      return undefined;
    }
  }
  return count > 1 && number >= 1 && number <= count ? { number, count } : undefined;
}

type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function controlFor(label: HTMLLabelElement): FormControl | undefined {
  const control = label.control ?? label.closest('tr, .row, li, p, div')?.querySelector('input, select, textarea');
  if (
    control instanceof HTMLInputElement ||
    control instanceof HTMLSelectElement ||
    control instanceof HTMLTextAreaElement
  ) {
    return control;
  }
  return undefined;
}

const ACCOUNT_STATUS_LABELS = new Set(['access', 'acces', 'account access', 'acces au compte', 'enable', 'activer']);

function isAccountStatusLabel(label: string): boolean {
  return ACCOUNT_STATUS_LABELS.has(normalizeLabel(label)) || classifyFieldLabel(label) === 'status';
}

/** A user's edit form: it has a user-name field and the E-mail Address field. Passwords are never read. */
export function readUserForm(document: Document): NmcUser | undefined {
  const values: Partial<Record<'name' | 'email' | 'userType' | 'status', string>> = {};
  for (const label of Array.from(document.querySelectorAll('label'))) {
    const control = controlFor(label);
    if (!control || (control instanceof HTMLInputElement && control.type === 'password')) continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      // An "Access: [x] Enable" box is the account status; other boxes on the page ("Serial Remote
      // Authentication Override: [x] Enable", "Event Log Color Coding") say nothing about it.
      if (isAccountStatusLabel(cellText(label))) values.status ??= control.checked ? 'enabled' : 'disabled';
      continue;
    }
    const field = classifyFieldLabel(cellText(label));
    if (!field || values[field] !== undefined) continue;
    values[field] = control instanceof HTMLSelectElement ? (control.selectedOptions[0]?.text ?? '') : control.value;
  }
  if (values.name === undefined || values.email === undefined || values.name.trim() === '') return undefined;
  const user: NmcUser = { name: values.name.trim(), email: values.email.trim() };
  if (values.userType?.trim()) user.userType = values.userType.trim();
  if (values.status !== undefined) {
    const enabled = parseEnabledLabel(values.status);
    if (enabled !== undefined) user.enabled = enabled;
  }
  return user;
}

/** MFA switch and firmware version from label/value pairs (definition lists or two-cell rows). */
export function readSettings(document: Document): NmcPageRead['settings'] {
  const settings: NonNullable<NmcPageRead['settings']> = {};
  const pairs: Array<[string, string]> = [];
  for (const term of Array.from(document.querySelectorAll('dt'))) {
    const value = term.nextElementSibling;
    if (value?.tagName === 'DD') pairs.push([cellText(term), cellText(value)]);
  }
  for (const row of Array.from(document.querySelectorAll('tr'))) {
    const [label, value] = Array.from(row.cells);
    if (row.cells.length === 2 && label && value) pairs.push([cellText(label), cellText(value)]);
  }
  for (const [label, value] of pairs) {
    const setting = classifySettingLabel(label);
    if (setting === 'mfa' && settings.mfaEnabled === undefined) {
      const enabled = parseEnabledLabel(value);
      if (enabled !== undefined) settings.mfaEnabled = enabled;
    } else if (setting === 'firmware' && settings.firmwareVersion === undefined && parseFirmwareVersion(value)) {
      settings.firmwareVersion = value;
    }
  }
  return settings.mfaEnabled !== undefined || settings.firmwareVersion !== undefined ? settings : undefined;
}
