import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateNmcUsers,
  MAX_USER_LIST_CHARS,
  NmcParseError,
  type NmcParseErrorCode,
  parseNmcUserList,
  parseNmcUserListDetailed,
} from '../src/index.ts';

const TAB_LIST = [
  'Local Users',
  'User Name\tUser Type\tStatus\tE-mail Address',
  'apc\tSuper User\tEnabled\t',
  'alice\tAdministrator\tEnabled\talice@example.com',
  'ro\tRead-Only User\tDisabled\tro@example.com',
].join('\n');

function expectParseError(text: unknown, code: NmcParseErrorCode) {
  try {
    parseNmcUserList(text as string);
  } catch (error) {
    expect(error).toBeInstanceOf(NmcParseError);
    expect((error as NmcParseError).code).toBe(code);
    expect((error as NmcParseError).message.length).toBeGreaterThan(10);
    return;
  }
  throw new Error(`expected NmcParseError ${code}`);
}

describe('parseNmcUserList', () => {
  it('reads a tab-separated copy, page title above it, blank e-mail kept as known-blank', () => {
    expect(parseNmcUserList(TAB_LIST)).toEqual([
      { name: 'apc', email: '', userType: 'Super User', enabled: true },
      { name: 'alice', email: 'alice@example.com', userType: 'Administrator', enabled: true },
      { name: 'ro', email: 'ro@example.com', userType: 'Read-Only User', enabled: false },
    ]);
  });

  it('reads a multi-space copy whose blank e-mail cell collapsed', () => {
    const text = [
      'User Name    User Type          Status     E-mail Address',
      'apc          Super User         Enabled',
      'admin        Administrator      Enabled    admin@example.com',
    ].join('\r\n');
    expect(parseNmcUserList(text)).toEqual([
      { name: 'apc', email: '', userType: 'Super User', enabled: true },
      { name: 'admin', email: 'admin@example.com', userType: 'Administrator', enabled: true },
    ]);
  });

  it('reads French headers and values', () => {
    const text = [
      "Nom d'utilisateur\tType d'utilisateur\tÉtat\tAdresse e-mail",
      'apc\tSuper utilisateur\tActivé\tapc@exemple.fr',
      'maj\tAdministrateur\tActivé\t',
      'lecteur\tUtilisateur en lecture seule\tDésactivé\t',
    ].join('\n');
    const users = parseNmcUserList(text);
    expect(users[1]).toEqual({ name: 'maj', email: '', userType: 'Administrateur', enabled: true });
    expect(users[2]?.enabled).toBe(false);
    expect(evaluateNmcUsers({ mfaEnabled: true, users }).candidates).toEqual(['maj']);
  });

  it('tolerates extra columns in any order', () => {
    const text = [
      '#\tE-mail Address\tLast Login\tUser Name\tSession Timeout\tAccess\tStatus',
      '1\t\t2026-01-02\tfwupdate\t3\tAdministrator\tEnabled',
      '2\tbob@example.com\tNever\tbob\t3\tDevice User\tEnabled',
    ].join('\n');
    const { users, columns } = parseNmcUserListDetailed(text);
    expect(columns).toEqual({ name: 3, email: 1, userType: 5, status: 6, width: 7 });
    expect(users.map((u) => [u.name, u.email, u.userType])).toEqual([
      ['fwupdate', '', 'Administrator'],
      ['bob', 'bob@example.com', 'Device User'],
    ]);
  });

  it('leaves e-mail unknown when the list has no e-mail column', () => {
    const users = parseNmcUserList('User Name\tUser Type\tStatus\napc\tSuper User\tEnabled');
    expect(users).toEqual([{ name: 'apc', userType: 'Super User', enabled: true }]);
    expect(evaluateNmcUsers({ mfaEnabled: true, users }).status).toBe('unknown');
  });

  it('skips repeated headers and pager lines rather than inventing users', () => {
    const text = [
      'User Name\tUser Type\tStatus\tE-mail Address',
      'apc\tSuper User\tEnabled\t',
      '',
      'User Name\tUser Type\tStatus\tE-mail Address',
      'bob\tAdministrator\tEnabled\tbob@example.com',
      'Previous  1  2  Next',
      'Add User',
    ].join('\n');
    const parsed = parseNmcUserListDetailed(text);
    expect(parsed.users.map((u) => u.name)).toEqual(['apc', 'bob']);
    expect(parsed.skipped.map((s) => s.line)).toEqual([6, 7]);
  });

  it('treats a dash in the e-mail cell as blank', () => {
    expect(parseNmcUserList('User\tType\tE-mail\napc\tSuper User\t—')[0]?.email).toBe('');
  });

  it('refuses hostile or wrong input with typed errors', () => {
    expectParseError(42, 'not-text');
    expectParseError('', 'empty');
    expectParseError('   \n\t\n', 'empty');
    expectParseError('x'.repeat(MAX_USER_LIST_CHARS + 1), 'too-large');
    expectParseError('PK\u0003\u0004\u0000\u0000binary', 'binary');
    expectParseError(`${'\u0001\u0002'.repeat(100)}User\tE-mail`, 'binary');
    expectParseError('<table><tr><th>User Name</th><th>E-mail</th></tr></table>', 'html');
    expectParseError('Hello, this is a shopping list\neggs\tmilk', 'no-header');
    expectParseError('Name\tAge\nBob\t42', 'no-header');
    expectParseError('User Name\tUser Type\tStatus\tE-mail Address\n', 'no-users');
    expectParseError('User Name\tUser Type\tE-mail\napc\tSuper User\t\textra\tmore', 'ragged-row');
  });

  it('reports the line of a ragged row', () => {
    try {
      parseNmcUserList('User Name\tE-mail\na\t\nb\tb@x.y\tz');
    } catch (error) {
      expect((error as NmcParseError).line).toBe(3);
    }
  });

  it('handles a huge list within the row limit, and refuses beyond it', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `user${i}\tAdministrator\tEnabled\tu${i}@example.com`);
    expectParseError(['User Name\tUser Type\tStatus\tE-mail', ...rows].join('\n'), 'too-many-rows');
    expect(parseNmcUserList(['User Name\tUser Type\tStatus\tE-mail', ...rows.slice(0, 5000)].join('\n'))).toHaveLength(
      5000,
    );
  });

  it('never throws anything but NmcParseError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        try {
          parseNmcUserList(`User Name\tE-mail\n${text}`);
          parseNmcUserList(text);
        } catch (error) {
          expect(error).toBeInstanceOf(NmcParseError);
        }
      }),
    );
    // Thousands of generated texts: give a busy machine time rather than fail on the default 5 s.
  }, 60_000);

  it('round-trips any table it is given as tab-separated text', () => {
    const cell = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
    const row = fc.record({
      name: cell,
      email: fc.oneof(fc.constant(''), fc.emailAddress()),
      userType: fc.constantFrom('Super User', 'Administrator', 'Device User', 'Read-Only User', 'Network-Only User'),
      enabled: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (users) => {
        const text = [
          'User Name\tUser Type\tStatus\tE-mail Address',
          ...users.map((u) => `${u.name}\t${u.userType}\t${u.enabled ? 'Enabled' : 'Disabled'}\t${u.email}`),
        ].join('\n');
        expect(parseNmcUserList(text)).toEqual(users);
      }),
    );
  });
});
