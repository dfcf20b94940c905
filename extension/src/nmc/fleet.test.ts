import { describe, expect, it } from 'vitest';
import {
  answerMfa,
  checkHost,
  csvCell,
  emptyKnowledge,
  fleetToCsv,
  mergePageRead,
  pageReadOf,
  toFleetRecord,
} from './knowledge';

const NOW = new Date('2026-11-25T04:00:00Z');
const start = () => emptyKnowledge('http://nmc3.lan', NOW);
const users = {
  userPages: {},
  users: [
    { name: 'apc', userType: 'Super User', enabled: true, email: 'ops@example.com' },
    { name: 'fw', userType: 'Administrator', enabled: true, email: '' },
  ],
};

describe('CSV cells', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+cmd', `"'+cmd"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['zz;=1+1', `"zz;'=1+1"`],
    ['zz; =1+1', `"zz; '=1+1"`],
    ['a|=b', `"a|'=b"`],
    ['a\t=b', `"a '=b"`],
    ['＝1+1', `"'＝1+1"`],
    ['ok\u202e=1', '"ok=1"'],
    ['\u202e=cmd', `"'=cmd"`],
    ['\u2066=cmd\u2069', `"'=cmd"`],
    [';\u0007=1', `";'=1"`],
    ['line\r\nbreak', '"linebreak"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', '"plain"'],
    ['a-b=c', '"a-b=c"'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('a user name that was a formula in ;-separated locales stays text in the export', () => {
    const known = mergePageRead(
      answerMfa(start(), true, NOW),
      { list: { userPages: {}, users: [{ name: 'zz;=1+1', userType: 'Administrator', enabled: true, email: '' }] } },
      NOW,
    );
    const line = fleetToCsv([toFleetRecord(known, checkHost(known))]).split('\r\n')[1] ?? '';
    expect(line).toContain(`"zz;'=1+1"`);
    // Every cell quoted: splitting on the quoted separators gives all twelve columns back.
    expect(line.split('","')).toHaveLength(12);
  });

  it('carries generation, model and the card AOS per host', () => {
    const known = mergePageRead(
      start(),
      { card: { model: 'AP9641', generation: 'nmc3', aosVersion: 'v3.4.0.7' } },
      NOW,
    );
    const line = fleetToCsv([toFleetRecord(known, checkHost(known))]).split('\r\n')[1];
    expect(line).toContain('"nmc3","AP9641","v3.4.0.7"');
  });
});

describe('card, tool accounts and sign-in', () => {
  it('an NMC2 or a rack PDU read on its About page is not applicable and asks nothing', () => {
    const known = mergePageRead(
      start(),
      { card: { model: 'AP9631', generation: 'nmc2', aosVersion: 'v6.9.6' }, list: users },
      NOW,
    );
    const result = checkHost(known);
    expect(result).toMatchObject({ askMfa: false, evaluation: { status: 'not-applicable' }, model: 'AP9631' });
    expect(result.evaluation.findings[0]).toMatchObject({ code: 'card-without-mfa', source: 'page' });
  });

  it('judges the named tool account, naming the tool', () => {
    const known = mergePageRead(answerMfa(start(), true, NOW), { list: users }, NOW);
    const named = checkHost(known, [{ tool: 'data-center-expert', user: 'apc', source: 'admin' }]);
    expect(named.evaluation.status).toBe('at-risk');
    expect(named.evaluation.findings.find((f) => f.code === 'tool-account-email-set')).toMatchObject({
      user: 'apc',
      tools: ['data-center-expert'],
    });
    expect(checkHost(known).evaluation.status).toBe('ok');
  });

  it('says who gets e-mailed codes and who signs in with a password alone', () => {
    const known = mergePageRead(start(), { list: users }, NOW);
    expect(checkHost(known).signIn).toEqual({ emailedCode: ['apc'], passwordOnly: ['fw'] });
  });

  it('does not take the confirmation page (before Apply) as saved, and reads nothing from a log-on page', () => {
    const base = { card: {}, userPages: {}, looksLikeNmc: true };
    expect(
      pageReadOf({ ...base, page: 'user-page', pendingApply: true, users: [{ name: 'fw', email: '' }] }),
    ).toBeUndefined();
    expect(pageReadOf({ ...base, page: 'user-page', users: [{ name: 'fw', email: '' }] })).toEqual({
      user: { name: 'fw', email: '' },
    });
    expect(pageReadOf({ ...base, page: 'login', users: [] })).toBeUndefined();
  });
});
