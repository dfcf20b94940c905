import { NmcParseError } from './errors.ts';
import type { NmcUser } from './evaluate.ts';
import {
  classifyFieldLabel,
  classifyUserType,
  detectNmcColumns,
  INVISIBLE,
  type NmcColumns,
  type NmcField,
  normalizeEmailCell,
  parseEnabledLabel,
} from './labels.ts';
import { fitCellsToHeader, MAX_USER_ROWS, readUserRow, SELECTION_CELL } from './rows.ts';

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

/** How a line separates its cells: a browser's tab, a Markdown/ASCII pipe table, or runs of 2+ spaces. */
type SplitMode = 'tab' | 'pipe' | 'space';

interface SplitLine {
  mode: SplitMode;
  cells: string[];
  /** Where each cell starts in the line (space mode only): lets a fixed-width copy line up with its header. */
  starts?: number[];
}

interface Header {
  columns: NmcColumns;
  index: number;
  /** Cell starts of a space-separated header. */
  starts?: number[];
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
  let header: Header | undefined;
  for (let index = 0; index < lines.length && index < MAX_PREAMBLE_LINES; index += 1) {
    const split = splitCells(lines[index] ?? '');
    const columns = detectNmcColumns(split.cells);
    if (columns !== undefined) {
      header = { columns, index };
      if (split.starts) header.starts = split.starts;
      break;
    }
  }
  if (header === undefined) {
    throw new NmcParseError(
      'no-header',
      'No header row with a user name column and an e-mail or user type column was found: copy the whole table, header included.',
    );
  }
  const firstHeaderLine = header.index + 1;
  const firstColumns = header.columns;
  const users: NmcUser[] = [];
  const skipped: SkippedLine[] = [];
  for (let index = header.index + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const split = splitCells(line);
    // Another table's header (a second list pasted below, or the same one again): what follows is read by it.
    const nextHeader = readsAsHeader(split.cells);
    if (nextHeader !== undefined) {
      header = { columns: nextHeader, index };
      if (split.starts) header.starts = split.starts;
      continue;
    }
    const cells = cellsForHeader(split, header);
    if (cells.length > header.columns.width && split.mode !== 'space') {
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
    throw new NmcParseError('no-users', 'The header row was found but no user rows follow it.', firstHeaderLine);
  }
  return { users, columns: firstColumns, headerLine: firstHeaderLine, skipped };
}

/**
 * A row that is itself a header: it names a user-name column and an e-mail or type column, and every other cell
 * it has is a header word too (a user row always carries a value no header has: an address, a type, a status
 * word next to a name that is not a header word).
 */
function readsAsHeader(cells: readonly string[]): NmcColumns | undefined {
  let labelled = 0;
  for (const cell of cells) {
    if (cell === '') continue;
    if (cell.includes('@') || classifyFieldLabel(cell) === undefined) return undefined;
    labelled += 1;
  }
  return labelled >= 2 ? detectNmcColumns(cells) : undefined;
}

/** The row's cells placed under the header's columns as well as the copy allows. */
function cellsForHeader(split: SplitLine, header: Header): string[] {
  const { columns } = header;
  let cells = split.cells;
  // A header copied without its empty first cell (a selection-box column) while every row kept its leading tab.
  if (
    split.mode !== 'space' &&
    cells[columns.name] === '' &&
    cells.length > 1 &&
    SELECTION_CELL.test(cells[0] ?? 'x')
  ) {
    const shifted = cells.slice(1);
    if (shifted[columns.name] !== undefined && shifted[columns.name] !== '') cells = shifted;
  }
  cells = fitCellsToHeader(cells, columns.width);
  // A tab or pipe copy keeps empty cells in place; an editor or the browser may only have trimmed trailing ones.
  if (split.mode !== 'space') {
    while (cells.length < columns.width) cells.push('');
    return cells;
  }
  if (cells.length < columns.width) {
    const aligned = alignByPosition(split, header);
    if (aligned !== undefined) return aligned;
  }
  return cells;
}

/** Lower-case letters, digits and the few signs NMC user names use; at least one letter, no spaces. */
const LONE_USER_NAME = /^(?=.*\p{L})[\p{L}\p{N}._+-]{1,64}$/u;

/**
 * A fixed-width copy (terminal, PDF, an editor that turned tabs into spaces) drops empty cells, but its cells still
 * start under their header. When every cell lines up with a header column, and what lands in the e-mail, type and
 * status columns fits there, the row is read by position; otherwise `readUserRow` places the cells by content.
 */
function alignByPosition(split: SplitLine, header: Header): string[] | undefined {
  const { columns } = header;
  const fieldAt = new Map<number, NmcField>();
  for (const field of ['name', 'email', 'userType', 'status'] as const) {
    const index = columns[field];
    if (index !== undefined) fieldAt.set(index, field);
  }
  const nonEmpty = split.cells.filter((cell) => cell !== '');
  // A name and nothing else, under a header that only has a name and an e-mail: the blank e-mail was dropped.
  if (
    nonEmpty.length === 1 &&
    split.cells[0] === nonEmpty[0] &&
    columns.email !== undefined &&
    columns.userType === undefined &&
    columns.status === undefined &&
    LONE_USER_NAME.test(nonEmpty[0] ?? '')
  ) {
    const cells = Array.from({ length: columns.width }, () => '');
    cells[columns.name] = nonEmpty[0] ?? '';
    return cells;
  }
  const headerStarts = header.starts;
  const starts = split.starts;
  if (headerStarts === undefined || starts === undefined || headerStarts.length !== columns.width) return undefined;
  const cells = Array.from({ length: columns.width }, () => '');
  let previous = -1;
  for (const [position, cell] of split.cells.entries()) {
    const start = starts[position] ?? -1;
    const column = headerStarts.findIndex((headerStart) => Math.abs(headerStart - start) <= 2);
    if (column <= previous) return undefined;
    previous = column;
    const field = fieldAt.get(column);
    if (!fitsField(field, cell)) return undefined;
    cells[column] = cell;
  }
  return cells[columns.name] === '' ? undefined : cells;
}

function fitsField(field: NmcField | undefined, cell: string): boolean {
  if (cell === '') return true;
  if (field === 'email') return cell.includes('@') || normalizeEmailCell(cell) === '';
  if (cell.includes('@')) return false;
  if (field === 'status') return parseEnabledLabel(cell) !== undefined;
  if (field === 'userType') return classifyUserType(cell).kind === 'known' || parseEnabledLabel(cell) === undefined;
  return true;
}

const SPACE_CELL = /[^ \u00a0\u2007\u202f]+(?:[ \u00a0\u2007\u202f][^ \u00a0\u2007\u202f]+)*/gu;
// A Markdown or ASCII table line: "| a | b |", or "a | b" with spaced bars.
const PIPE_LINE = /^\s*\||\s\|\s/;

/** Tabs when the copy has them (browsers put one between table cells), pipes for a Markdown table, otherwise runs of 2+ spaces. */
function splitCells(line: string): SplitLine {
  const clean = (cell: string) => cell.replace(INVISIBLE, '').trim();
  if (line.includes('\t')) return { mode: 'tab', cells: line.split('\t').map(clean) };
  if (PIPE_LINE.test(line)) {
    const inner = line
      .trim()
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '');
    return { mode: 'pipe', cells: inner.split(/(?<!\\)\|/).map((cell) => clean(cell.replaceAll('\\|', '|'))) };
  }
  // No-break spaces (U+00A0, U+202F, U+2007) count as spaces: browsers and PDF viewers put them around cells.
  const cells: string[] = [];
  const starts: number[] = [];
  for (const match of line.matchAll(SPACE_CELL)) {
    cells.push(clean(match[0]));
    starts.push(match.index);
  }
  return { mode: 'space', cells, starts };
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
