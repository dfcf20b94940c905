/**
 * Reads an NMC Web UI page by meaning, not by markup: the same recognisers as the text parser in
 * @mfa-companion/policy decide what a header, a form label or a summary line stands for.
 */
import {
  classifyFieldLabel,
  classifySettingLabel,
  detectNmcColumns,
  type NmcUser,
  parseEnabledLabel,
  parseFirmwareVersion,
  readUserRow,
} from '@mfa-companion/policy';
import type { NmcPageRead } from './types';

const cellText = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

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

function headerRowOf(table: HTMLTableElement): HTMLTableRowElement | undefined {
  const headRow = table.tHead?.rows[0];
  if (headRow) return headRow;
  return Array.from(table.rows).find((row) => row.querySelector('th') !== null) ?? table.rows[0];
}

export function readUserTable(document: Document, pageUrl: string): NmcPageRead['list'] {
  const origin = new URL(pageUrl).origin;
  for (const table of Array.from(document.querySelectorAll('table'))) {
    const headerRow = headerRowOf(table);
    if (!headerRow) continue;
    const columns = detectNmcColumns(Array.from(headerRow.cells, cellText));
    if (!columns) continue;
    const users: NmcUser[] = [];
    const userPages: Record<string, string> = {};
    for (const row of Array.from(table.rows)) {
      if (row === headerRow || row.closest('table') !== table) continue;
      const outcome = readUserRow(columns, Array.from(row.cells, cellText));
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

/** "Page 1 of 3" / "Page 1 sur 3": the table shows only some of the users. */
function pagerPosition(document: Document): { number: number; count: number } | undefined {
  const text = document.body?.textContent ?? '';
  const match = /\bpage\s*(\d{1,4})\s*(?:of|sur|\/)\s*(\d{1,4})\b/i.exec(text);
  const number = Number(match?.[1]);
  const count = Number(match?.[2]);
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

/** A user's edit form: it has a user-name field and the E-mail Address field. Passwords are never read. */
export function readUserForm(document: Document): NmcUser | undefined {
  const values: Partial<Record<'name' | 'email' | 'userType' | 'status', string>> = {};
  for (const label of Array.from(document.querySelectorAll('label'))) {
    const control = controlFor(label);
    if (!control || (control instanceof HTMLInputElement && control.type === 'password')) continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      // An "Access: [x] Enable" box is the account status whatever its label says.
      values.status ??= control.checked ? 'enabled' : 'disabled';
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
