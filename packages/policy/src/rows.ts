/**
 * Turning table rows into users, for any source of rows: pasted text here, the live DOM in the extension.
 */
import type { NmcUser } from './evaluate.ts';
import {
  classifyFieldLabel,
  classifyUserType,
  detectNmcColumns,
  INVISIBLE,
  type NmcColumns,
  normalizeEmailCell,
  normalizeLabel,
  parseEnabledLabel,
} from './labels.ts';

export const MAX_USER_ROWS = 10_000;
const MAX_CELL_LENGTH = 320;

export type RowOutcome = { kind: 'user'; user: NmcUser } | { kind: 'header' } | { kind: 'skip'; reason: string };

/**
 * Reads one row against the detected columns. Rows that repeat the header (pages copied one after
 * another) or hold no user name are reported as such rather than turned into fake users.
 */
export function readUserRow(columns: NmcColumns, cells: readonly string[]): RowOutcome {
  const trimmed = fitCellsToHeader(
    cells.map((cell) => (HAS_INVISIBLE.test(cell) ? cell.replace(INVISIBLE, '') : cell).trim()),
    columns.width,
  );
  if (trimmed.every((cell) => cell === '')) return { kind: 'skip', reason: 'empty row' };
  if (trimmed.every((cell) => RULER.test(cell))) return { kind: 'skip', reason: 'table ruler' };
  // Only a row whose name cell reads like a header can be a repeated header; this keeps the full check rare.
  const nameCell = trimmed[columns.name];
  if (nameCell !== undefined && classifyFieldLabel(nameCell) === 'name' && detectNmcColumns(trimmed) !== undefined) {
    return { kind: 'header' };
  }
  const assigned = trimmed.length === columns.width ? byPosition(columns, trimmed) : byContent(columns, trimmed);
  if (assigned === undefined) return { kind: 'skip', reason: 'row does not match the header' };
  const name = assigned.name.replace(LEADING_CHECKBOX, '').trim();
  if (name === '') return { kind: 'skip', reason: 'no user name' };
  if (name.length > MAX_CELL_LENGTH) return { kind: 'skip', reason: 'user name too long' };
  if (!carriesUserData(assigned) || (UI_CAPTION.test(normalizeLabel(name)) && onlyBlankEmail(assigned))) {
    return { kind: 'skip', reason: 'nothing in the row looks like user data' };
  }
  const user: NmcUser = { name };
  if (assigned.email !== undefined) user.email = normalizeEmailCell(assigned.email);
  if (assigned.userType !== undefined && assigned.userType.trim() !== '') user.userType = assigned.userType.trim();
  if (assigned.status !== undefined) {
    const enabled = parseEnabledLabel(assigned.status);
    if (enabled !== undefined) user.enabled = enabled;
  }
  return { kind: 'user', user };
}

const HAS_INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/u;
// A line of dashes or box-drawing characters under a terminal header: its dashes must never read as blank e-mails.
const RULER = /^[-=_+|:─━┼┬┴├┤│┃═]*$/u;
// A selection box or tick copied with the name ("☐ apc").
const LEADING_CHECKBOX = /^[☐☑☒□■✓✔]\s*/u;
// Buttons and pager captions a copy picks up below the table (English and French).
const UI_CAPTION =
  /^(?:(?:add|new|create|delete|remove|edit|apply|cancel|refresh|previous|next|ajouter|nouvel|creer|supprimer|modifier|appliquer|annuler|actualiser|precedent|suivant)(?: (?:a |un )?(?:new )?(?:user|utilisateur|local user|utilisateur local))?|first|last|premier|dernier|loading|chargement|help|aide|log ?out|log ?off|sign ?out|deconnexion|home|accueil|back|retour|close|fermer|ok|submit|save|enregistrer|reset|reinitialiser|search|rechercher|filter|filtrer|print|imprimer|export|exporter|more|plus)$/;
export const SELECTION_CELL = /^(?:|#?\d{1,5}\.?|[☐☑☒□■✓✔]|\[[ xX]?\])$/u;

/**
 * A row can carry more cells than its header: a trailing tab after the last cell, or a selection box or row
 * number whose header cell was empty and dropped by a space-separated copy. Only such cells are removed.
 */
export function fitCellsToHeader(cells: string[], width: number): string[] {
  const fitted = [...cells];
  while (fitted.length > width && fitted[fitted.length - 1] === '') fitted.pop();
  while (fitted.length > width && SELECTION_CELL.test(fitted[0] ?? 'x')) fitted.shift();
  return fitted;
}

/** A name and a blank e-mail with nothing else is what a lone button caption looks like too. */
function onlyBlankEmail(assigned: AssignedCells): boolean {
  return (
    (assigned.userType === undefined || assigned.userType.trim() === '') &&
    (assigned.status === undefined || assigned.status.trim() === '')
  );
}

interface AssignedCells {
  name: string;
  email?: string;
  userType?: string;
  status?: string;
}

/**
 * A pager ("Previous  1  2  Next") or a button caption fills the first cell but nothing else a user row
 * carries: an address or a blank e-mail, a known user type, or a status.
 */
function carriesUserData(assigned: AssignedCells): boolean {
  if (assigned.email !== undefined) {
    const email = normalizeEmailCell(assigned.email);
    if (email === '' || email.includes('@')) return true;
  }
  if (assigned.userType !== undefined && classifyUserType(assigned.userType).kind === 'known') return true;
  return assigned.status !== undefined && parseEnabledLabel(assigned.status) !== undefined;
}

function byPosition(columns: NmcColumns, cells: readonly string[]): AssignedCells {
  const assigned: AssignedCells = { name: cells[columns.name] ?? '' };
  if (columns.email !== undefined) assigned.email = cells[columns.email] ?? '';
  if (columns.userType !== undefined) assigned.userType = cells[columns.userType] ?? '';
  if (columns.status !== undefined) assigned.status = cells[columns.status] ?? '';
  return assigned;
}

/**
 * When a copy dropped empty cells (multi-space text collapses a blank e-mail), positions after the gap no
 * longer line up. The name never is blank, so it keeps its position; every other cell is placed by what it
 * contains. The e-mail is only reported blank when no cell looks like an address, since an address always
 * carries an "@".
 */
function byContent(columns: NmcColumns, cells: readonly string[]): AssignedCells | undefined {
  if (cells.length > columns.width) return undefined;
  const name = cells[columns.name];
  if (name === undefined || name === '') return undefined;
  const remaining = cells.filter((cell, index) => cell !== '' && index !== columns.name);
  const take = (predicate: (cell: string) => boolean): string | undefined => {
    const index = remaining.findIndex(predicate);
    if (index < 0) return undefined;
    return remaining.splice(index, 1)[0];
  };
  const email = columns.email === undefined ? undefined : take((cell) => cell.includes('@'));
  const userType = columns.userType === undefined ? undefined : take((cell) => classifyUserType(cell).kind === 'known');
  const status = columns.status === undefined ? undefined : take((cell) => parseEnabledLabel(cell) !== undefined);
  // A collapsed blank e-mail is only believable next to cells that prove this is a user row.
  if (email === undefined && userType === undefined && status === undefined) return undefined;
  const assigned: AssignedCells = { name };
  if (columns.email !== undefined) assigned.email = email ?? '';
  if (userType !== undefined) assigned.userType = userType;
  if (status !== undefined) assigned.status = status;
  return assigned;
}
