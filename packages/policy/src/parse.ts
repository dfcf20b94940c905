import { NmcParseError } from './errors.ts';
import type { NmcUser } from './evaluate.ts';
import { detectNmcColumns, INVISIBLE, type NmcColumns } from './labels.ts';
import { fitCellsToHeader, MAX_USER_ROWS, readUserRow } from './rows.ts';

/** 2 MB of text is far beyond any real NMC list (it holds a few dozen users) and still cheap to scan. */
export const MAX_USER_LIST_CHARS = 2_000_000;
/** How many lines of page text (titles, menu crumbs) may come before the header row. */
const MAX_PREAMBLE_LINES = 200;

export interface SkippedLine {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
  reason: string;
}

export interface NmcUserListParse {
  users: NmcUser[];
  columns: NmcColumns;
  /** 1-based line of the header row. */
  headerLine: number;
  /** Lines after the header that were not users (pager, buttons, blank separators). */
  skipped: SkippedLine[];
}

/**
 * Parses a user list as copied from the NMC Web UI (Configuration > Security > Local Users > Management):
 * a header row, then one user per line, cells separated by tabs or by two or more spaces.
 * @throws {NmcParseError} for anything that is not such a list.
 */
export function parseNmcUserList(text: string): NmcUser[] {
  return parseNmcUserListDetailed(text).users;
}

/** Same as {@link parseNmcUserList}, also telling which columns were found and which lines were left out. */
export function parseNmcUserListDetailed(text: string): NmcUserListParse {
  assertPlainText(text);
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
  let header: { columns: NmcColumns; index: number } | undefined;
  for (let index = 0; index < lines.length && index < MAX_PREAMBLE_LINES; index += 1) {
    const columns = detectNmcColumns(splitCells(lines[index] ?? ''));
    if (columns !== undefined) {
      header = { columns, index };
      break;
    }
  }
  if (header === undefined) {
    throw new NmcParseError(
      'no-header',
      'No header row with a user name column and an e-mail or user type column was found: copy the whole table, header included.',
    );
  }
  const users: NmcUser[] = [];
  const skipped: SkippedLine[] = [];
  for (let index = header.index + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const cells = fitCellsToHeader(splitCells(line), header.columns.width);
    // A tab copy keeps empty cells in place; an editor may only have trimmed the trailing ones.
    if (line.includes('\t')) while (cells.length < header.columns.width) cells.push('');
    if (cells.length > header.columns.width && line.includes('\t')) {
      throw new NmcParseError(
        'ragged-row',
        `Line ${index + 1} has ${cells.length} cells but the header has ${header.columns.width}: the columns do not line up.`,
        index + 1,
      );
    }
    const outcome = readUserRow(header.columns, cells);
    if (outcome.kind === 'user') {
      if (users.length >= MAX_USER_ROWS) {
        throw new NmcParseError(
          'too-many-rows',
          `More than ${MAX_USER_ROWS} users: this is not an NMC user list.`,
          index + 1,
        );
      }
      users.push(outcome.user);
    } else if (outcome.kind === 'skip') {
      skipped.push({ line: index + 1, text: line.slice(0, 200), reason: outcome.reason });
    }
  }
  if (users.length === 0) {
    throw new NmcParseError('no-users', 'The header row was found but no user rows follow it.', header.index + 1);
  }
  return { users, columns: header.columns, headerLine: header.index + 1, skipped };
}

/** Tabs when the copy has them (browsers put one between table cells), otherwise runs of 2+ spaces. */
function splitCells(line: string): string[] {
  // No-break spaces (U+00A0, U+202F, U+2007) count as spaces: browsers and PDF viewers put them around cells.
  const cells = line.includes('\t') ? line.split('\t') : line.trim().split(/[ \u00a0\u2007\u202f]{2,}/u);
  return cells.map((cell) => cell.replace(INVISIBLE, '').trim());
}

function assertPlainText(text: unknown): asserts text is string {
  if (typeof text !== 'string') throw new NmcParseError('not-text', 'The user list must be given as text.');
  if (text.length > MAX_USER_LIST_CHARS) {
    throw new NmcParseError(
      'too-large',
      `The text is ${text.length.toLocaleString('en')} characters long; an NMC user list is far shorter (limit ${MAX_USER_LIST_CHARS.toLocaleString('en')}).`,
    );
  }
  if (text.trim() === '') throw new NmcParseError('empty', 'The text is empty: paste the local users table.');
  // Control characters other than tab and line breaks only appear in binary files opened as text.
  const controls = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > text.length / 100) {
    throw new NmcParseError('binary', 'This looks like a binary file, not text copied from the Web UI.');
  }
  if (/<\s*(?:html|table|tr|td|th|body|div)\b/i.test(text)) {
    throw new NmcParseError(
      'html',
      'This is HTML source. Copy the table as shown on the page (select it and copy) instead of the page source.',
    );
  }
}
