/**
 * Reads an NMC Web UI page by its structure first and its words second: `usercfg.htm?user=` links name users, a
 * column of addresses is the e-mail column, `td.dataSection` rows are groups, `<span id="lang…">` ids name labels in
 * every language, About sections are Name/Version pairs. The vocabularies (vocabulary.ts, labels.ts) then tell what a
 * header, a user type or a state word means, in eleven languages. DOM in, data out.
 *
 * Layouts understood: `td.dataName` label cells with their value cells (text or form controls) under
 * `td.dataSection` headings; `<label>` forms; `<dl>` summaries; flat user tables; user lists grouped under
 * user-type section headings ("Super User Management"); `usercfg.htm?user=` pages; `usrcnfrm.htm` (pending values);
 * About > Network and the CLI `about` text in a `<pre>`; the log-on page (read as nothing at all).
 */
import type { NmcUser } from '../evaluate.ts';
import { POLICY } from '../facts.ts';
import {
  classifyFieldLabel,
  classifyUserType,
  detectNmcColumns,
  type NmcColumns,
  normalizeLabel,
  parseEnabledLabel,
} from '../labels.ts';
import { looksLikeNmcUrl, nmcUrlParts } from '../nmc-url.ts';
import { readUserRow } from '../rows.ts';
import { containsTerm, SECTION_TERMS } from '../vocabulary.ts';
import { type NmcCardReading, readCard } from './about.ts';
import { cellValue, sameOriginUrl, tagOf, textOf } from './elements.ts';
import { isEmailedCodeStep, isLoginPage } from './login.ts';
import { pagerPosition } from './pager.ts';
import { labelPair, langIdWords, type Pair, pairOf, rowPair } from './pairs.ts';
import { isUserFormMarker, readUserForm } from './user-form.ts';
import { emailColumnByContent, type LinkedRow, linkedUser, queryUser, usersFromLinkedRows } from './users.ts';

export type { NmcCardReading } from './about.ts';

export type NmcPageKind = 'users-list' | 'user-page' | 'confirm' | 'about' | 'login' | 'other';

export interface NmcPageReading {
  page: NmcPageKind;
  users: NmcUser[];
  card: NmcCardReading;
}

/** A fact the page should give but its structure and words did not. */
export type NmcMissingFact = 'users' | 'email' | 'userType' | 'enabled';

/** What the extension needs on top of the reading: links to user pages, the pager, hints for the popup. */
export interface NmcPageReadingDetailed extends NmcPageReading {
  /** Same-origin edit page of each listed user, when the name is a link. A map without a prototype. */
  userPages: Record<string, string>;
  /** Set when a pager says the list is one page of several. */
  pager?: { number: number; count: number };
  /** The confirmation page after Next: the values shown are not saved until Apply. */
  pendingApply?: boolean;
  /** A log-on step asking for a one-time code the card sent by e-mail. */
  emailedCodeStep?: boolean;
  /** The page looks like an NMC Web UI (path, names, markup), whether or not anything was read from it. */
  looksLikeNmc: boolean;
  /**
   * On a users list or a user's page: facts some user lacks because neither structure nor words gave them (a list in
   * a language we do not know). Never read as "no users" or "blank".
   */
  missingFacts?: NmcMissingFact[];
}

/** Everything this page tells about the NMC, as the API gives it. */
export function readNmcPage(doc: Document, url: string): NmcPageReading {
  const { page, users, card } = readNmcPageDetailed(doc, url);
  return { page, users, card };
}

export function readNmcPageDetailed(doc: Document, url: string): NmcPageReadingDetailed {
  const location = nmcUrlParts(url);
  const looksLikeNmc = looksLikeNmcPage(doc, url);
  if (isLoginPage(doc, location?.file)) {
    const reading: NmcPageReadingDetailed = { page: 'login', users: [], card: {}, userPages: nullMap(), looksLikeNmc };
    if (isEmailedCodeStep(doc)) reading.emailedCodeStep = true;
    return reading;
  }
  const walk = walkPage(doc, url);
  const card = readCard(walk.pairs, walk.preTexts);
  const file = location?.file ?? '';
  const base = { userPages: walk.userPages, looksLikeNmc };
  if (file.startsWith('usrcnfrm')) {
    // After Next, before Apply: what is shown is about to be saved, not saved. Users carry `pending: true`.
    const user = walk.users.length === 0 ? readUserForm(walk.pairs, location?.query) : undefined;
    const users = (user ? [user] : walk.users).map((entry) => ({ ...entry, pending: true }));
    return { page: 'confirm', users, card, ...base, pendingApply: true };
  }
  const userPage = file.startsWith('usercfg') || walk.pairs.some(isUserFormMarker);
  if (userPage && walk.users.length === 0) {
    const user = readUserForm(walk.pairs, location?.query);
    const reading: NmcPageReadingDetailed = { page: 'user-page', users: user ? [user] : [], card, ...base };
    const missing = user ? missingFacts([user]) : [];
    if (missing.length > 0) reading.missingFacts = missing;
    return reading;
  }
  if (walk.users.length > 0 || file.startsWith('userman')) {
    const reading: NmcPageReadingDetailed = { page: 'users-list', users: walk.users, card, ...base };
    const pager = pagerPosition(doc);
    if (pager) reading.pager = pager;
    const missing: NmcMissingFact[] = walk.users.length === 0 ? ['users'] : missingFacts(walk.users);
    if (missing.length > 0) reading.missingFacts = missing;
    return reading;
  }
  const about = card.model !== undefined || card.aosVersion !== undefined || /^about/.test(file);
  return { page: about ? 'about' : 'other', users: [], card, ...base };
}

const nullMap = (): Record<string, string> => Object.create(null) as Record<string, string>;

function missingFacts(users: readonly NmcUser[]): NmcMissingFact[] {
  const missing: NmcMissingFact[] = [];
  if (users.some((user) => user.email === undefined)) missing.push('email');
  if (users.some((user) => user.userType === undefined)) missing.push('userType');
  if (users.some((user) => user.enabled === undefined)) missing.push('enabled');
  return missing;
}

function looksLikeNmcPage(doc: Document, url: string): boolean {
  if (looksLikeNmcUrl(url)) return true;
  if (doc.querySelector('td.dataName, td.dataSection, input[name="login_username"]')) return true;
  const title = normalizeLabel(doc.title ?? '');
  return /\b(?:network management card|nmc ?\d?|apc|schneider)\b/.test(title);
}

// --- One pass over the page --------------------------------------------------------------------------------

interface PageWalk {
  pairs: Pair[];
  users: NmcUser[];
  userPages: Record<string, string>;
  /** Text of `<pre>` blocks (a CLI `about` pasted into a page). */
  preTexts: string[];
}

/** Users a known header row gave, kept per table so an e-mail column its header did not name can be found. */
interface HeaderRows {
  columns: NmcColumns;
  rows: Array<{ user: NmcUser; values: string[] }>;
}

/** How many rows from a table's top may hold its column headers (a title row or a filter row can come first). */
const HEADER_ROWS_SEARCHED = 5;
const SECTION_SELECTOR = 'h1, h2, h3, h4, h5, h6, caption, legend, .dataSection, tr, dt, label, pre';

/** A header cell's caption: its text when the vocabularies know it, else its `lang…` id. */
function headerText(cell: Element): string {
  const text = textOf(cell);
  if (classifyFieldLabel(text) !== undefined) return text;
  const id = langIdWords(cell);
  return id && classifyFieldLabel(id) !== undefined ? id : text;
}

function walkPage(doc: Document, url: string): PageWalk {
  const walk: PageWalk = { pairs: [], users: [], userPages: nullMap(), preTexts: [] };
  const root = doc.body ?? doc.documentElement;
  if (!root) return walk;
  let section = '';
  let sectionId: string | undefined;
  let table: Element | null = null;
  let rowInTable = 0;
  let columns: NmcColumns | undefined;
  let lastColumns: NmcColumns | undefined;
  const seenNames = new Set<string>();
  const linked = new Map<Element, LinkedRow[]>();
  const headerRows = new Map<Element, HeaderRows>();
  const pushPair = (pair: Pair | undefined) => {
    if (!pair) return;
    if (sectionId) pair.sectionId = sectionId;
    walk.pairs.push(pair);
  };

  for (const element of Array.from(root.querySelectorAll(SECTION_SELECTOR))) {
    const tag = tagOf(element);
    if (tag === 'pre') {
      walk.preTexts.push(element.textContent ?? '');
      continue;
    }
    if (tag === 'label') {
      pushPair(labelPair(element as HTMLLabelElement, section));
      continue;
    }
    if (tag === 'dt') {
      const value = element.nextElementSibling;
      if (value && tagOf(value) === 'dd') pushPair(pairOf(section, textOf(element), value, element));
      continue;
    }
    if (tag !== 'tr') {
      // A heading element; a `td.dataSection` inside a row is handled with its row.
      if (tag === 'td' || tag === 'th') continue;
      const heading = textOf(element);
      if (heading !== '' && heading.length <= 120) {
        section = heading;
        sectionId = langIdWords(element);
      }
      continue;
    }

    const row = element as HTMLTableRowElement;
    const owner = row.closest('table');
    if (owner !== table) {
      table = owner;
      rowInTable = 0;
      if (columns) lastColumns = columns;
      columns = undefined;
    }
    rowInTable += 1;
    const cells = Array.from(row.children).filter((cell) => ['td', 'th'].includes(tagOf(cell)));
    if (cells.length === 0) continue;
    // Only this table's own rows: a nested table's rows come through on their own.
    if (cells.some((cell) => cell.querySelector('table'))) continue;

    const heading = sectionHeading(cells);
    if (heading !== undefined) {
      section = heading.text;
      sectionId = heading.id;
      continue;
    }
    const texts = cells.map(headerText);
    if (!columns || rowInTable <= HEADER_ROWS_SEARCHED || classifyFieldLabel(texts[0] ?? '') === 'name') {
      const header = detectNmcColumns(texts);
      if (header) {
        columns = header;
        continue;
      }
    }
    const sectionType = userTypeOfSection(section) ?? (sectionId ? userTypeOfSection(sectionId) : undefined);
    // A grouped list may carry its header once, above the first group's table.
    const rowColumns = columns ?? (lastColumns?.width === cells.length && sectionType ? lastColumns : undefined);
    if (rowColumns && owner) {
      const values = cells.map(cellValue);
      const outcome = readUserRow(rowColumns, values);
      if (outcome.kind === 'user') {
        const user = outcome.user;
        // An "Access" column showing Enabled/Disabled is the enable box, not a user type.
        if (user.userType !== undefined && classifyUserType(user.userType).kind !== 'known') {
          const enabled = parseEnabledLabel(user.userType);
          if (enabled !== undefined) {
            user.enabled ??= enabled;
            delete user.userType;
          }
        }
        if (user.userType === undefined && sectionType) user.userType = sectionType;
        if (addUser(walk, seenNames, user, cells[rowColumns.name], url) && rowColumns.email === undefined) {
          const kept = headerRows.get(owner) ?? { columns: rowColumns, rows: [] };
          kept.rows.push({ user, values });
          headerRows.set(owner, kept);
        }
        continue;
      }
      if (outcome.kind === 'header') continue;
    }
    // No header this reader knows: a row that links to a user's page is a user row all the same.
    const link = owner ? linkedUser(cells) : undefined;
    if (link && owner) {
      const rows = linked.get(owner) ?? [];
      rows.push({ name: link.name, cells, linkCell: link.cell, ...(sectionType ? { sectionType } : {}) });
      linked.set(owner, rows);
      continue;
    }
    pushPair(rowPair(cells, section));
  }

  for (const rows of linked.values()) {
    for (const { user, linkCell } of usersFromLinkedRows(rows)) addUser(walk, seenNames, user, linkCell, url);
  }
  // A header without an e-mail caption this reader knows: a column of addresses is the e-mail column all the same.
  for (const { columns: known, rows } of headerRows.values()) {
    const skip = new Set([known.name, known.userType, known.status].filter((index) => index !== undefined));
    const column = emailColumnByContent(
      rows.map((row) => row.values),
      skip,
    );
    if (column === undefined) continue;
    for (const { user, values } of rows) user.email = normalizeEmailCellOf(values[column]);
  }
  return walk;
}

const normalizeEmailCellOf = (value: string | undefined) => {
  const trimmed = (value ?? '').trim();
  return trimmed.includes('@') ? trimmed : '';
};

/** Adds a user once (names compared exactly); `false` when the name was already read. */
function addUser(
  walk: PageWalk,
  seen: Set<string>,
  user: NmcUser,
  nameCell: Element | undefined,
  url: string,
): boolean {
  const link = nameCell?.querySelector('a[href]') ?? (nameCell && tagOf(nameCell) === 'a' ? nameCell : null);
  const href = link?.getAttribute('href');
  const page = href ? sameOriginUrl(href, url) : undefined;
  // A list linking to usercfg.htm?user=<name> names the user exactly, whatever the link text shows.
  const linked = page ? queryUser(page) : undefined;
  if (linked && linked !== user.name && normalizeLabel(linked) === normalizeLabel(user.name)) user.name = linked;
  if (seen.has(user.name)) return false;
  seen.add(user.name);
  walk.users.push(user);
  if (page) walk.userPages[user.name] = page;
  return true;
}

/** A row that is a section heading: a `dataSection` cell, or a single spanning/heading cell of short text. */
function sectionHeading(cells: Element[]): { text: string; id?: string } | undefined {
  const marked = cells.find(
    (cell) => cell.classList.contains('dataSection') || cell.classList.contains('dataSubSection'),
  );
  if (marked) return withId(textOf(marked), marked);
  const filled = cells.filter((cell) => textOf(cell) !== '' || cell.querySelector('input, select, textarea'));
  if (filled.length !== 1) return undefined;
  const cell = filled[0] as Element;
  if (cell.querySelector('input, select, textarea, a[href]')) return undefined;
  const text = textOf(cell);
  if (text.length > 120 || text.endsWith(':')) return undefined;
  const spans = Number(cell.getAttribute('colspan') ?? '1') > 1;
  const isHeadingCell = tagOf(cell) === 'th' || cell.classList.contains('dataSubHeader') || spans;
  return isHeadingCell || cells.length === 1 ? withId(text, cell) : undefined;
}

function withId(text: string, cell: Element): { text: string; id?: string } {
  const id = langIdWords(cell);
  return id ? { text, id } : { text };
}

const isSectionWord = containsTerm(SECTION_TERMS);
const TYPE_ONLY =
  /^(?:super ?user|administrators?|device users?|read ?only users?|network ?only users?|super utilisateurs?|administrateurs?)$/;

/** "Super User Management", "Gestion des administrateurs", "Superuser-Verwaltung": the type the group's users have. */
function userTypeOfSection(section: string): string | undefined {
  if (section === '' || section.length > 80) return undefined;
  const normalized = normalizeLabel(section);
  const type = classifyUserType(section);
  if (type.kind !== 'known') return undefined;
  if (!isSectionWord(normalized) && !TYPE_ONLY.test(normalized)) return undefined;
  // The heading names the group in the page's language; the type is given by its meaning.
  return POLICY.nmc3.userTypeLabels[type.id];
}
