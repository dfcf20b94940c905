/**
 * Reads an NMC Web UI page by meaning, not by markup: the same recognisers as the text parser decide what a
 * header, a label cell or a section heading stands for, in English and French. DOM in, data out.
 *
 * Layouts understood: `td.dataName` label cells with their value cells (text or form controls) under
 * `td.dataSection` headings; `<label>` forms; `<dl>` summaries; flat user tables; user lists grouped under
 * user-type section headings ("Super User Management"); `usercfg.htm?user=` pages; About > Network with its
 * Hardware Factory / Application Module / APC OS(AOS) / APC Boot Monitor sections; the CLI `about` text in a
 * `<pre>`; the log-on page (read as nothing at all).
 */
import { classifyNmcModel } from '../card.ts';
import type { NmcUser } from '../evaluate.ts';
import { type NmcGeneration, POLICY } from '../facts.ts';
import { parseFirmwareVersion } from '../firmware.ts';
import {
  classifyFieldLabel,
  classifySettingLabel,
  classifyUserType,
  detectNmcColumns,
  type NmcColumns,
  normalizeEmailCell,
  normalizeLabel,
  parseEnabledLabel,
} from '../labels.ts';
import { readUserRow } from '../rows.ts';
import {
  cellValue,
  controlText,
  type FormControl,
  inputType,
  isCheckable,
  isControl,
  sameOriginUrl,
  tagOf,
  textOf,
} from './elements.ts';

export type NmcPageKind = 'users-list' | 'user-page' | 'about' | 'login' | 'other';

export interface NmcCardReading {
  model?: string;
  generation?: NmcGeneration;
  /** The card's AOS version, from the APC OS(AOS) section's Version row only. */
  aosVersion?: string;
  mfaEnabled?: boolean;
}

export interface NmcPageReading {
  page: NmcPageKind;
  users: NmcUser[];
  card: NmcCardReading;
}

/** What the extension needs on top of the reading: links to user pages, the pager, hints for the popup. */
export interface NmcPageReadingDetailed extends NmcPageReading {
  /** Same-origin edit page of each listed user, when the name is a link. */
  userPages: Record<string, string>;
  /** Set when a pager says the list is one page of several. */
  pager?: { number: number; count: number };
  /** The confirmation page after Next: the values shown are not saved until Apply. */
  pendingApply?: boolean;
  /** A log-on step asking for a one-time code the card sent by e-mail. */
  emailedCodeStep?: boolean;
  /** The page looks like an NMC Web UI (path, names, markup), whether or not anything was read from it. */
  looksLikeNmc: boolean;
}

/** Everything this page tells about the NMC, as the API gives it. */
export function readNmcPage(doc: Document, url: string): NmcPageReading {
  const { page, users, card } = readNmcPageDetailed(doc, url);
  return { page, users, card };
}

export function readNmcPageDetailed(doc: Document, url: string): NmcPageReadingDetailed {
  const location = parseUrl(url);
  const looksLikeNmc = looksLikeNmcPage(doc, location);
  if (isLoginPage(doc, location)) {
    const reading: NmcPageReadingDetailed = { page: 'login', users: [], card: {}, userPages: {}, looksLikeNmc };
    if (isEmailedCodeStep(doc)) reading.emailedCodeStep = true;
    return reading;
  }
  const walk = walkPage(doc, url);
  const card = readCard(walk.pairs, walk.preTexts);
  const file = location?.file ?? '';
  const userPage = /^(?:usercfg|usrcnfrm)\.htm/.test(file) || walk.pairs.some(isUserFormMarker);
  const base = { userPages: walk.userPages, looksLikeNmc };
  if (userPage && walk.users.length === 0) {
    const user = readUserForm(walk.pairs, location);
    const reading: NmcPageReadingDetailed = { page: 'user-page', users: user ? [user] : [], card, ...base };
    if (file.startsWith('usrcnfrm')) reading.pendingApply = true;
    return reading;
  }
  if (walk.users.length > 0 || file.startsWith('userman')) {
    const reading: NmcPageReadingDetailed = { page: 'users-list', users: walk.users, card, ...base };
    const pager = pagerPosition(doc);
    if (pager) reading.pager = pager;
    return reading;
  }
  const about = card.model !== undefined || card.aosVersion !== undefined || /^about/.test(file);
  return { page: about ? 'about' : 'other', users: [], card, ...base };
}

interface PageUrl {
  /** Last path segment, lower case ("usercfg.htm"). */
  file: string;
  /** Path under `/NMC/<token>/` when the card's session layout is used. */
  nmcPath: boolean;
  query: URLSearchParams;
}

function parseUrl(url: string): PageUrl | undefined {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/');
    return {
      file: (segments[segments.length - 1] ?? '').toLowerCase(),
      nmcPath: /^\/NMC\/[^/]+\//i.test(parsed.pathname),
      query: parsed.searchParams,
    };
  } catch {
    return undefined;
  }
}

const NMC_FILES = /^(?:logon|home|userman|usercfg|usrcnfrm|aboutnmc|aboutups|aboutsys|about\w*)\.htm$/;

function looksLikeNmcPage(doc: Document, location: PageUrl | undefined): boolean {
  if (location?.nmcPath || NMC_FILES.test(location?.file ?? '')) return true;
  if (doc.querySelector('td.dataName, td.dataSection, input[name="login_username"]')) return true;
  const title = normalizeLabel(doc.title ?? '');
  return /\b(?:network management card|nmc ?\d?|apc|schneider)\b/.test(title);
}

// --- Log-on page ---------------------------------------------------------------------------------------------

const LOGON_CAPTION =
  /^(?:log ?on|log ?in|sign ?in|ouvrir (?:une )?session|connexion|se connecter|submit|valider|verify|verifier)$/;

function isLoginPage(doc: Document, location: PageUrl | undefined): boolean {
  if (location && /^(?:logon|login|logout)\.htm/.test(location.file)) return true;
  if (doc.querySelector('input[name="login_username" i], input[name="login_password" i]')) return true;
  if (isEmailedCodeStep(doc)) return true;
  // One password field and a "Log On" button, without a user's settings around it: a log-on form.
  const passwords = doc.querySelectorAll('input[type="password" i]');
  if (passwords.length !== 1) return false;
  const buttons = Array.from(doc.querySelectorAll('button, input[type="submit" i], input[type="button" i]'));
  const logon = buttons.some((button) =>
    LOGON_CAPTION.test(normalizeLabel(textOf(button) || button.getAttribute('value') || '')),
  );
  const settings = Array.from(doc.querySelectorAll('td.dataName, label')).some(
    (label) => classifyFieldLabel(textOf(label)) === 'email',
  );
  return logon && !settings;
}

const CODE_FIELD =
  /\b(?:otp|one ?time|code|passcode|verification|mfa|2fa|token|code de verification|code a usage unique)\b/;

/** A sign-in step whose one-time code was sent by e-mail ("A code was sent to your e-mail address"). */
function isEmailedCodeStep(doc: Document): boolean {
  const fields = Array.from(doc.querySelectorAll('input')).filter((input) => {
    const type = inputType(input);
    if (type !== 'text' && type !== 'number' && type !== 'tel') return false;
    const hints = [input.getAttribute('name'), input.id, input.getAttribute('autocomplete'), labelTextFor(doc, input)];
    return hints.some((hint) => hint && CODE_FIELD.test(normalizeLabel(hint.replace(/[_-]/g, ' '))));
  });
  if (fields.length === 0) return false;
  const text = normalizeLabel(textOf(doc.body));
  return /\b(?:e ?mail|courriel|adresse electronique)\b/.test(text);
}

function labelTextFor(doc: Document, control: Element): string {
  const id = control.id;
  const label = (id ? doc.querySelector(`label[for="${cssEscape(id)}"]`) : null) ?? control.closest('label');
  return textOf(label);
}

const cssEscape = (value: string) => value.replace(/["\\]/g, '\\$&');

// --- One pass over the page --------------------------------------------------------------------------------

/** A label with its value, and the section heading it sits under. */
interface Pair {
  section: string;
  label: string;
  value: string;
  /** The first form control of the value, when there is one. */
  control?: FormControl;
}

interface PageWalk {
  pairs: Pair[];
  users: NmcUser[];
  userPages: Record<string, string>;
  /** Text of `<pre>` blocks (a CLI `about` pasted into a page). */
  preTexts: string[];
}

/** How many rows from a table's top may hold its column headers (a title row or a filter row can come first). */
const HEADER_ROWS_SEARCHED = 5;
const SECTION_SELECTOR = 'h1, h2, h3, h4, h5, h6, caption, legend, .dataSection, tr, dt, label, pre';

function walkPage(doc: Document, url: string): PageWalk {
  const walk: PageWalk = { pairs: [], users: [], userPages: {}, preTexts: [] };
  const root = doc.body ?? doc.documentElement;
  if (!root) return walk;
  let section = '';
  let table: Element | null = null;
  let rowInTable = 0;
  let columns: NmcColumns | undefined;
  let lastColumns: NmcColumns | undefined;
  const seenNames = new Set<string>();

  for (const element of Array.from(root.querySelectorAll(SECTION_SELECTOR))) {
    const tag = tagOf(element);
    if (tag === 'pre') {
      walk.preTexts.push(element.textContent ?? '');
      continue;
    }
    if (tag === 'label') {
      const pair = labelPair(element as HTMLLabelElement, section);
      if (pair) walk.pairs.push(pair);
      continue;
    }
    if (tag === 'dt') {
      const value = element.nextElementSibling;
      if (value && tagOf(value) === 'dd') walk.pairs.push(pairOf(section, textOf(element), value));
      continue;
    }
    if (tag !== 'tr') {
      // A heading element; a `td.dataSection` inside a row is handled with its row.
      if (tag === 'td' || tag === 'th') continue;
      const heading = textOf(element);
      if (heading !== '' && heading.length <= 120) section = heading;
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
      section = heading;
      continue;
    }
    const texts = cells.map(textOf);
    if (!columns || rowInTable <= HEADER_ROWS_SEARCHED || classifyFieldLabel(texts[0] ?? '') === 'name') {
      const header = detectNmcColumns(texts);
      if (header) {
        columns = header;
        continue;
      }
    }
    const sectionType = userTypeOfSection(section);
    // A grouped list may carry its header once, above the first group's table.
    const rowColumns = columns ?? (lastColumns?.width === cells.length && sectionType ? lastColumns : undefined);
    if (rowColumns) {
      const outcome = readUserRow(rowColumns, cells.map(cellValue));
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
        addUser(walk, seenNames, user, cells[rowColumns.name], url);
        continue;
      }
      if (outcome.kind === 'header') continue;
    } else if (sectionType) {
      const user = headerlessUserRow(cells, sectionType);
      if (user) {
        addUser(walk, seenNames, user.user, user.link, url);
        continue;
      }
    }
    const pair = rowPair(cells, section);
    if (pair) walk.pairs.push(pair);
  }
  return walk;
}

function addUser(walk: PageWalk, seen: Set<string>, user: NmcUser, nameCell: Element | undefined, url: string) {
  const link = nameCell?.querySelector('a[href]') ?? (nameCell && tagOf(nameCell) === 'a' ? nameCell : null);
  const href = link?.getAttribute('href');
  const page = href ? sameOriginUrl(href, url) : undefined;
  // A list linking to usercfg.htm?user=<name> names the user exactly, whatever the link text shows.
  const linked = page ? queryUser(page) : undefined;
  if (linked && linked !== user.name && normalizeLabel(linked) === normalizeLabel(user.name)) user.name = linked;
  if (seen.has(user.name)) return;
  seen.add(user.name);
  walk.users.push(user);
  if (page) walk.userPages[user.name] = page;
}

function queryUser(url: string): string | undefined {
  try {
    const value = new URL(url).searchParams.get('user');
    return value === null || value.trim() === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

/** A row that is a section heading: a `dataSection` cell, or a single spanning/heading cell of short text. */
function sectionHeading(cells: Element[]): string | undefined {
  const marked = cells.find((cell) => cell.classList.contains('dataSection'));
  if (marked) return textOf(marked);
  const filled = cells.filter((cell) => textOf(cell) !== '' || cell.querySelector('input, select, textarea'));
  if (filled.length !== 1) return undefined;
  const cell = filled[0] as Element;
  if (cell.querySelector('input, select, textarea, a[href]')) return undefined;
  const text = textOf(cell);
  if (text.length > 120 || text.endsWith(':')) return undefined;
  const spans = Number(cell.getAttribute('colspan') ?? '1') > 1;
  const isHeadingCell = tagOf(cell) === 'th' || cell.classList.contains('dataSubHeader') || spans;
  return isHeadingCell || cells.length === 1 ? text : undefined;
}

const SECTION_WORDS =
  /\b(?:management|users?|accounts?|gestion|utilisateurs?|comptes?|list|liste)\b|^(?:super ?user|administrators?|device users?|read ?only users?|network ?only users?)$/;

/** "Super User Management", "Gestion des administrateurs", "Read-Only Users": the type the group's users have. */
function userTypeOfSection(section: string): string | undefined {
  if (section === '' || section.length > 80) return undefined;
  const normalized = normalizeLabel(section);
  const type = classifyUserType(section);
  if (type.kind !== 'known') return undefined;
  if (!SECTION_WORDS.test(normalized) && !/^(?:super utilisateurs?|administrateurs?)$/.test(normalized)) {
    return undefined;
  }
  // The heading names the group in the page's language; the type is given by its meaning.
  return POLICY.nmc3.userTypeLabels[type.id];
}

/**
 * A row of a grouped list that has no header row: the user's link (`usercfg.htm?user=<name>`) names the user.
 * The e-mail is only known when a cell holds an address; otherwise it stays unknown (never a guessed blank).
 */
function headerlessUserRow(cells: Element[], userType: string): { user: NmcUser; link: Element } | undefined {
  const link = cells
    .flatMap((cell) => Array.from(cell.querySelectorAll('a[href]')))
    .find((anchor) => /usercfg\.htm/i.test(anchor.getAttribute('href') ?? ''));
  if (!link) return undefined;
  const name = queryUser(new URL(link.getAttribute('href') ?? '', 'http://x/').href) ?? textOf(link);
  if (name === '') return undefined;
  const user: NmcUser = { name, userType };
  const values = cells.map(cellValue);
  const address = values.find((value) => value.includes('@'));
  if (address) user.email = normalizeEmailCell(address);
  for (const value of values) {
    const enabled = parseEnabledLabel(value);
    if (enabled !== undefined) user.enabled = enabled;
  }
  return { user, link: link.closest('td, th') ?? link };
}

function pairOf(section: string, label: string, valueElement: Element): Pair {
  const pair: Pair = { section, label, value: cellValue(valueElement) };
  const control = valueElement.querySelector('input, select, textarea');
  if (control && isControl(control)) pair.control = control;
  return pair;
}

/** A label cell (`td.dataName`, `th`, or the first of two cells) and the cell after it. */
function rowPair(cells: Element[], section: string): Pair | undefined {
  const labelIndex = cells.findIndex((cell) => cell.classList.contains('dataName'));
  const index = labelIndex >= 0 ? labelIndex : cells.length >= 2 && cells.length <= 3 ? 0 : -1;
  const labelCell = cells[index];
  const valueCell = cells[index + 1];
  if (!labelCell || !valueCell) return undefined;
  const label = textOf(labelCell);
  if (label === '' || label.length > 100) return undefined;
  return pairOf(section, label, valueCell);
}

function labelPair(label: HTMLLabelElement, section: string): Pair | undefined {
  const control =
    label.control ?? label.closest('tr, .row, li, p, div')?.querySelector('input, select, textarea') ?? undefined;
  if (!control || !isControl(control)) return undefined;
  const pair: Pair = { section, label: textOf(label), value: controlText(control) ?? '', control };
  return pair;
}

// --- One user's page -----------------------------------------------------------------------------------------

const ACCESS_LABELS = new Set([
  'access',
  'acces',
  'account access',
  'acces au compte',
  'enable',
  'activer',
  'user access',
  'acces utilisateur',
]);

const isAccessLabel = (label: string) =>
  ACCESS_LABELS.has(normalizeLabel(label)) || classifyFieldLabel(label) === 'status';

/** A row that only a user's own page has: the E-mail Address or the Access box next to a user-name field. */
function isUserFormMarker(pair: Pair): boolean {
  return classifyFieldLabel(pair.label) === 'email' && pair.control !== undefined;
}

/** A user's edit form (or its confirmation): the name from the form, else from `?user=`. Passwords are never read. */
function readUserForm(pairs: Pair[], location: PageUrl | undefined): NmcUser | undefined {
  let name: string | undefined;
  let email: string | undefined;
  let userType: string | undefined;
  let enabled: boolean | undefined;
  for (const pair of pairs) {
    if (pair.control && inputType(pair.control) === 'password') continue;
    if (isAccessLabel(pair.label)) {
      if (enabled !== undefined) continue;
      const box = pair.control && isCheckable(pair.control) ? (pair.control as HTMLInputElement) : undefined;
      if (box) enabled = box.checked;
      else enabled = parseEnabledLabel(pair.value.replace(/[✓☐]/g, (mark) => (mark === '✓' ? 'enabled' : 'disabled')));
      continue;
    }
    // Other boxes on the page ("Serial Remote Authentication Override: [x] Enable") say nothing about the user.
    if (pair.control && isCheckable(pair.control)) continue;
    const field = classifyFieldLabel(pair.label);
    if (field === 'name') name ??= pair.value;
    else if (field === 'email') email ??= pair.value;
    else if (field === 'userType') userType ??= pair.value;
    else if (field === 'status' && enabled === undefined) enabled = parseEnabledLabel(pair.value);
  }
  const fromQuery = location?.query.get('user') ?? undefined;
  const finalName = name?.trim() || fromQuery?.trim() || '';
  // `usercfg.htm?user=` with an empty form is "Add User": nobody to read yet.
  if (finalName === '') return undefined;
  const user: NmcUser = { name: finalName };
  if (email !== undefined) user.email = normalizeEmailCell(email);
  if (userType?.trim()) user.userType = userType.trim();
  if (enabled !== undefined) user.enabled = enabled;
  return user;
}

// --- The card: About > Network and settings ------------------------------------------------------------------

type CardSection = 'hardware' | 'application' | 'aos' | 'boot' | 'other-device' | 'none';

function cardSection(section: string): CardSection {
  const normalized = normalizeLabel(section);
  if (normalized === '') return 'none';
  if (/\b(?:aos|apc os)\b/.test(normalized)) return 'aos';
  if (/\bboot ?monitor\b|\bbootmon\b|\bmoniteur de demarrage\b/.test(normalized)) return 'boot';
  if (/\bhardware factory\b|\bmateriel\b|\bfactory\b|\busine\b/.test(normalized)) return 'hardware';
  if (/\bapplication module\b|\bmodule d application\b|\bapplication\b/.test(normalized)) return 'application';
  if (/\b(?:ups|onduleur|pdu|battery|batterie|device|appareil|sensor|capteur)\b/.test(normalized)) {
    return 'other-device';
  }
  return 'none';
}

const MODEL_LABEL = /^(?:model(?: number| no)?|numero de modele|modele|reference(?: du modele)?)$/;
const VERSION_LABEL = /^(?:version|revision|rev)$/;
const NAME_LABEL = /^(?:name|nom)$/;
/** A label that is itself the AOS line: "APC OS (AOS)", "AOS Version", "Version de l'AOS". */
const AOS_LABEL = /^(?:apc os ?\(?aos\)?|apc os|aos|aos version|version (?:de l )?(?:aos|apc os)|apc os aos version)$/;

function readCard(pairs: Pair[], preTexts: string[]): NmcCardReading {
  const card: NmcCardReading = {};
  let applicationName: string | undefined;
  const all = [...pairs, ...preTexts.flatMap(cliPairs)];
  const hasAosLine = all.some(
    (pair) => cardSection(pair.section) === 'aos' || AOS_LABEL.test(normalizeLabel(pair.label)),
  );
  for (const pair of all) {
    const label = normalizeLabel(pair.label);
    const section = cardSection(pair.section);
    const value = pair.value.trim();
    if (value === '') continue;
    if (card.aosVersion === undefined && parseFirmwareVersion(value)) {
      // Only the APC OS(AOS) section's own Version row (or a line that is the AOS itself) is the card's version.
      if ((section === 'aos' && VERSION_LABEL.test(label)) || (section !== 'other-device' && AOS_LABEL.test(label))) {
        card.aosVersion = value;
        continue;
      }
    }
    if (card.model === undefined && MODEL_LABEL.test(label)) {
      // The card's model sits in Hardware Factory; a UPS's or PDU's own model elsewhere is not the card's.
      if (section === 'hardware' || (section === 'none' && hasAosLine)) {
        card.model = value.slice(0, 80);
        continue;
      }
    }
    if (applicationName === undefined && section === 'application' && NAME_LABEL.test(label)) {
      applicationName = value;
      continue;
    }
    if (card.mfaEnabled === undefined && classifySettingLabel(pair.label) === 'mfa') {
      const box = pair.control && isCheckable(pair.control) ? (pair.control as HTMLInputElement) : undefined;
      const enabled = box
        ? box.checked
        : parseEnabledLabel(value.replace(/^(?:[✓]|☐)$/, (m) => (m === '✓' ? 'on' : 'off')));
      if (enabled !== undefined) card.mfaEnabled = enabled;
    }
  }
  if (card.model !== undefined || applicationName !== undefined) {
    card.generation = classifyNmcModel(card.model, applicationName);
  }
  return card;
}

/** Lines of a CLI `about` output: a section name alone on a line, then "Label: value" lines. */
function cliPairs(text: string): Pair[] {
  if (text.length > 20_000) return [];
  const pairs: Pair[] = [];
  let section = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || /^[-=_*─]+$/u.test(line)) continue;
    const match = /^([^:]{1,60}):\s*(.*)$/.exec(line);
    if (!match || (match[2] ?? '') === '') {
      section = line.replace(/:$/, '');
      continue;
    }
    pairs.push({ section, label: match[1] ?? '', value: match[2] ?? '' });
  }
  return pairs;
}

// --- Pager ---------------------------------------------------------------------------------------------------

/**
 * "Page 1 of 3" / "Page 1 sur 3", or "Showing 1 to 10 of 25 entries" / "Affichage de 1 à 10 sur 25": the table
 * shows only some of the users.
 */
function pagerPosition(doc: Document): { number: number; count: number } | undefined {
  const text = (doc.body?.textContent ?? '').replace(/\s+/g, ' ');
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
