// One test per bug found in the audit against the NMC spec; each failed before its fix.
import { describe, expect, it } from 'vitest';
import {
  canUpdateFirmware,
  classifyFieldLabel,
  classifyUserType,
  evaluateNmcUsers,
  type NmcEvaluationInput,
  normalizeEmailCell,
  parseEnabledLabel,
  parseFirmwareVersion,
  parseNmcUserList,
  usersStillToCheck,
} from '../src/index.ts';

const FW = { name: 'fw', email: '', userType: 'Administrator', enabled: true };
const BOB = { name: 'bob', email: 'bob@example.com', userType: 'Administrator', enabled: true };

describe('parseNmcUserList regressions', () => {
  it('reads rows that kept a leading tab when the header lost its empty first cell', () => {
    const text = [
      'User Name\tUser Type\tStatus\tE-mail Address',
      '\tbob\tAdministrator\tEnabled\tbob@example.com',
      '\tfw\tAdministrator\tEnabled\t',
      '\tapc\tSuper User\tEnabled',
    ].join('\n');
    expect(parseNmcUserList(text)).toEqual([
      BOB,
      FW,
      { name: 'apc', email: '', userType: 'Super User', enabled: true },
    ]);
  });

  it.each([
    ['tab, trailing tab trimmed', 'User Name\tE-mail Address\nbob\tbob@example.com\nfw'],
    ['multi-space', 'User Name    E-mail Address\nbob          bob@example.com\nfw'],
  ])('reads a name-only row of a name + e-mail table as a blank e-mail (%s)', (_, text) => {
    const users = parseNmcUserList(text);
    expect(users).toEqual([
      { name: 'bob', email: 'bob@example.com' },
      { name: 'fw', email: '' },
    ]);
    expect(evaluateNmcUsers({ mfaEnabled: true, users })).toMatchObject({ status: 'ok', candidates: ['fw'] });
  });

  it('does not turn a lone pager number, button or "Loading" line into a blank-e-mail user', () => {
    for (const line of ['1', 'Next', 'Loading', '»', 'Showing 1 to 1 of 1 entries']) {
      const users = parseNmcUserList(`User Name\tE-mail Address\nbob\tbob@example.com\n${line}`);
      expect(users, line).toEqual([{ name: 'bob', email: 'bob@example.com' }]);
    }
  });

  it('reads the rows under a second, different header by that header', () => {
    const text = [
      'User Name\tUser Type\tE-mail Address',
      'bob\tAdministrator\tbob@example.com',
      '',
      'Remote Users',
      'Name\tType',
      'ldap-admin\tAdministrator',
    ].join('\n');
    const users = parseNmcUserList(text);
    // The second table shows no e-mail: that user's address is unknown, never blank.
    expect(users[1]).toEqual({ name: 'ldap-admin', userType: 'Administrator' });
    expect(evaluateNmcUsers({ mfaEnabled: true, users }).status).toBe('unknown');
    const reordered = [
      'User Name\tUser Type\tE-mail',
      'bob\tAdministrator\tbob@example.com',
      'E-mail\tUser Name\tUser Type',
    ];
    expect(parseNmcUserList([...reordered, '\tfw\tAdministrator'].join('\n'))[1]).toEqual({
      name: 'fw',
      email: '',
      userType: 'Administrator',
    });
  });

  it('reads Markdown and ASCII pipe tables', () => {
    const markdown = [
      '| User Name | User Type     | Status  | E-mail Address  |',
      '| --------- | ------------- | ------- | --------------- |',
      '| bob       | Administrator | Enabled | bob@example.com |',
      '| fw        | Administrator | Enabled |                 |',
    ].join('\n');
    expect(parseNmcUserList(markdown)).toEqual([BOB, FW]);
    const bare = 'User Name | User Type | Status | E-mail\n--- | --- | --- | ---\nfw | Administrator | Enabled | ';
    expect(parseNmcUserList(bare)).toEqual([FW]);
    const box = ['+------+-------+', '| User | Email |', '+------+-------+', '| fw   |       |', '+------+-------+'];
    expect(parseNmcUserList(box.join('\n'))).toEqual([{ name: 'fw', email: '' }]);
  });

  it('lines a fixed-width copy up with its header when a blank cell comes before the name', () => {
    const text = [
      'E-mail Address     User Name    User Type        Status',
      'bob@example.com    bob          Administrator    Enabled',
      '                   fw           Administrator    Enabled',
    ].join('\n');
    expect(parseNmcUserList(text)).toEqual([BOB, FW]);
  });

  it('still places cells by content when a fixed-width copy does not line up', () => {
    const text = ['User Name  E-mail Address  User Type  Status', 'longusername1  Super User  Enabled'].join('\n');
    expect(parseNmcUserList(text)).toEqual([
      { name: 'longusername1', email: '', userType: 'Super User', enabled: true },
    ]);
  });

  it.each([
    ['Users', 'name'],
    ['User ID', 'name'],
    ['Login Name', 'name'],
    ['Account Name', 'name'],
    ["Nom de l'utilisateur", 'name'],
    ['Utilisateurs', 'name'],
    ['Mail Address', 'email'],
    ['E-mail Address (optional)', 'email'],
    ['Adresse e-mail (facultatif)', 'email'],
    ["Type de l'utilisateur", 'userType'],
    ['Privilege Level', 'userType'],
    ["Statut de l'utilisateur", 'status'],
  ])('recognises the header %s', (label, field) => {
    expect(classifyFieldLabel(label)).toBe(field);
  });

  it('keeps "Local Users" (the page title) out of the header, and "Contact e-mail" out of the e-mail field', () => {
    expect(parseNmcUserList('Local Users\nManagement\nUser Name\tE-mail\nfw\t')).toEqual([{ name: 'fw', email: '' }]);
    expect(classifyFieldLabel('Contact e-mail')).toBeUndefined();
  });

  it.each([
    ['Activé(e)', true],
    ['Désactivé(e)', false],
    ['[x]', true],
    ['[ ]', false],
    ['Locked out', false],
    ['Bloqué', false],
    ['Suspended', false],
  ])('reads status %s', (label, enabled) => {
    expect(parseEnabledLabel(label)).toBe(enabled);
  });

  it.each([
    ['Lecture uniquement', 'read-only-user'],
    ['Utilisateur réseau seul', 'network-only-user'],
  ])('reads user type %s', (label, id) => {
    expect(classifyUserType(label)).toEqual({ kind: 'known', id });
  });

  it.each(['Not configured', 'Non configuré', '(blank)'])('reads e-mail cell %s as blank', (cell) => {
    expect(normalizeEmailCell(cell)).toBe('');
  });
});

describe('evaluateNmcUsers regressions', () => {
  const evaluate = (input: unknown) => evaluateNmcUsers(input as NmcEvaluationInput);

  it('reads a blank user type as a missing one, not as an unknown label', () => {
    const result = evaluate({ mfaEnabled: true, users: [{ name: 'fw', email: '', userType: '  ', enabled: true }] });
    expect(result).toMatchObject({ status: 'ok', candidates: ['fw'] });
    expect(result.findings.map((f) => f.code)).not.toContain('user-type-unrecognised');
    expect(canUpdateFirmware('')).toBeUndefined();
  });

  it('never crashes on values a JavaScript or JSON caller may pass, and never turns them into an OK', () => {
    expect(evaluate({ mfaEnabled: true, users: [{ name: 'fw', email: null, userType: 'Administrator' }] }).status).toBe(
      'unknown',
    );
    expect(
      evaluate({ mfaEnabled: true, users: [{ name: 'fw', email: '', userType: 42, enabled: true }] }).candidates,
    ).toEqual(['fw']);
    expect(evaluate({ mfaEnabled: true, users: [null, 'x', FW] }).candidates).toEqual(['fw']);
    expect(evaluate({ mfaEnabled: true }).status).toBe('at-risk');
    expect(evaluate({ mfaEnabled: 'unknown', firmwareVersion: 3.4, generation: 'nmc3', users: [BOB] }).status).toBe(
      'at-risk',
    );
    expect(evaluate({ mfaEnabled: 'unknown', firmwareVersion: 3.4, users: [BOB] }).status).toBe('unknown');
    expect(usersStillToCheck([{ name: 'a', email: null } as never])).toEqual(['a']);
  });

  it('reads a status given as a label instead of a boolean: "Disabled" is never a candidate', () => {
    const result = evaluate({ mfaEnabled: true, users: [BOB, { ...FW, enabled: 'Disabled' }] });
    expect(result.status).toBe('at-risk');
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'blank-email-user-disabled', user: 'fw' }));
  });

  it('reads MFA given as a label', () => {
    expect(evaluate({ mfaEnabled: 'true', users: [BOB] }).status).toBe('at-risk');
    expect(evaluate({ mfaEnabled: 'off', users: [BOB] }).status).toBe('not-applicable');
  });

  it('reads a firmware version that is a bare major number', () => {
    expect(parseFirmwareVersion('v4')?.parts).toEqual([4, 0]);
    expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: '3', users: [BOB] }).status).toBe(
      'not-applicable',
    );
    expect(
      evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: 'v4', generation: 'nmc3', users: [BOB] }).status,
    ).toBe('at-risk');
    expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: 'garbage', users: [BOB] }).status).toBe(
      'unknown',
    );
  });
});
