import { describe, expect, it } from 'vitest';
import {
  classifyFieldLabel,
  classifyUserType,
  evaluateNmcUsers,
  NmcParseError,
  type NmcParseErrorCode,
  normalizeEmailCell,
  parseEnabledLabel,
  parseNmcUserList,
  parseNmcUserListDetailed,
} from '../src/index.ts';

const HEADER = 'User Name\tUser Type\tStatus\tE-mail Address';
const APC = { name: 'apc', email: '', userType: 'Super User', enabled: true };
const BOB = { name: 'bob', email: 'bob@example.com', userType: 'Administrator', enabled: true };
const ROWS = ['apc\tSuper User\tEnabled\t', 'bob\tAdministrator\tEnabled\tbob@example.com'];

function parseErrorCode(text: string): NmcParseErrorCode | undefined {
  try {
    parseNmcUserList(text);
  } catch (error) {
    expect(error).toBeInstanceOf(NmcParseError);
    return (error as NmcParseError).code;
  }
  return undefined;
}

describe('parseNmcUserList: how people really copy the list', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('reads %s line ends', (_, eol) => {
    expect(parseNmcUserList([HEADER, ...ROWS].join(eol))).toEqual([APC, BOB]);
  });

  it('reads a multi-space (PDF or terminal) copy', () => {
    const text = [
      'User Name   User Type       Status    E-mail Address',
      'bob   Administrator   Enabled   bob@example.com',
    ];
    expect(parseNmcUserList(text.join('\n'))).toEqual([BOB]);
  });

  it.each(['\u00a0', '\u202f'])('treats no-break space %j around cells as space', (nbsp) => {
    const text = [
      `User Name${nbsp} ${nbsp}User Type${nbsp}${nbsp}Status  E-mail Address`,
      `${nbsp}bob${nbsp}\t${nbsp}Administrator\tEnabled${nbsp}\tbob@example.com${nbsp}`,
    ];
    // First line multi-space, the rows tab-separated: both are read cell by cell.
    expect(parseNmcUserList([HEADER, text[1]].join('\n'))).toEqual([BOB]);
    expect(parseNmcUserListDetailed(`${text[0]}\nbob  Administrator  Enabled  bob@example.com`).users).toEqual([BOB]);
  });

  it('skips a title and a breadcrumb above the table, a BOM and zero-width characters', () => {
    const text = [
      '\ufeffLocal Users',
      'Configuration > Security > Local Users > Management',
      HEADER,
      'apc\u200b\tSuper User\tEnabled\t',
    ].join('\n');
    expect(parseNmcUserList(text)).toEqual([APC]);
  });

  it('skips a trailing "Add User" button and pager captions', () => {
    const parsed = parseNmcUserListDetailed(
      [HEADER, ...ROWS, 'Add User', 'Add User\t\t\t', 'Ajouter un utilisateur'].join('\n'),
    );
    expect(parsed.users).toEqual([APC, BOB]);
    expect(parsed.skipped).toHaveLength(3);
  });

  it('reads a checkbox column and a row-number column', () => {
    const tab = ['\tUser Name\tUser Type\tStatus\tE-mail', '\tapc\tSuper User\tEnabled\t'].join('\n');
    expect(parseNmcUserList(tab)).toEqual([APC]);
    const numbered = ['#\tUser Name\tUser Type\tStatus\tE-mail', '1\tapc\tSuper User\tEnabled\t'].join('\n');
    expect(parseNmcUserList(numbered)).toEqual([APC]);
    // A space-separated copy drops the empty header cell above the boxes, not the boxes.
    const spaced = ['User Name  User Type  Status  E-mail', '☐  bob  Administrator  Enabled  bob@example.com'];
    expect(parseNmcUserList(spaced.join('\n'))).toEqual([BOB]);
    expect(parseNmcUserList(`${HEADER}\n☐ apc\tSuper User\tEnabled\t`)).toEqual([APC]);
  });

  it('ignores a trailing tab after the last cell and restores trailing tabs an editor trimmed', () => {
    expect(parseNmcUserList(`${HEADER}\napc\tSuper User\tEnabled\t\t`)).toEqual([APC]);
    expect(parseNmcUserList(`${HEADER}\napc\tSuper User\tEnabled`)).toEqual([APC]);
  });

  it('never reads a terminal ruler line as a blank-e-mail user', () => {
    const text = [
      'User Name  User Type  Status   E-mail',
      '---------  ---------  -------  ------',
      'bob  Administrator  Enabled  bob@example.com',
    ];
    const users = parseNmcUserList(text.join('\n'));
    expect(users).toEqual([BOB]);
    expect(evaluateNmcUsers({ mfaEnabled: true, users }).status).toBe('at-risk');
  });

  it.each([
    ['Email Address', 'Username', 'Access Level', 'Account Status'],
    ['Mail', 'Login', 'Role', 'State'],
    ['E-mail', 'Name', 'Account Type', 'Enabled'],
    ['Email', 'User Name', 'Access', 'Status'],
    ['Courriel', "Nom d'utilisateur", "Type d'utilisateur", 'État'],
    ['Adresse électronique', 'Nom d’utilisateur', 'Accès', 'Etat'],
    ['Adresse e-mail', 'Utilisateur', "Niveau d'accès", 'Statut'],
    ['E-mail', 'Utilisateur', 'Rôle', 'Statut'],
    ['Adresse e-mail', 'Utilisateur', 'Type', 'État'],
  ])('reads headers %s / %s / %s / %s in any order', (email, name, type, status) => {
    const text = [`${status}\t${email}\t${type}\t${name}`, `Enabled\t\tAdministrator\tfw`].join('\n');
    expect(parseNmcUserList(text)).toEqual([{ name: 'fw', email: '', userType: 'Administrator', enabled: true }]);
  });

  it.each([
    ['Enabled', true],
    ['Disabled', false],
    ['Active', true],
    ['Inactive', false],
    ['Yes', true],
    ['No', false],
    ['✓', true],
    ['✔', true],
    ['Activé', true],
    ['Désactivé', false],
    ['Actif', true],
    ['Inactif', false],
    ['Oui', true],
    ['Non', false],
  ])('reads status %s', (label, enabled) => {
    expect(parseEnabledLabel(label)).toBe(enabled);
    expect(parseNmcUserList(`${HEADER}\nfw\tAdministrator\t${label}\t`)[0]?.enabled).toBe(enabled);
  });

  it.each([
    ['Super User', 'super-user'],
    ['Superuser', 'super-user'],
    ['Administrator', 'administrator'],
    ['Admin', 'administrator'],
    ['Device User', 'device-user'],
    ['Device Manager', 'device-user'],
    ['Read-Only User', 'read-only-user'],
    ['Read Only', 'read-only-user'],
    ['Network-Only User', 'network-only-user'],
    ['Network Only', 'network-only-user'],
    ['Super utilisateur', 'super-user'],
    ['Administrateur', 'administrator'],
    ['Utilisateur de périphérique', 'device-user'],
    ['Gestionnaire de périphérique', 'device-user'],
    ['Utilisateur en lecture seule', 'read-only-user'],
    ['Lecture seule', 'read-only-user'],
    ['Utilisateur réseau uniquement', 'network-only-user'],
    ['Réseau uniquement', 'network-only-user'],
  ])('reads user type %s', (label, id) => {
    expect(classifyUserType(label)).toEqual({ kind: 'known', id });
    expect(parseNmcUserList(`${HEADER}\nu\t${label}\tEnabled\t`)[0]?.userType).toBe(label);
  });

  it.each(['', '-', '—', '–', '(none)', 'N/A', 'aucun(e)', 'Aucune', 'non défini', '\u00a0'])(
    'reads e-mail cell %j as blank',
    (cell) => {
      expect(normalizeEmailCell(cell)).toBe('');
      expect(parseNmcUserList(`${HEADER}\napc\tSuper User\tEnabled\t${cell}`)).toEqual([APC]);
    },
  );

  it('keeps an e-mail cell it does not understand as not blank, so it never makes a false OK', () => {
    expect(normalizeEmailCell('???')).toBe('???');
    expect(normalizeEmailCell('hidden')).toBe('hidden');
  });

  it('realigns rows whose e-mail cell was dropped by a multi-space copy, wherever the column is', () => {
    const text = [
      'User Name  E-mail Address  User Type  Status',
      'apc  Super User  Enabled',
      'bob  bob@example.com  Administrator  Enabled',
    ];
    expect(parseNmcUserList(text.join('\n'))).toEqual([APC, BOB]);
  });

  it('recognises the extra header wordings', () => {
    expect(classifyFieldLabel('Account Type')).toBe('userType');
    expect(classifyFieldLabel('Type de compte')).toBe('userType');
    expect(classifyFieldLabel('Adresse mail')).toBe('email');
    expect(classifyFieldLabel('État du compte')).toBe('status');
  });
});

describe('parseNmcUserList: text that is not a user list', () => {
  it.each<[string, string, NmcParseErrorCode]>([
    ['prose', 'Dear admin,\nplease check the user name and the e-mail address of every account.\nThanks', 'no-header'],
    ['HTML', '<div class="users"><span>User Name</span></div>', 'html'],
    ['CSV of contacts', 'Name,Email,Phone\nBob,bob@example.com,555', 'no-header'],
    ['a tab-separated inventory', 'Name\tSize\tModified\nreport.pdf\t2 MB\t2026-01-01', 'no-header'],
    ['a single header line', 'User Name\tUser Type\tStatus\tE-mail Address', 'no-users'],
    ['a header and only buttons', `${HEADER}\nAdd User\nApply  Cancel`, 'no-users'],
    ['binary', '\u0000\u0001\u0002PNG\u001a', 'binary'],
  ])('refuses %s', (_, text, code) => {
    expect(parseErrorCode(text)).toBe(code);
  });
});
