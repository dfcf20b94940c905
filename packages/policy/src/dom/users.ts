/**
 * User rows read by their structure, whatever the language: a `usercfg.htm?user=<name>` link names the user; a
 * column whose non-empty cells all hold an address is the e-mail column (blank cells in it are blank e-mails; no such
 * column means e-mails unknown); a column whose cells all read as a state (text, box, icon, class) is the status; a
 * column of known user-type names is the type; a section heading can give the type too.
 */
import type { NmcUser } from '../evaluate.ts';
import { classifyUserType, normalizeEmailCell, parseEnabledLabel } from '../labels.ts';
import { cellValue, textOf } from './elements.ts';

/** A row of a table that links to a user's page, kept until the whole table is seen. */
export interface LinkedRow {
  name: string;
  cells: Element[];
  /** The cell holding the user's link. */
  linkCell: Element;
  /** The user type a section heading above the row gives, if any. */
  sectionType?: string;
}

const USER_PAGE = /(?:^|\/)usercfg\.htm/i;

/** The user a row's `usercfg.htm?user=` link names (exactly as the query holds it), with its cell. */
export function linkedUser(cells: Element[]): { name: string; cell: Element } | undefined {
  for (const cell of cells) {
    for (const anchor of Array.from(cell.querySelectorAll('a[href]'))) {
      const href = anchor.getAttribute('href') ?? '';
      if (!USER_PAGE.test(href.split('?')[0] ?? '')) continue;
      const name = queryUser(href);
      if (name !== undefined) return { name, cell };
    }
  }
  return undefined;
}

/** `?user=` of a URL, relative or absolute; `undefined` when absent or blank ("Add User"). */
export function queryUser(href: string): string | undefined {
  try {
    const value = new URL(href, 'http://nmc.invalid/').searchParams.get('user');
    return value === null || value.trim() === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

const ADDRESS = /^[^\s@]+@[^\s@]+$/;
const isBlank = (value: string) => value.replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]/g, '') === '';

/**
 * The e-mail column of a group of rows, by content: every non-empty cell holds one address and at least one does.
 * `undefined` when no column qualifies, so e-mails stay unknown rather than blank.
 */
export function emailColumnByContent(
  rows: readonly string[][],
  skip: ReadonlySet<number> = new Set(),
): number | undefined {
  const width = Math.max(0, ...rows.map((row) => row.length));
  for (let column = 0; column < width; column += 1) {
    if (skip.has(column)) continue;
    let addresses = 0;
    let other = 0;
    for (const row of rows) {
      const value = (row[column] ?? '').trim();
      if (isBlank(value) || normalizeEmailCell(value) === '') continue;
      if (ADDRESS.test(value)) addresses += 1;
      else other += 1;
    }
    if (addresses > 0 && other === 0) return column;
  }
  return undefined;
}

/** A column every non-empty cell of which passes `test`, and at least half the rows fill. */
function columnWhere(rows: readonly string[][], test: (value: string) => boolean, skip: ReadonlySet<number>) {
  const width = Math.max(0, ...rows.map((row) => row.length));
  for (let column = 0; column < width; column += 1) {
    if (skip.has(column)) continue;
    const values = rows.map((row) => (row[column] ?? '').trim()).filter((value) => !isBlank(value));
    if (values.length > 0 && values.length * 2 >= rows.length && values.every(test)) return column;
  }
  return undefined;
}

/** Users of one table's linked rows, with what the structure gives: e-mail, status and type columns by content. */
export function usersFromLinkedRows(rows: readonly LinkedRow[]): Array<{ user: NmcUser; linkCell: Element }> {
  const values = rows.map((row) => row.cells.map(cellValue));
  const nameColumns = new Set(rows.map((row) => row.cells.indexOf(row.linkCell)));
  const email = emailColumnByContent(values, nameColumns);
  const used = new Set([...nameColumns, ...(email === undefined ? [] : [email])]);
  const status = columnWhere(values, (value) => parseEnabledLabel(value) !== undefined, used);
  if (status !== undefined) used.add(status);
  const type = columnWhere(values, (value) => classifyUserType(value).kind === 'known', used);
  return rows.map((row, index) => {
    const cells = values[index] ?? [];
    const user: NmcUser = { name: row.name };
    if (email !== undefined) user.email = normalizeEmailCell(cells[email] ?? '');
    const enabled = status === undefined ? undefined : parseEnabledLabel(cells[status] ?? '');
    if (enabled !== undefined) user.enabled = enabled;
    const typeText = type === undefined ? undefined : (cells[type] ?? '').trim();
    if (typeText) user.userType = typeText;
    else if (row.sectionType) user.userType = row.sectionType;
    return { user, linkCell: row.linkCell };
  });
}

/** The text a name cell shows, for matching it with its link ("apc" shown, `?user=apc` linked). */
export const shownName = (cell: Element | undefined) => textOf(cell);
