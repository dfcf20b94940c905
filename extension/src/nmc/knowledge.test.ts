import { describe, expect, it } from 'vitest';
import {
  answerMfa,
  checkHost,
  emptyKnowledge,
  fleetToCsv,
  fleetToJson,
  mergePageRead,
  toFleetRecord,
} from './knowledge';
import type { FleetRecord, HostKnowledge } from './types';

const NOW = new Date('2026-11-25T04:00:00Z');
const ORIGIN = 'http://nmc3.lan';
const start = () => emptyKnowledge(ORIGIN, NOW);

const list = (paged = false) => ({
  ...(paged ? { page: { number: 1, count: 2 } } : {}),
  userPages: { apc: `${ORIGIN}/user-apc.html`, fw: `${ORIGIN}/user-fw.html` },
  users: [
    { name: 'apc', userType: 'Super User', enabled: true, email: 'ops@example.com' },
    { name: 'fw', userType: 'Administrator', enabled: true },
  ],
});

describe('host knowledge', () => {
  it('never stores an address, only whether it is blank', () => {
    const known = mergePageRead(start(), { list: list() }, NOW);
    expect(JSON.stringify(known)).not.toContain('@example.com');
    expect(known.users.map((u) => u.email)).toEqual(['set', 'unknown']);
  });

  it('merges a user page into the list, turning unknown into ok', () => {
    let known = mergePageRead(start(), { list: list() }, NOW);
    known = answerMfa(known, true, NOW);
    expect(checkHost(known).evaluation.status).toBe('unknown');
    expect(checkHost(known).usersToCheck).toEqual(['fw']);
    known = mergePageRead(known, { user: { name: 'fw', email: '', userType: 'Administrator', enabled: true } }, NOW);
    expect(checkHost(known).evaluation).toMatchObject({ status: 'ok', candidates: ['fw'] });
    // A list without an e-mail column keeps what the user page said.
    known = mergePageRead(known, { list: list() }, NOW);
    expect(checkHost(known).evaluation.status).toBe('ok');
  });

  it('drops users missing from a complete list, keeps them for one page of several', () => {
    const withExtra = mergePageRead(
      start(),
      { user: { name: 'old', email: '', userType: 'Administrator', enabled: true } },
      NOW,
    );
    expect(mergePageRead(withExtra, { list: list() }, NOW).users.map((u) => u.name)).toEqual(['apc', 'fw']);
    expect(mergePageRead(withExtra, { list: list(true) }, NOW).users.map((u) => u.name)).toEqual(['old', 'apc', 'fw']);
  });

  it('never calls a paged list at risk before every page was read', () => {
    const pageOne = {
      page: { number: 1, count: 2 },
      userPages: {},
      users: [{ name: 'apc', userType: 'Super User', enabled: true, email: 'ops@example.com' }],
    };
    let known = mergePageRead(answerMfa(start(), true, NOW), { list: pageOne }, NOW);
    expect(checkHost(known)).toMatchObject({ pagesToRead: [2], usersToCheck: [], evaluation: { status: 'unknown' } });
    known = mergePageRead(known, { list: { ...pageOne, page: { number: 2, count: 2 }, users: [] } }, NOW);
    expect(checkHost(known)).toMatchObject({ pagesToRead: [], evaluation: { status: 'at-risk' } });
  });

  it('lets the page override the admin answer about MFA, never the reverse', () => {
    const fromPage = mergePageRead(start(), { card: { mfaEnabled: false, aosVersion: 'v3.4.0.7' } }, NOW);
    expect(answerMfa(fromPage, true, NOW).mfa).toEqual({ value: false, source: 'page' });
    const answered = answerMfa(start(), 'unknown', NOW);
    expect(checkHost(answered).askMfa).toBe(false);
    expect(mergePageRead(answered, { card: { mfaEnabled: true } }, NOW).mfa).toEqual({
      value: true,
      source: 'page',
    });
  });
});

describe('fleet export', () => {
  const known: HostKnowledge = mergePageRead(
    answerMfa(start(), true, NOW),
    { list: { ...list(), users: [{ name: '=HYPERLINK("x")', userType: 'Administrator', enabled: true, email: '' }] } },
    NOW,
  );
  const record: FleetRecord = toFleetRecord(known, checkHost(known));

  it('writes CSV with a header, quoting and formula-safe cells', () => {
    const csv = fleetToCsv([record]);
    expect(csv.split('\r\n')[0]).toBe(
      '"host","status","checked_at","generation","model","aos","mfa","candidate","candidates","tool_accounts","users_known","users_to_check"',
    );
    expect(csv).toContain(`"${ORIGIN}","ok","2026-11-25T04:00:00.000Z","unknown","","","true","'=HYPERLINK(""x"")"`);
  });

  it('writes versioned JSON', () => {
    const json = JSON.parse(fleetToJson([record], NOW));
    expect(json).toMatchObject({
      format: 'mfa-companion-nmc-fleet',
      version: 1,
      hosts: [{ origin: ORIGIN, status: 'ok' }],
    });
  });
});
