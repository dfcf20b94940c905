import { describe, expect, it } from 'vitest';
import { describePageStructure, readNmcPage, readNmcPageDetailed } from '../src/dom/index.ts';
import { evaluateNmcUsers } from '../src/index.ts';
import { load, nmcUrl } from './dom-pages.ts';

const read = (html: string, file: string) => readNmcPage(load(html, nmcUrl(file)), nmcUrl(file));
const detailed = (html: string, file: string) => readNmcPageDetailed(load(html, nmcUrl(file)), nmcUrl(file));

interface Lang {
  header: [string, string, string];
  groups: [string, string];
  enabled: string;
  disabled: string;
}

/** userman.htm in a language pack: section row per type, header row (name, status, e-mail), users linked. */
function list(lang: Lang, options: { ids?: boolean } = {}): string {
  const id = (english: string) => (options.ids ? ` id="lang${english}"` : '');
  const header = `<tr><th><span${id('UserName')}>${lang.header[0]}</span></th><th><span${id('Status')}>${lang.header[1]}</span></th><th><span${id('EmailAddress')}>${lang.header[2]}</span></th></tr>`;
  const link = (name: string) => `<a href="usercfg.htm?user=${encodeURIComponent(name)}">${name}</a>`;
  return `<!doctype html><title>NMC</title><table class="data">
<tr><td class="dataSection" colspan="3"><span${id('SuperUserManagement')}>${lang.groups[0]}</span></td></tr>${header}
<tr><td>${link('apc')}</td><td>${lang.enabled}</td><td>ops@example.com</td></tr>
<tr><td class="dataSection" colspan="3"><span${id('AdministratorManagement')}>${lang.groups[1]}</span></td></tr>${header}
<tr><td>${link('fw')}</td><td>${lang.enabled}</td><td></td></tr>
<tr><td>${link('old')}</td><td>${lang.disabled}</td><td>&nbsp;</td></tr>
</table>`;
}

const LANGUAGES: Record<string, Lang> = {
  de: {
    header: ['Benutzername', 'Status', 'E-Mail-Adresse'],
    groups: ['Superuser-Verwaltung', 'Verwaltung der Administratoren'],
    enabled: 'Aktiviert',
    disabled: 'Deaktiviert',
  },
  es: {
    header: ['Nombre de usuario', 'Estado', 'Dirección de correo electrónico'],
    groups: ['Gestión de superusuarios', 'Gestión de administradores'],
    enabled: 'Habilitado',
    disabled: 'Deshabilitado',
  },
  it: {
    header: ['Nome utente', 'Stato', 'Indirizzo e-mail'],
    groups: ['Gestione superutenti', 'Gestione amministratori'],
    enabled: 'Abilitato',
    disabled: 'Disabilitato',
  },
  ru: {
    header: ['Имя пользователя', 'Состояние', 'Адрес электронной почты'],
    groups: ['Управление суперпользователями', 'Управление администраторами'],
    enabled: 'Включено',
    disabled: 'Отключено',
  },
  ja: {
    header: ['ユーザ名', 'ステータス', '電子メールアドレス'],
    groups: ['スーパーユーザ管理', '管理者管理'],
    enabled: '有効',
    disabled: '無効',
  },
  'zh-Hans': {
    header: ['用户名', '状态', '电子邮件地址'],
    groups: ['超级用户管理', '管理员管理'],
    enabled: '已启用',
    disabled: '已禁用',
  },
  'zh-Hant': {
    header: ['使用者名稱', '狀態', '電子郵件地址'],
    groups: ['超級使用者管理', '管理員管理'],
    enabled: '已啟用',
    disabled: '已停用',
  },
  ko: {
    header: ['사용자 이름', '상태', '이메일 주소'],
    groups: ['슈퍼 사용자 관리', '관리자 관리'],
    enabled: '활성화됨',
    disabled: '비활성화됨',
  },
  'pt-BR': {
    header: ['Nome de usuário', 'Status', 'Endereço de e-mail'],
    groups: ['Gerenciamento de superusuários', 'Gerenciamento de administradores'],
    enabled: 'Habilitado',
    disabled: 'Desabilitado',
  },
};

const EXPECTED = [
  { name: 'apc', email: 'ops@example.com', userType: 'Super User', enabled: true },
  { name: 'fw', email: '', userType: 'Administrator', enabled: true },
  { name: 'old', email: '', userType: 'Administrator', enabled: false },
];

describe('readNmcPage in every language pack', () => {
  it.each(Object.entries(LANGUAGES))('%s: headers, group headings and states by their words', (_code, lang) => {
    const reading = read(list(lang), 'userman.htm');
    expect(reading.page).toBe('users-list');
    expect(reading.users).toEqual(EXPECTED);
    const verdict = evaluateNmcUsers({ mfaEnabled: true, users: reading.users });
    expect(verdict).toMatchObject({ status: 'ok', candidates: ['fw'] });
  });

  it('an unknown language: users from the links, e-mails from the column of addresses, missing facts named', () => {
    const thai: Lang = {
      header: ['ชื่อผู้ใช้', 'สถานะ', 'ที่อยู่อีเมล'],
      groups: ['การจัดการผู้ใช้ขั้นสูง', 'การจัดการผู้ดูแลระบบ'],
      enabled: 'เปิดใช้งาน',
      disabled: 'ปิดใช้งาน',
    };
    const reading = detailed(list(thai), 'userman.htm');
    expect(reading.users).toEqual([
      { name: 'apc', email: 'ops@example.com' },
      { name: 'fw', email: '' },
      { name: 'old', email: '' },
    ]);
    expect(reading.missingFacts).toEqual(['userType', 'enabled']);
    // Never "no users", never OK on a guess: fw's type and state are unknown, so the verdict says what to confirm.
    const verdict = evaluateNmcUsers({ mfaEnabled: true, users: reading.users });
    expect(verdict.findings.map((finding) => finding.code)).toContain('blank-email-user-type-unknown');
    expect(verdict.findings.map((finding) => finding.code)).not.toContain('no-users');
  });

  it('an unknown language with lang… ids: the ids name the columns and groups', () => {
    const unknown: Lang = {
      header: ['Xyzzy', 'Plugh', 'Frotz'],
      groups: ['Quux One', 'Quux Two'],
      enabled: 'Aktiviert',
      disabled: 'Deaktiviert',
    };
    expect(read(list(unknown, { ids: true }), 'userman.htm').users).toEqual(EXPECTED);
  });

  it('a list in a known language whose page shows no address at all leaves e-mails unknown', () => {
    const html = list(LANGUAGES.de as Lang).replace('ops@example.com', '');
    // The header names the e-mail column, so its cells are read as written (blank = blank).
    expect(read(html, 'userman.htm').users.map((user) => user.email)).toEqual(['', '', '']);
    const headerless = html.replace(/<tr><th>.*?<\/tr>/g, '');
    expect(read(headerless, 'userman.htm').users.map((user) => user.email)).toEqual([undefined, undefined, undefined]);
  });
});

describe('status from any form', () => {
  const row = (name: string, status: string, email = '') =>
    `<tr><td><a href="usercfg.htm?user=${name}">${name}</a></td><td>Administrator</td><td>${status}</td><td>${email}</td></tr>`;
  const table = (rows: string) =>
    `<!doctype html><table><tr><th>User Name</th><th>User Type</th><th>Status</th><th>E-mail Address</th></tr>${rows}</table>`;

  it('reads icons (alt, title), boxes and classes; a disabled blank-e-mail administrator is not the account', () => {
    const html = table(
      row('icon-off', '<img src="x.png" alt="Disabled">') +
        row('title-off', '<span class="icon" title="Deaktiviert"></span>') +
        row('class-off', '<i class="status-disabled"></i>') +
        row('box-off', '<input type="checkbox" disabled>') +
        row('class-on', '<i class="userEnabled"></i>', 'ops@example.com'),
    );
    const users = read(html, 'userman.htm').users;
    expect(users.map((user) => [user.name, user.enabled])).toEqual([
      ['icon-off', false],
      ['title-off', false],
      ['class-off', false],
      ['box-off', false],
      ['class-on', true],
    ]);
    expect(evaluateNmcUsers({ mfaEnabled: true, users })).toMatchObject({ status: 'at-risk', candidates: [] });
  });
});

describe('card generation from hardware evidence', () => {
  const about = (rows: string[], preamble = '') =>
    `<!doctype html><title>About</title>${preamble}<table class="data">${rows.join('')}</table>`;
  const sectionRow = (title: string) => `<tr><td class="dataSection" colspan="2">${title}</td></tr>`;
  const row = (label: string, value: string) => `<tr><td class="dataName">${label}:</td><td>${value}</td></tr>`;

  it('a first-generation card (AP9619) on AOS 3.9.2 is nmc1: not applicable, never at risk', () => {
    const card = read(
      about([
        sectionRow('Hardware Factory'),
        row('Model Number', 'AP9619'),
        row('Hardware Revision', 'A10'),
        sectionRow('Application Module'),
        row('Name', 'sumx'),
        row('Version', 'v3.9.2'),
        sectionRow('APC OS(AOS)'),
        row('Name', 'aos'),
        row('Version', 'v3.9.2'),
      ]),
      'aboutnmc.htm',
    ).card;
    expect(card).toEqual({ model: 'AP9619', generation: 'nmc1', aosVersion: 'v3.9.2' });
    const verdict = evaluateNmcUsers({ mfaEnabled: 'unknown', ...fromCard(card), users: [] });
    expect(verdict.status).toBe('not-applicable');
  });

  it('an AP7931 (first switched rack PDU) on AOS 3.x gives no generation: unknown, never at risk', () => {
    const card = read(
      about([
        sectionRow('Hardware Factory'),
        row('Model Number', 'AP7931'),
        sectionRow('APC OS(AOS)'),
        row('Name', 'aos'),
        row('Version', 'v3.7.3'),
      ]),
      'aboutnmc.htm',
    ).card;
    expect(card).toEqual({ model: 'AP7931', generation: 'unknown', aosVersion: 'v3.7.3' });
    const verdict = evaluateNmcUsers({
      mfaEnabled: 'unknown',
      ...fromCard(card),
      users: [{ name: 'a', email: 'a@x.y' }],
    });
    expect(verdict.status).toBe('unknown');
  });

  it('an embedded NMC3 (AP7920B) is an NMC3 by its own section and part number, in a table or the CLI text', () => {
    const card = read(
      about([
        sectionRow('Hardware Factory'),
        row('Model Number', 'AP7920B'),
        sectionRow('Network Management Card'),
        row('Part Number', '0N-1570-03'),
        row('Hardware Revision', '03'),
        sectionRow('APC OS(AOS)'),
        row('Name', 'aos'),
        row('Version', 'v2.5.0.4'),
      ]),
      'aboutpdu.htm',
    ).card;
    expect(card).toEqual({ model: 'AP7920B', generation: 'nmc3', aosVersion: 'v2.5.0.4' });
    expect(evaluateNmcUsers({ mfaEnabled: 'unknown', ...fromCard(card), users: [] }).findings[0]?.code).toBe(
      'firmware-before-mfa',
    );
    const cli = `<!doctype html><title>about</title><pre>
Hardware Factory
---------------
Model Number:           AP7920B
Serial Number:          5A2031E01234

Network Management Card
-----------------------
Part Number:            0N-1570-03

APC OS(AOS)
---------------
Name:                   aos
Version:                v2.5.0.4
</pre>`;
    expect(read(cli, 'about.htm').card).toEqual({ model: 'AP7920B', generation: 'nmc3', aosVersion: 'v2.5.0.4' });
  });

  it('About sections found by their Name/Version pairs in a language the reader does not know', () => {
    const card = read(
      about([
        sectionRow('Fabrikdaten'),
        row('Modellnummer', 'AP9641'),
        sectionRow('Anwendungsmodul'),
        row('Name', 'sumx'),
        row('Version', 'v3.4.0.2'),
        sectionRow('Betriebssystem'),
        row('Name', 'aos'),
        row('Version', 'v3.4.0.7'),
        row('Datum', '03.03.2025'),
      ]),
      'aboutnmc.htm',
    ).card;
    expect(card).toEqual({ model: 'AP9641', generation: 'nmc3', aosVersion: 'v3.4.0.7' });
  });
});

const fromCard = (card: {
  model?: string;
  generation?: 'nmc1' | 'nmc2' | 'nmc3' | 'unknown';
  aosVersion?: string;
}) => ({
  ...(card.model ? { model: card.model } : {}),
  ...(card.generation ? { generation: card.generation } : {}),
  ...(card.aosVersion ? { firmwareVersion: card.aosVersion } : {}),
});

describe('hostile user names', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'x\u202Eetadpuwf'];

  it('reads them as users with their own pages, on a map without a prototype', () => {
    const rows = NAMES.map(
      (name) =>
        `<tr><td><a href="usercfg.htm?user=${encodeURIComponent(name)}">${name}</a></td><td>Administrator</td><td>Enabled</td><td></td></tr>`,
    ).join('');
    const html = `<!doctype html><table><tr><th>User Name</th><th>User Type</th><th>Status</th><th>E-mail Address</th></tr>${rows}</table>`;
    const reading = detailed(html, 'userman.htm');
    expect(reading.users.map((user) => user.name)).toEqual(NAMES);
    expect(Object.getPrototypeOf(reading.userPages)).toBeNull();
    for (const name of NAMES)
      expect(reading.userPages[name]).toBe(nmcUrl(`usercfg.htm?user=${encodeURIComponent(name)}`));
    expect(Object.keys(reading.userPages)).toEqual(NAMES);
    expect(evaluateNmcUsers({ mfaEnabled: true, users: reading.users }).candidates).toEqual(NAMES);
  });

  it('reads a user page named by the query alone', () => {
    for (const name of NAMES) {
      const file = `usercfg.htm?user=${encodeURIComponent(name)}`;
      const html = `<!doctype html><table><tr><td class="dataName">E-mail Address:</td><td><input name="useremail" value=""></td></tr></table>`;
      expect(read(html, file).users).toEqual([{ name, email: '' }]);
    }
  });
});

describe('describePageStructure keeps no data, whatever the title, headings and labels carry', () => {
  it('replaces captions outside the vocabularies; no name, address or serial survives', () => {
    const secrets = ['jdoe', 'Jane Doe', 'jane.doe@example.com', 'ZA2418004711', 'Rack 12 Paris', 'Müller'];
    const html = `<!doctype html><title>Edit Local User jdoe</title>
<h1>Contact: Jane Doe</h1><h2>Rack 12 Paris</h2><h3>Local Users</h3>
<table class="data">
<tr><td class="dataSection">Müller Management</td></tr>
<tr><td class="dataName">Owner jane.doe@example.com</td><td>x</td></tr>
<tr><td class="dataName">Serial ZA2418004711</td><td>y</td></tr>
<tr><td class="dataName">E-Mail-Adresse</td><td><input value="jane.doe@example.com"></td></tr>
<tr><td class="dataName">Benutzername</td><td>jdoe</td></tr>
</table>
<label>Jane Doe's phone</label><input value="">`;
    const text = describePageStructure(load(html, nmcUrl('usercfg.htm?user=jdoe')), nmcUrl('usercfg.htm?user=jdoe'));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text.toLowerCase()).not.toContain('jane');
    // Captions of the vocabularies stay, so the report still shows the layout.
    expect(text).toContain('Local Users');
    expect(text).toContain('E-Mail-Adresse');
    expect(text).toContain('Benutzername');
    expect(text).toContain('title: <text>');
  });
});
