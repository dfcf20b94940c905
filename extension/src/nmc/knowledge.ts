/**
 * What the extension knows about one NMC, merged from every page the admin opened there. Pure functions,
 * unit-tested without a browser; storage lives in store.ts.
 */
import { evaluateNmcUsers, type NmcEvaluationInput, type NmcUser, usersStillToCheck } from '@mfa-companion/policy';
import type { NmcPageReadingDetailed } from '@mfa-companion/policy/dom';
import type { ToolAccount } from './tool-accounts';
import type { EmailState, FleetRecord, HostKnowledge, KnownUser, NmcCheckResult, NmcPageRead } from './types';

export function emptyKnowledge(origin: string, now: Date): HostKnowledge {
  return { origin, users: [], updatedAt: now.toISOString() };
}

const emailState = (email: string | undefined): EmailState =>
  email === undefined ? 'unknown' : email.trim() === '' ? 'blank' : 'set';

/** Folds one page read into what was known. The newest read of a fact wins. */
export function mergePageRead(known: HostKnowledge, read: NmcPageRead, now: Date): HostKnowledge {
  let users = known.users;
  let listPages = known.listPages;
  if (read.list) {
    const previous = new Map(users.map((user) => [user.name, user]));
    // A message arrives as a plain object: user names are read as own properties only ("constructor", "__proto__").
    const pages = read.list.userPages;
    const listed = read.list.users.map((user) => {
      const before = previous.get(user.name);
      const merged: KnownUser = {
        ...before,
        name: user.name,
        // A list without an e-mail column says nothing about e-mails: keep what a user page told us.
        email: user.email === undefined ? (before?.email ?? 'unknown') : emailState(user.email),
      };
      if (user.userType !== undefined) merged.userType = user.userType;
      if (user.enabled !== undefined) merged.enabled = user.enabled;
      const page = ownString(pages, user.name);
      if (page !== undefined) merged.page = page;
      return merged;
    });
    const page = read.list.page;
    if (page) {
      const listedNames = new Set(listed.map((user) => user.name));
      users = [...users.filter((user) => !listedNames.has(user.name)), ...listed];
      const seen = known.listPages?.count === page.count ? known.listPages.seen : [];
      listPages = { count: page.count, seen: [...new Set([...seen, page.number])].sort((a, b) => a - b) };
    } else {
      // A complete list is the truth: a user deleted on the card must not keep the host "ok".
      users = listed;
      listPages = undefined;
    }
  }
  if (read.user) users = upsertUser(users, read.user);
  const next: HostKnowledge = { ...known, users, updatedAt: now.toISOString() };
  if (read.list && typeof read.list.url === 'string' && !read.list.page) next.listPage = read.list.url;
  else if (read.list?.page?.number === 1 && typeof read.list.url === 'string') next.listPage = read.list.url;
  if (listPages) next.listPages = listPages;
  else delete next.listPages;
  const card = read.card;
  if (card?.mfaEnabled !== undefined) next.mfa = { value: card.mfaEnabled, source: 'page' };
  if (card?.aosVersion !== undefined) {
    next.firmwareVersion = card.aosVersion.slice(0, 80);
    next.firmwareSource = 'page';
  }
  if (card?.model !== undefined) next.model = card.model.slice(0, 80);
  if (card?.generation !== undefined) next.generation = card.generation;
  return next;
}

/** `record[key]` when it is the record's own string value; never an inherited member such as `constructor`. */
export function ownString(record: unknown, key: string): string | undefined {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) return undefined;
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function upsertUser(users: KnownUser[], user: NmcUser): KnownUser[] {
  const index = users.findIndex((known) => known.name === user.name);
  const before = index >= 0 ? users[index] : undefined;
  const merged: KnownUser = { ...before, name: user.name, email: emailState(user.email) };
  if (user.email === undefined && before) merged.email = before.email;
  if (user.userType !== undefined) merged.userType = user.userType;
  if (user.enabled !== undefined) merged.enabled = user.enabled;
  if (index < 0) return [...users, merged];
  return users.map((known, position) => (position === index ? merged : known));
}

/** The admin's one-time answer counts only until a page of the card shows the real setting. */
export function answerMfa(
  known: HostKnowledge,
  value: boolean | 'unknown',
  now: Date,
  firmwareVersion?: string,
): HostKnowledge {
  const next: HostKnowledge = { ...known, updatedAt: now.toISOString() };
  if (known.mfa?.source !== 'page') next.mfa = { value, source: 'answer' };
  if (firmwareVersion?.trim() && known.firmwareSource !== 'page') {
    next.firmwareVersion = firmwareVersion.trim();
    next.firmwareSource = 'answer';
  }
  return next;
}

const EMAIL_FOR_RULE: Record<EmailState, string | undefined> = { blank: '', set: 'set', unknown: undefined };

/** Pages of a paged list not read yet. */
function unreadPages(known: HostKnowledge): number[] {
  const pages = known.listPages;
  if (!pages) return [];
  return Array.from({ length: pages.count }, (_, index) => index + 1).filter((page) => !pages.seen.includes(page));
}

export function checkHost(known: HostKnowledge, toolAccounts: readonly ToolAccount[] = []): NmcCheckResult {
  const pagesToRead = unreadPages(known);
  const users: NmcUser[] = known.users.map((user) => {
    const entry: NmcUser = { name: user.name };
    const email = EMAIL_FOR_RULE[user.email];
    if (email !== undefined) entry.email = email;
    if (user.userType !== undefined) entry.userType = user.userType;
    if (user.enabled !== undefined) entry.enabled = user.enabled;
    return entry;
  });
  const knownUsers = [...users];
  // An unread page may hold the update account: it stands in the rule as a user whose e-mail is unknown,
  // so the verdict can be "ok" (a candidate seen elsewhere) or "unknown", never a premature "at-risk".
  for (const page of pagesToRead) users.push({ name: `#page-${page}` });
  const input: NmcEvaluationInput = { mfaEnabled: known.mfa?.value ?? 'unknown', users, sources: {} };
  const sources = input.sources ?? {};
  if (known.mfa) sources.mfaEnabled = known.mfa.source;
  if (known.firmwareVersion !== undefined) {
    input.firmwareVersion = known.firmwareVersion;
    sources.firmwareVersion = known.firmwareSource ?? 'answer';
  }
  if (known.generation !== undefined) {
    input.generation = known.generation;
    sources.generation = 'page';
  }
  if (known.model !== undefined) {
    input.model = known.model;
    sources.model = 'page';
  }
  if (toolAccounts.length > 0) {
    input.toolAccounts = toolAccounts.map(({ tool, user }) => ({ tool, user }));
    sources.toolAccounts = 'answer';
  }
  const evaluation = evaluateNmcUsers(input);
  const result: NmcCheckResult = {
    origin: known.origin,
    evaluation,
    usersToCheck: usersStillToCheck(knownUsers),
    pagesToRead,
    // A card known to have no MFA needs no question about it.
    askMfa: known.mfa === undefined && evaluation.status !== 'not-applicable',
    usersKnown: known.users.length,
    toolAccounts: [...toolAccounts],
    signIn: {
      emailedCode: known.users.filter((user) => user.email === 'set').map((user) => user.name),
      passwordOnly: known.users.filter((user) => user.email === 'blank').map((user) => user.name),
    },
  };
  if (known.firmwareVersion !== undefined) {
    result.firmwareVersion = known.firmwareVersion;
    result.firmwareSource = known.firmwareSource ?? 'answer';
  }
  if (known.model !== undefined) result.model = known.model;
  if (known.generation !== undefined) result.generation = known.generation;
  return result;
}

export function toFleetRecord(known: HostKnowledge, result: NmcCheckResult): FleetRecord {
  return {
    origin: known.origin,
    status: result.evaluation.status,
    checkedAt: known.updatedAt,
    candidate: result.evaluation.candidates[0] ?? '',
    candidates: result.evaluation.candidates,
    usersKnown: result.usersKnown,
    usersToCheck: result.evaluation.status === 'ok' ? [] : result.usersToCheck,
    mfa: known.mfa?.value ?? 'unknown',
    firmwareVersion: known.firmwareVersion ?? '',
    generation: known.generation ?? 'unknown',
    model: known.model ?? '',
    toolAccounts: result.toolAccounts.map((account) => `${account.tool}:${account.user}`),
  };
}

/**
 * What one page read adds to the host's knowledge. A user shown on the confirmation page (after Next, before
 * Apply) is not saved yet, so it is not taken as the card's state; the list read after Apply is.
 */
export function pageReadOf(reading: NmcPageReadingDetailed, url?: string): NmcPageRead | undefined {
  const read: NmcPageRead = {};
  if (reading.page === 'users-list' && reading.users.length > 0) {
    read.list = { users: reading.users, userPages: reading.userPages };
    if (url !== undefined) read.list.url = url;
    if (reading.pager) read.list.page = reading.pager;
  }
  if (reading.page === 'user-page' && !reading.pendingApply && reading.users[0] && reading.users[0].pending !== true) {
    read.user = reading.users[0];
  }
  if (Object.keys(reading.card).length > 0) read.card = { ...reading.card };
  return read.list || read.user || read.card ? read : undefined;
}

const CSV_COLUMNS = [
  'host',
  'status',
  'checked_at',
  'generation',
  'model',
  'aos',
  'mfa',
  'candidate',
  'candidates',
  'tool_accounts',
  'users_known',
  'users_to_check',
] as const;

// Bidirectional overrides and isolates, and every control character: they reorder or hide what a cell shows.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
/**
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (also their full-width forms); in locales
 * that split on `;`, or on import with tab or `|` as separator, each piece after one counts as a start too.
 */
const FORMULA_START = /(^|[;\t|])([\s]*)(?=[=+\-@\uff1d\uff0b\uff0d\uff20])/g;

/** Every cell quoted (RFC 4180), bidi and control characters stripped, formula starts neutralised with a quote. */
export function csvCell(value: string): string {
  const visible = value.replace(BIDI, '').replace(CONTROLS_BUT_TAB, '');
  const safe = visible.replace(FORMULA_START, "$1$2'").replaceAll('\t', ' ');
  return `"${safe.replaceAll('"', '""')}"`;
}

export function fleetToCsv(records: readonly FleetRecord[]): string {
  const lines = records.map((record) =>
    [
      record.origin,
      record.status,
      record.checkedAt,
      record.generation,
      record.model,
      record.firmwareVersion,
      String(record.mfa),
      record.candidate,
      record.candidates.join(' '),
      record.toolAccounts.join(' '),
      String(record.usersKnown),
      record.usersToCheck.join(' '),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}

// Bidi and invisible characters that JSON.stringify leaves raw: escaped, so a viewer shows them instead of obeying them.
const INVISIBLE_IN_JSON = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u0080-\u009f]/g;

/**
 * The fleet as JSON: names kept exactly (a parser gets them back unchanged), bidi and invisible characters written as
 * `\uXXXX` escapes so that no viewer reorders or hides them.
 */
export function fleetToJson(records: readonly FleetRecord[], exportedAt: Date): string {
  const text = JSON.stringify(
    { format: 'mfa-companion-nmc-fleet', version: 1, exportedAt: exportedAt.toISOString(), hosts: records },
    null,
    2,
  );
  return `${text.replace(INVISIBLE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
