import type { Account } from '@mfa-companion/vault';
import type { Locator, Page, Request, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The same builders the vault's unit tests use: other apps' files made with node:crypto from their formats.
import { andOtpEncrypted, authenticatorV3Backup } from '../../packages/vault/test/foreign-fixtures.ts';
import { type LaunchedBrowser, launchBrowser, recordRequests } from '../lib/browser.ts';
import {
  axeViolations,
  createVaultThroughUi,
  externalExtensionRequests,
  openPopup,
  optionsUrl,
  readVault,
} from './extension-helpers.ts';

const STEAM_SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
const fields = (account: Account) => [
  account.type,
  account.issuer,
  account.account,
  account.secret,
  account.algorithm,
  account.digits,
  account.period,
  account.counter,
];

describe('extension: importing other apps’ exports through the options page', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;
  let requests: Request[];
  let options: Page;
  let section: Locator;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    requests = recordRequests(browser.context);
    const popup = await openPopup(browser);
    await createVaultThroughUi(popup);
    await popup.close();
    options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    section = options.getByRole('region', { name: 'Import' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function readFile(name: string, content: string | Uint8Array, passphrase = '') {
    await section
      .getByLabel('File to import')
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
    await section.getByLabel('Passphrase of the file (if encrypted)').fill(passphrase);
    await section.getByRole('button', { name: 'Read file' }).click();
  }

  it('Authenticator extension backup with a password: asks, refuses a wrong one, then imports every entry', async () => {
    const backup = authenticatorV3Backup(
      {
        'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601': {
          account: 'alice@example.com',
          index: 0,
          issuer: 'GitHub',
          secret: 'jbsw y3dp ehpk 3pxp',
          type: 'totp',
        },
        'b3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f602': {
          account: 'ops',
          index: 1,
          issuer: 'VPN',
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
          type: 'hotp',
          counter: 12,
          digits: 8,
          algorithm: 'SHA256',
        },
        'c3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f603': {
          account: 'gamer',
          index: 2,
          issuer: 'Steam',
          secret: STEAM_SECRET,
          type: 'steam',
        },
        'd3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f604': {
          index: 3,
          issuer: 'Yandex',
          secret: 'NBSWY3DPO5XXE3DE',
          type: 'totp',
          algorithm: 'GOST3411_2012_256',
        },
      },
      'orchard violet 31',
    );
    const text = JSON.stringify(backup, null, 2).replace(/\n/g, '\r\n');
    await readFile('authenticator-backup.json', text);
    await section.getByText('This file is encrypted. Enter its passphrase.').waitFor();
    await readFile('authenticator-backup.json', text, 'orchard violet 13');
    await section.getByText('Wrong passphrase. Nothing was changed.').waitFor({ timeout: 30_000 });
    expect(await readVault(worker)).toEqual([]);
    await readFile('authenticator-backup.json', text, 'orchard violet 31');
    await section.getByText('3 new, 0 already added, 1 invalid').waitFor({ timeout: 30_000 });
    await section.getByText('Yandex: This kind of entry (for example mOTP or GOST) is not supported.').waitFor();
    expect(await axeViolations(options)).toEqual([]);
    await section.getByRole('button', { name: 'Import 3 accounts' }).click();
    await section.getByText('Imported 3 accounts.').waitFor();
    expect((await readVault(worker)).map(fields)).toEqual([
      ['totp', 'GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
      ['hotp', 'VPN', 'ops', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'SHA256', 8, 30, 12],
      ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
    ]);
  });

  it('Bitwarden CSV: reads login_totp (otpauth URI, bare secret, steam://) instead of otpauth lines', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      ',1,login,Example Mail,"two lines\nof notes",,0,"https://mail.example.org/login,androidapp://org.example.mail",bob@example.org,pw,otpauth://totp/Example%20Mail:bob%40example.org?secret=MFRGGZDFMZTWQ2LKNNWG23TP&issuer=Example%20Mail&digits=8',
      ',,login,Cloud Console,,,0,https://console.example.net,ops,pw,onsw g4tf orzw 63lf',
      ',,login,GitHub,,,0,https://github.com,alice,pw,JBSWY3DPEHPK3PXP',
      ',,login,No code,,,0,https://example.com,x,y,',
      ',,login,Broken,,,0,,z,pw,not base32!',
      '',
    ].join('\r\n');
    await readFile('bitwarden_export.csv', csv);
    await section.getByText('2 new, 1 already added, 1 invalid').waitFor();
    await section.getByRole('button', { name: 'Import 2 accounts' }).click();
    await section.getByText('Imported 2 accounts.').waitFor();
    const vault = await readVault(worker);
    expect(vault.slice(3).map(fields)).toEqual([
      ['totp', 'Example Mail', 'bob@example.org', 'MFRGGZDFMZTWQ2LKNNWG23TP', 'SHA1', 8, 30, 0],
      ['totp', 'Cloud Console', 'ops', 'ONSWG4TFORZW63LF', 'SHA1', 6, 30, 0],
    ]);
    expect(vault.slice(3).map((account) => account.sites)).toEqual([
      ['https://mail.example.org'],
      ['https://console.example.net'],
    ]);
  });

  it('andOTP encrypted backup, passed as the file’s bytes', async () => {
    const file = andOtpEncrypted(
      [
        {
          secret: 'ORSXG5BAORSXG5BAORSXG5BA',
          issuer: 'Router',
          label: 'admin',
          digits: 6,
          type: 'TOTP',
          algorithm: 'SHA512',
          period: 60,
          tags: [],
        },
        {
          secret: 'KRUGKIDROVUWG2ZAMJZG653O',
          issuer: 'Token',
          label: 'hw',
          digits: 6,
          type: 'HOTP',
          algorithm: 'SHA1',
          counter: 41,
          tags: [],
        },
      ],
      'andotp backup words',
    );
    await readFile('otp_accounts.json.aes', file, 'andotp backup wordz');
    await section.getByText('Wrong passphrase. Nothing was changed.').waitFor({ timeout: 30_000 });
    await readFile('otp_accounts.json.aes', file, 'andotp backup words');
    await section.getByText('2 new, 0 already added, 0 invalid').waitFor({ timeout: 30_000 });
    await section.getByRole('button', { name: 'Import 2 accounts' }).click();
    await section.getByText('Imported 2 accounts.').waitFor();
    expect((await readVault(worker)).slice(5).map(fields)).toEqual([
      ['totp', 'Router', 'admin', 'ORSXG5BAORSXG5BAORSXG5BA', 'SHA512', 6, 60, 0],
      ['hotp', 'Token', 'hw', 'KRUGKIDROVUWG2ZAMJZG653O', 'SHA1', 6, 30, 41],
    ]);
  });

  it('names recognised files it cannot read, and changes nothing', async () => {
    const before = await readVault(worker);
    await readFile('databases', Uint8Array.from([...Buffer.from('SQLite format 3\0'), 16, 0, 1, 1, 0, 64]));
    await section.getByText('Transfer accounts → Export accounts', { exact: false }).waitFor();
    expect(await readVault(worker)).toEqual(before);
  });

  it('made no request outside the extension', () => {
    expect(externalExtensionRequests(requests, browser.extensionId as string)).toEqual([]);
  });
});
