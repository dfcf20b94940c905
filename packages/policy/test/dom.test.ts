import { describe, expect, it } from 'vitest';
import { describePageStructure, readNmcPage, readNmcPageDetailed } from '../src/dom/index.ts';
import { evaluateNmcUsers } from '../src/index.ts';
import {
  aboutNetwork,
  aboutUps,
  dataRow,
  grouped,
  load,
  logon,
  nmcUrl,
  ORIGIN,
  section,
  TOKEN,
  userConfig,
} from './dom-pages.ts';

const read = (html: string, file: string) => readNmcPage(load(html, nmcUrl(file)), nmcUrl(file));

const SUPER = 'Super User Management';
const ADMINS = 'Administrator Management';
const READ_ONLY = 'Read-Only User Management';

describe('readNmcPage: users grouped by type on userman.htm', () => {
  const html = grouped([
    [SUPER, [{ name: 'apc', email: 'ops@example.com' }]],
    [
      ADMINS,
      [
        { name: 'fwupdate', email: '' },
        { name: 'jdoe', email: 'jdoe@example.com', enabled: false },
      ],
    ],
    [READ_ONLY, [{ name: 'viewer', email: '' }]],
  ]);

  it('takes each user type from its section heading', () => {
    expect(read(html, 'userman.htm')).toEqual({
      page: 'users-list',
      users: [
        { name: 'apc', email: 'ops@example.com', userType: 'Super User', enabled: true },
        { name: 'fwupdate', email: '', userType: 'Administrator', enabled: true },
        { name: 'jdoe', email: 'jdoe@example.com', userType: 'Administrator', enabled: false },
        { name: 'viewer', email: '', userType: 'Read-Only User', enabled: true },
      ],
      card: {},
    });
  });

  it('links each user to its usercfg.htm page on the same origin', () => {
    const detailed = readNmcPageDetailed(load(html, nmcUrl('userman.htm')), nmcUrl('userman.htm'));
    expect(detailed.userPages.fwupdate).toBe(nmcUrl('usercfg.htm?user=fwupdate'));
    expect(detailed.looksLikeNmc).toBe(true);
  });

  it('a read-only user with a blank e-mail is not the update account: not OK', () => {
    const users = read(
      grouped([
        [SUPER, [{ name: 'apc', email: 'ops@example.com' }]],
        [READ_ONLY, [{ name: 'viewer', email: '' }]],
      ]),
      'userman.htm',
    ).users;
    expect(evaluateNmcUsers({ mfaEnabled: true, users }).status).toBe('at-risk');
  });

  it('reads a header given once above every group, and one table per group', () => {
    const groups: Array<[string, Array<{ name: string; email: string }>]> = [
      [SUPER, [{ name: 'apc', email: 'ops@example.com' }]],
      [ADMINS, [{ name: 'svc', email: '' }]],
    ];
    for (const options of [{ headerOnce: true }, { tablePerGroup: true }, { headerOnce: true, tablePerGroup: true }]) {
      const users = read(grouped(groups, options), 'userman.htm').users;
      expect(users.map((user) => [user.name, user.userType, user.email])).toEqual([
        ['apc', 'Super User', 'ops@example.com'],
        ['svc', 'Administrator', ''],
      ]);
    }
  });

  it('reads the French list, headings included', () => {
    const users = read(
      grouped(
        [
          ['Gestion des super utilisateurs', [{ name: 'apc', email: 'exploitation@exemple.fr' }]],
          ['Gestion des administrateurs', [{ name: 'maj', email: '' }]],
          ['Gestion des utilisateurs en lecture seule', [{ name: 'lecteur', email: '' }]],
        ],
        { lang: 'fr' },
      ),
      'userman.htm',
    ).users;
    expect(users.map((user) => [user.name, user.userType, user.enabled])).toEqual([
      ['apc', 'Super User', true],
      ['maj', 'Administrator', true],
      ['lecteur', 'Read-Only User', true],
    ]);
    expect(evaluateNmcUsers({ mfaEnabled: true, users })).toMatchObject({ status: 'ok', candidates: ['maj'] });
  });

  it('a grouped list without a header row: names from the links, the column of addresses gives e-mails', () => {
    const html = `<!doctype html><title>Local Users</title><table>
      ${section(SUPER, 3)}<tr><td><a href="usercfg.htm?user=apc">apc</a></td><td>Enabled</td><td>ops@example.com</td></tr>
      ${section(ADMINS, 3)}<tr><td><a href="usercfg.htm?user=fw%20tool">fw tool</a></td><td>Enabled</td><td>&nbsp;</td></tr>
    </table>`;
    expect(read(html, 'userman.htm').users).toEqual([
      { name: 'apc', userType: 'Super User', email: 'ops@example.com', enabled: true },
      { name: 'fw tool', userType: 'Administrator', email: '', enabled: true },
    ]);
    // No column of addresses: e-mails are unknown, never blank.
    const noAddresses = html.replace('ops@example.com', '');
    expect(read(noAddresses, 'userman.htm').users.map((user) => user.email)).toEqual([undefined, undefined]);
  });

  it('an "Access" column showing Enabled/Disabled is the enable state, the heading the type', () => {
    const html = `<!doctype html><table>${section(ADMINS, 3)}
      <tr><th>User Name</th><th>Access</th><th>E-mail Address</th></tr>
      <tr><td>svc</td><td>Disabled</td><td></td></tr></table>`;
    expect(read(html, 'userman.htm').users).toEqual([
      { name: 'svc', email: '', enabled: false, userType: 'Administrator' },
    ]);
  });
});

describe('readNmcPage: flat tables keep working', () => {
  it('reads a flat table with a type column, extra columns and inputs', () => {
    const html = `<!doctype html><table><tr><th></th><th>Last Login</th><th>E-mail</th><th>Login</th><th>Role</th><th>State</th></tr>
      <tr><td><input type="checkbox"></td><td>2026-01-01</td><td><input value="a@example.com"></td><td>apc</td><td>Super User</td><td>Enabled</td></tr>
      <tr><td><input type="checkbox"></td><td>never</td><td><input value=""></td><td>ems</td><td>Administrator</td><td>Enabled</td></tr></table>`;
    expect(readNmcPage(load(html, `${ORIGIN}/users.html`), `${ORIGIN}/users.html`)).toEqual({
      page: 'users-list',
      users: [
        { name: 'apc', email: 'a@example.com', userType: 'Super User', enabled: true },
        { name: 'ems', email: '', userType: 'Administrator', enabled: true },
      ],
      card: {},
    });
  });

  it('reads pager captions for a list of several pages', () => {
    const html = `<!doctype html><table><tr><th>User Name</th><th>E-mail Address</th></tr><tr><td>a</td><td></td></tr></table>
<p>Page 1 of 3</p>`;
    const detailed = readNmcPageDetailed(load(html, nmcUrl('userman.htm')), nmcUrl('userman.htm'));
    expect(detailed.pager).toEqual({ number: 1, count: 3 });
  });

  it('reads 1,000 users', { timeout: 30_000 }, () => {
    const users = Array.from({ length: 1_000 }, (_, index) => ({ name: `u${index}`, email: `u${index}@example.com` }));
    const reading = read(grouped([[ADMINS, users]]), 'userman.htm');
    expect(reading.users).toHaveLength(1_000);
    expect(reading.users[999]).toEqual({
      name: 'u999',
      email: 'u999@example.com',
      userType: 'Administrator',
      enabled: true,
    });
  });
});

describe('readNmcPage: one user (usercfg.htm?user=)', () => {
  it('reads name, e-mail, type from the select, and the Access box as enabled', () => {
    const html = userConfig({ name: 'fwupdate', email: '', type: 'Administrator', enabled: false });
    expect(read(html, 'usercfg.htm?user=fwupdate')).toEqual({
      page: 'user-page',
      users: [{ name: 'fwupdate', email: '', userType: 'Administrator', enabled: false }],
      card: {},
    });
  });

  it('reads the Super User whose type is text, and ignores other Enable boxes', () => {
    const html = userConfig({
      name: 'apc',
      email: 'ops@example.com',
      type: 'Super User',
      enabled: true,
      typeAsText: true,
    });
    expect(read(html, 'usercfg.htm?user=apc').users).toEqual([
      { name: 'apc', email: 'ops@example.com', userType: 'Super User', enabled: true },
    ]);
  });

  it('reads the French screen', () => {
    const html = userConfig({ name: 'maj', email: '', type: 'Administrateur', enabled: true, lang: 'fr' });
    expect(read(html, 'usercfg.htm?user=maj').users).toEqual([
      { name: 'maj', email: '', userType: 'Administrateur', enabled: true },
    ]);
  });

  it('takes the name from the query when the form shows none, and reads nothing on "Add User"', () => {
    const noName = userConfig({ name: '', email: '', type: 'Administrator', enabled: true });
    expect(read(noName, 'usercfg.htm?user=svc').users).toEqual([
      { name: 'svc', email: '', userType: 'Administrator', enabled: true },
    ]);
    expect(read(noName, 'usercfg.htm?user=')).toEqual({ page: 'user-page', users: [], card: {} });
  });

  it('reads the confirmation after Next as pending until Apply', () => {
    const html = `<!doctype html><title>Confirm</title><table>${dataRow('User Name', 'svc')}${dataRow('E-mail Address', '')}${dataRow('User Type', 'Administrator')}</table><input type="submit" value="Apply">`;
    const detailed = readNmcPageDetailed(load(html, nmcUrl('usrcnfrm.htm')), nmcUrl('usrcnfrm.htm'));
    expect(detailed).toMatchObject({
      page: 'confirm',
      pendingApply: true,
      users: [{ name: 'svc', email: '', pending: true }],
    });
    const result = evaluateNmcUsers({ mfaEnabled: true, users: detailed.users });
    expect(result.candidates).toEqual([]);
  });

  it('still reads a <label> form', () => {
    const html = `<!doctype html><form><label for="n">User Name</label><input id="n" value="ops"><label for="e">E-mail Address</label><input id="e" value="">
      <label for="t">User Type</label><select id="t"><option>Device User</option><option selected>Administrator</option></select>
      <label for="a">Access</label><input id="a" type="checkbox" checked></form>`;
    expect(readNmcPage(load(html, `${ORIGIN}/user-ops.html`), `${ORIGIN}/user-ops.html`)).toEqual({
      page: 'user-page',
      users: [{ name: 'ops', email: '', userType: 'Administrator', enabled: true }],
      card: {},
    });
  });
});

describe('readNmcPage: About pages', () => {
  it('NMC3 on AOS 3.4: model, generation and the APC OS(AOS) version, not the application or boot monitor', () => {
    const html = aboutNetwork({
      model: 'AP9641',
      application: ['sumx', 'v3.4.0.2'],
      aos: 'v3.4.0.7',
      boot: 'v1.5.0.4',
    });
    expect(read(html, 'aboutnmc.htm')).toEqual({
      page: 'about',
      users: [],
      card: { model: 'AP9641', generation: 'nmc3', aosVersion: 'v3.4.0.7' },
    });
  });

  it('an early NMC3 on AOS 1.x is an NMC3 whose firmware predates MFA', () => {
    const card = read(
      aboutNetwork({ model: 'AP9640', application: ['sumx', 'v1.4.2.1'], aos: 'v1.4.2.1' }),
      'aboutnmc.htm',
    ).card;
    expect(card).toEqual({ model: 'AP9640', generation: 'nmc3', aosVersion: 'v1.4.2.1' });
    expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: card.aosVersion, users: [] }).status).toBe(
      'not-applicable',
    );
  });

  it('NMC2: no MFA; a rack PDU by its family alone: unknown', () => {
    expect(
      read(aboutNetwork({ model: 'AP9631', application: ['sumx', 'v6.9.6'], aos: 'v6.9.6' }), 'aboutnmc.htm').card,
    ).toEqual({
      model: 'AP9631',
      generation: 'nmc2',
      aosVersion: 'v6.9.6',
    });
    // A rack PDU's own model is no evidence either way (newer ones embed an NMC3): its card decides.
    expect(
      read(aboutNetwork({ model: 'AP8853', application: ['rpdu2g', 'v7.2.2'], aos: 'v7.2.2' }), 'aboutnmc.htm').card,
    ).toEqual({
      model: 'AP8853',
      generation: 'unknown',
      aosVersion: 'v7.2.2',
    });
  });

  it('an unknown model (a device with an NMC3 built in) is unknown, never guessed', () => {
    const card = read(
      aboutNetwork({ model: 'SRT5KXLI', application: ['sumx', 'v3.5.0.1'], aos: 'v3.5.0.1' }),
      'aboutnmc.htm',
    ).card;
    expect(card.generation).toBe('unknown');
  });

  it('never takes the UPS firmware revision as the card’s AOS version', () => {
    expect(read(aboutUps(), 'aboutups.htm')).toEqual({ page: 'about', users: [], card: {} });
  });

  it('reads the CLI about output in a <pre>', () => {
    const text = `Hardware Factory\n---------------\nModel Number:   AP9641\nSerial Number:  ZA1\n\nApplication Module\n---------------\nName:  sumx\nVersion:  v3.5.0.1\n\nAPC OS(AOS)\n---------------\nName:  aos\nVersion:  v3.5.0.3\n`;
    const html = `<!doctype html><pre>${text}</pre>`;
    expect(readNmcPage(load(html, `${ORIGIN}/about.txt`), `${ORIGIN}/about.txt`).card).toEqual({
      model: 'AP9641',
      generation: 'nmc3',
      aosVersion: 'v3.5.0.3',
    });
  });

  it('reads an MFA switch shown as a box or a word', () => {
    const box = `<!doctype html><table>${dataRow('Multi-Factor Authentication', '<input type="checkbox" checked>Enable')}</table>`;
    expect(read(box, 'mfa.htm').card.mfaEnabled).toBe(true);
    const word = `<!doctype html><table>${dataRow('Authentification multifacteur', 'Désactivé')}</table>`;
    expect(read(word, 'secmfa.htm').card.mfaEnabled).toBe(false);
  });
});

describe('readNmcPage: log-on pages and unrelated pages give nothing', () => {
  it('reads nothing from the log-on page, not even the prefilled user name', () => {
    expect(read(logon(), 'logon.htm')).toEqual({ page: 'login', users: [], card: {} });
    expect(readNmcPage(load(logon(), `${ORIGIN}/`), `${ORIGIN}/`)).toEqual({ page: 'login', users: [], card: {} });
  });

  it('spots the e-mailed code step', () => {
    const html = `<!doctype html><title>Log On</title><form><p>A one-time code was sent to the e-mail address of this user.</p>
      <label for="c">Verification Code</label><input id="c" name="otp_code"><input type="submit" value="Submit"></form>`;
    const detailed = readNmcPageDetailed(load(html, nmcUrl('mfa.htm')), nmcUrl('mfa.htm'));
    expect(detailed).toMatchObject({ page: 'login', users: [], card: {}, emailedCodeStep: true });
  });

  it('an unrelated page is "other" and does not look like an NMC', () => {
    const html = `<!doctype html><title>Intranet</title><table><tr><th>Name</th><th>Office</th></tr><tr><td>Ann</td><td>2</td></tr></table>`;
    const detailed = readNmcPageDetailed(load(html, 'http://intranet.lan/people'), 'http://intranet.lan/people');
    expect(detailed).toMatchObject({ page: 'other', users: [], card: {}, looksLikeNmc: false });
  });
});

describe('describePageStructure', () => {
  it('keeps labels, headings, shapes and field names; no value, user name, address or token survives', () => {
    const pages: Array<[string, string]> = [
      [
        grouped([
          [SUPER, [{ name: 'apc-root', email: 'secret.ops@example.com', description: 'Rack 12 owner' }]],
          [ADMINS, [{ name: 'zz;=1+1', email: 'fw.team@corp.example' }]],
        ]),
        'userman.htm',
      ],
      [
        userConfig({ name: 'kwalski', email: 'k.walski@example.org', type: 'Administrator', enabled: true }),
        'usercfg.htm?user=kwalski',
      ],
      [aboutNetwork({ model: 'AP9641', application: ['sumx', 'v3.4.0.2'], aos: 'v3.4.0.7' }), 'aboutnmc.htm'],
      [
        `<!doctype html><title>Local Users</title><nav><a href="#">Local Users</a></nav><div class="cards">
         <div class="user-card"><b>apc-root</b><span>secret.ops@example.com</span></div>
         <div class="user-card"><b>zz;=1+1</b><span>10.20.30.40</span><a href="x?u=kwalski">kwalski</a></div></div>`,
        'usrlist.htm',
      ],
    ];
    const secrets = [
      TOKEN,
      'apc-root',
      'secret.ops@example.com',
      'Rack 12 owner',
      'zz;=1+1',
      'fw.team',
      'kwalski',
      'k.walski@example.org',
      'AP9641',
      'v3.4.0.7',
      'ZA2409001234',
      '28 29 86',
      'ups-a.lan',
      '10.20.30.40',
    ];
    for (const [html, file] of pages) {
      const text = describePageStructure(load(html, nmcUrl(file)), nmcUrl(file));
      for (const secret of secrets) expect(text, `${file}: ${secret}`).not.toContain(secret);
      expect(text).toContain(`/NMC/<token>/${file.split('?')[0]}`);
    }
    const list = describePageStructure(load(pages[0]?.[0] ?? '', nmcUrl('userman.htm')), nmcUrl('userman.htm'));
    expect(list).toContain('Super User Management');
    expect(list).toContain('E-mail Address');
    const cards = describePageStructure(load(pages[3]?.[0] ?? '', nmcUrl('usrlist.htm')), nmcUrl('usrlist.htm'));
    expect(cards).toContain('div.cards > div.user-card ×2');
    expect(cards).toContain('title: Local Users');
    const form = describePageStructure(
      load(pages[1]?.[0] ?? '', nmcUrl('usercfg.htm?user=kwalski')),
      nmcUrl('usercfg.htm?user=kwalski'),
    );
    expect(form).toContain('usercfg.htm?user=<value>');
    expect(form).toContain('name=user_email');
    expect(form).toContain('User Name');
  });
});
