/**
 * What the extension knows about one NMC, merged from every page the admin opened there. Pure functions,
 * unit-tested without a browser; storage lives in store.ts.
 */
import { evaluateNmcUsers, type NmcUser, usersStillToCheck } from '@mfa-companion/policy';
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
      const page = read.list?.userPages[user.name];
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
  if (listPages) next.listPages = listPages;
  else delete next.listPages;
  if (read.settings?.mfaEnabled !== undefined) next.mfa = { value: read.settings.mfaEnabled, source: 'page' };
  if (read.settings?.firmwareVersion !== undefined) {
    next.firmwareVersion = read.settings.firmwareVersion;
    next.firmwareSource = 'page';
  }
  return next;
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

export function checkHost(known: HostKnowledge): NmcCheckResult {
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
  const input: Parameters<typeof evaluateNmcUsers>[0] = { mfaEnabled: known.mfa?.value ?? 'unknown', users };
  if (known.firmwareVersion !== undefined) input.firmwareVersion = known.firmwareVersion;
  const evaluation = evaluateNmcUsers(input);
  const result: NmcCheckResult = {
    origin: known.origin,
    evaluation,
    usersToCheck: usersStillToCheck(knownUsers),
    pagesToRead,
    askMfa: known.mfa === undefined,
    usersKnown: known.users.length,
  };
  if (known.firmwareVersion !== undefined) result.firmwareVersion = known.firmwareVersion;
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
  };
}

const CSV_COLUMNS = [
  'host',
  'status',
  'checked_at',
  'candidate',
  'candidates',
  'users_known',
  'users_to_check',
  'mfa',
  'firmware',
] as const;

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function fleetToCsv(records: readonly FleetRecord[]): string {
  const lines = records.map((record) =>
    [
      record.origin,
      record.status,
      record.checkedAt,
      record.candidate,
      record.candidates.join(' '),
      String(record.usersKnown),
      record.usersToCheck.join(' '),
      String(record.mfa),
      record.firmwareVersion,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

export function fleetToJson(records: readonly FleetRecord[], exportedAt: Date): string {
  return `${JSON.stringify({ format: 'mfa-companion-nmc-fleet', version: 1, exportedAt: exportedAt.toISOString(), hosts: records }, null, 2)}\n`;
}
