import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fleetStatusCounts, visibleFleetRows } from './fleet-view-model';
import {
  answerMfa,
  checkHost,
  emptyKnowledge,
  fleetToCsv,
  fleetToJson,
  mergePageRead,
  ownString,
  toFleetRecord,
} from './knowledge';
import { fleetRows } from './managed-hosts';
import type { FleetRecord, NmcPageRead } from './types';
import { describeFinding, formatList, headline, shownName } from './wording';

const NOW = new Date('2026-12-05T08:00:00Z');
const BIDI = 'x\u202Eetadpuwf';
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', BIDI];

/** What a content script's message looks like on arrival: serialised, so the reader's null-prototype map is gone. */
function asMessage(read: NmcPageRead): NmcPageRead {
  return JSON.parse(JSON.stringify(read)) as NmcPageRead;
}

function hostileHost(withPages: boolean) {
  const userPages: Record<string, string> = Object.create(null);
  if (withPages)
    for (const name of NAMES) userPages[name] = `http://nmc.lan/usercfg.htm?user=${encodeURIComponent(name)}`;
  const read: NmcPageRead = {
    list: {
      userPages,
      users: NAMES.map((name) => ({
        name,
        userType: 'Administrator',
        enabled: true,
        email: name === '__proto__' ? 'x@y.z' : '',
      })),
      url: 'http://nmc.lan/userman.htm',
    },
  };
  return mergePageRead(answerMfa(emptyKnowledge('http://nmc.lan', NOW), true, NOW), asMessage(read), NOW);
}

describe('user names that are Object members or carry bidi overrides', () => {
  beforeEach(() => {
    // Messages echo their key and substitutions, so the test sees exactly what reaches the screen.
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
      (key: string, substitutions?: string | (string | number)[]) =>
        `${key}: ${[substitutions ?? []].flat().join(' | ')}`,
    );
  });

  it('never takes an inherited member as a user page, and keeps each name exactly', () => {
    const known = hostileHost(false);
    expect(known.users.map((user) => user.name)).toEqual(NAMES);
    for (const user of known.users) expect(user.page).toBeUndefined();
    expect(ownString({}, 'constructor')).toBeUndefined();
    expect(ownString(JSON.parse('{"__proto__":"http://a/"}'), '__proto__')).toBe('http://a/');
    const withPages = hostileHost(true);
    expect(withPages.users.find((user) => user.name === 'constructor')?.page).toBe(
      'http://nmc.lan/usercfg.htm?user=constructor',
    );
    expect(withPages.listPage).toBe('http://nmc.lan/userman.htm');
  });

  it('judges them like any other user', () => {
    const result = checkHost(hostileHost(true));
    expect(result.evaluation.status).toBe('ok');
    expect(result.evaluation.candidates).toEqual(NAMES.filter((name) => name !== '__proto__'));
  });

  it('shows names without bidi or control characters, and an escape when nothing visible is left', () => {
    expect(shownName(BIDI)).toBe('xetadpuwf');
    expect(shownName('\u202E\u0007')).toBe('\\u202e\\u0007');
    expect(shownName('constructor')).toBe('constructor');
    const result = checkHost(hostileHost(true));
    expect(headline(result)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    for (const finding of result.evaluation.findings) {
      expect(describeFinding(finding, result)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u001f]/);
    }
  });

  it('exports them: CSV without bidi characters, JSON that parses back to the exact names with the overrides escaped', () => {
    const record = toFleetRecord(hostileHost(true), checkHost(hostileHost(true)));
    const csv = fleetToCsv([record]);
    expect(csv).not.toMatch(/[\u202a-\u202e]/);
    expect(csv).toContain('constructor');
    const json = fleetToJson([record], NOW);
    expect(json).not.toMatch(/[\u202a-\u202e]/);
    expect(json).toContain('\\u202e');
    const parsed = JSON.parse(json) as { hosts: FleetRecord[] };
    expect(parsed.hosts[0]?.candidates).toEqual(NAMES.filter((name) => name !== '__proto__'));
    expect(Object.getPrototypeOf(parsed.hosts[0])).toBe(Object.prototype);
  });
});

describe('lists and the fleet as a tool', () => {
  it('writes lists as "A, B and C" or "A, B or C"', () => {
    expect(formatList(['A', 'B', 'C'])).toBe('A, B, and C');
    expect(formatList(['A', 'B', 'C'], 'disjunction')).toBe('A, B, or C');
    expect(formatList(['A'])).toBe('A');
  });

  it('sorts by status (at risk first), host or date, and filters by status', () => {
    const record = (origin: string, status: FleetRecord['status'], checkedAt: string): FleetRecord => ({
      origin,
      status,
      checkedAt,
      candidate: '',
      candidates: [],
      usersKnown: 0,
      usersToCheck: [],
      mfa: 'unknown',
      firmwareVersion: '',
      generation: 'unknown',
      model: '',
      toolAccounts: [],
    });
    const rows = fleetRows(
      [
        record('http://b.lan', 'ok', '2026-12-01T00:00:00Z'),
        record('http://a.lan', 'at-risk', '2026-11-01T00:00:00Z'),
        record('http://c.lan', 'unknown', '2026-12-03T00:00:00Z'),
        record('http://d.lan', 'at-risk', '2026-12-04T00:00:00Z'),
      ],
      [{ origin: 'http://e.lan', toolAccounts: [] }],
    );
    expect(visibleFleetRows(rows, 'all', 'status').map((row) => row.origin)).toEqual([
      'http://a.lan',
      'http://d.lan',
      'http://c.lan',
      'http://e.lan',
      'http://b.lan',
    ]);
    expect(visibleFleetRows(rows, 'at-risk', 'checked').map((row) => row.origin)).toEqual([
      'http://d.lan',
      'http://a.lan',
    ]);
    expect(visibleFleetRows(rows, 'not-checked', 'host').map((row) => row.origin)).toEqual(['http://e.lan']);
    expect(fleetStatusCounts(rows).get('at-risk')).toBe(2);
  });
});
