import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_KEYS, POLICY_LIMITS, type PolicyProblem, readManagedPolicy, TOOL_IDS } from './policy';

const codes = (problems: PolicyProblem[]) => problems.map((problem) => `${problem.path} ${problem.code}`);

describe('readManagedPolicy', () => {
  it('reads a complete, valid policy', () => {
    const { policy, problems } = readManagedPolicy({
      autoLockMaxMinutes: 10,
      lockOnSystemLock: true,
      clipboardClearSeconds: 0,
      allowUnencryptedExport: false,
      allowInFieldButton: false,
      exactHostOnly: true,
      issuerSites: [{ issuer: 'Contoso', sites: ['https://login.contoso.com/path?q=1', 'sso.contoso.com'] }],
      nmcHosts: [
        {
          origin: 'https://ups-01.example.lan/logon.htm',
          toolAccounts: [
            { tool: 'secure-nmc-system-tool', user: 'nmc-tool' },
            { tool: 'data-center-expert', user: ' dce ' },
          ],
        },
      ],
      docsBaseUrl: 'https://intranet.example.com/mfa-docs',
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      autoLockMaxMinutes: 10,
      lockOnSystemLock: true,
      clipboardClearSeconds: 0,
      allowUnencryptedExport: false,
      allowInFieldButton: false,
      exactHostOnly: true,
      issuerSites: [{ issuer: 'Contoso', sites: ['https://login.contoso.com', 'https://sso.contoso.com'] }],
      nmcHosts: [
        {
          origin: 'https://ups-01.example.lan',
          toolAccounts: [
            { tool: 'secure-nmc-system-tool', user: 'nmc-tool' },
            { tool: 'data-center-expert', user: 'dce' },
          ],
        },
      ],
      docsBaseUrl: 'https://intranet.example.com/mfa-docs/',
    });
  });

  it('treats nothing managed (or empty lists) as an empty policy without problems', () => {
    for (const raw of [undefined, null, {}, { issuerSites: [], nmcHosts: [] }]) {
      expect(readManagedPolicy(raw)).toEqual({ policy: {}, problems: [] });
    }
  });

  it('reports a managed value that is not an object, and reads nothing from it', () => {
    for (const raw of ['autoLockMaxMinutes=5', 42, true, [{ autoLockMaxMinutes: 5 }]]) {
      expect(readManagedPolicy(raw)).toEqual({ policy: {}, problems: [{ path: '', code: 'NOT_AN_OBJECT' }] });
    }
  });

  it('ignores each invalid value on its own and keeps the valid ones', () => {
    const { policy, problems } = readManagedPolicy({
      autoLockMaxMinutes: '15',
      lockOnSystemLock: 'true',
      clipboardClearSeconds: 30,
      allowUnencryptedExport: 0,
      exactHostOnly: null,
      docsBaseUrl: 'javascript:alert(1)',
    });
    expect(policy).toEqual({ clipboardClearSeconds: 30 });
    expect(codes(problems)).toEqual([
      'autoLockMaxMinutes WRONG_TYPE',
      'lockOnSystemLock WRONG_TYPE',
      'allowUnencryptedExport WRONG_TYPE',
      'exactHostOnly WRONG_TYPE',
      'docsBaseUrl INVALID_URL',
    ]);
  });

  it('holds numbers to the schema ranges and to integers', () => {
    const bad = [0, -1, 1441, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e308];
    for (const value of bad) {
      const { policy, problems } = readManagedPolicy({ autoLockMaxMinutes: value });
      expect(policy).toEqual({});
      expect(problems).toHaveLength(1);
    }
    expect(readManagedPolicy({ autoLockMaxMinutes: 1 }).policy).toEqual({ autoLockMaxMinutes: 1 });
    expect(readManagedPolicy({ autoLockMaxMinutes: 1440 }).policy).toEqual({ autoLockMaxMinutes: 1440 });
    expect(codes(readManagedPolicy({ clipboardClearSeconds: 601 }).problems)).toEqual([
      'clipboardClearSeconds OUT_OF_RANGE',
    ]);
  });

  it('reports unknown keys (typos) and never lets __proto__ or constructor reach an object', () => {
    const raw = JSON.parse(
      '{"__proto__": {"exactHostOnly": true}, "constructor": 1, "autolockmaxminutes": 5, "allowInFieldButton": true}',
    );
    const { policy, problems } = readManagedPolicy(raw);
    expect(policy).toEqual({ allowInFieldButton: true });
    expect(Object.getPrototypeOf(policy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).exactHostOnly).toBeUndefined();
    expect(codes(problems)).toEqual([
      '__proto__ UNKNOWN_KEY',
      'constructor UNKNOWN_KEY',
      'autolockmaxminutes UNKNOWN_KEY',
    ]);
  });

  it('keeps the valid sites of an issuer, merges issuers that differ in case and drops issuers left without sites', () => {
    const { policy, problems } = readManagedPolicy({
      issuerSites: [
        { issuer: 'Contoso', sites: ['https://login.contoso.com', 'ftp://files.contoso.com', 7] },
        { issuer: 'CONTOSO', sites: ['https://login.contoso.com', 'https://mfa.contoso.com'] },
        { issuer: '', sites: ['https://nobody.example'] },
        { issuer: 'Fabrikam', sites: ['javascript:alert(1)'] },
        { issuer: 'NoSites' },
        'Contoso',
        null,
      ],
    });
    expect(policy.issuerSites).toEqual([
      { issuer: 'Contoso', sites: ['https://login.contoso.com', 'https://mfa.contoso.com'] },
    ]);
    expect(codes(problems)).toEqual([
      'issuerSites[0].sites[1] INVALID_ORIGIN',
      'issuerSites[0].sites[2] WRONG_TYPE',
      'issuerSites[2].issuer INVALID_NAME',
      'issuerSites[3].sites[0] INVALID_ORIGIN',
      'issuerSites[4].sites WRONG_TYPE',
      'issuerSites[5] WRONG_TYPE',
      'issuerSites[6] WRONG_TYPE',
    ]);
  });

  it('accepts IP addresses, IPv6 and punycode hosts as origins', () => {
    const { policy, problems } = readManagedPolicy({
      nmcHosts: [
        { origin: 'http://10.1.2.3:8080' },
        { origin: 'https://[fe80::1]' },
        { origin: 'https://bücher.example' },
      ],
    });
    expect(problems).toEqual([]);
    expect(policy.nmcHosts?.map((host) => host.origin)).toEqual([
      'http://10.1.2.3:8080',
      'https://[fe80::1]',
      'https://xn--bcher-kva.example',
    ]);
  });

  it('strips control and bidi characters from names, as account names are', () => {
    const { policy } = readManagedPolicy({
      issuerSites: [{ issuer: 'Con\u202etoso\u0000', sites: ['https://a.example'] }],
      nmcHosts: [
        {
          origin: 'http://10.0.0.5',
          toolAccounts: [
            { tool: 'ecostruxure-it-expert', user: '\u2066apc\u2069' },
            { tool: 'ecostruxure-it-expert', user: '\u0007' },
          ],
        },
      ],
    });
    expect(policy.issuerSites?.[0]?.issuer).toBe('Contoso');
    expect(policy.nmcHosts).toEqual([
      { origin: 'http://10.0.0.5', toolAccounts: [{ tool: 'ecostruxure-it-expert', user: 'apc' }] },
    ]);
  });

  it('reads NMC hosts: origin only, merged duplicates, tool accounts optional, bad entries dropped', () => {
    const sst = 'secure-nmc-system-tool';
    const { policy, problems } = readManagedPolicy({
      nmcHosts: [
        { origin: 'https://ups-01.example.lan/' },
        { origin: 'HTTPS://UPS-01.example.lan:443', toolAccounts: [{ tool: 'ecostruxure-it-expert', user: 'itx' }] },
        { origin: 'file:///etc/passwd', toolAccounts: [{ tool: sst, user: 'x' }] },
        { origin: 'https://not%20a%20host' },
        { origin: 'http://192.168.1.20', toolAccounts: 'apc' },
        {
          origin: 'http://192.168.1.21',
          toolAccounts: [
            { tool: sst, user: 'a'.repeat(POLICY_LIMITS.maxToolAccountChars + 1) },
            { tool: 'putty', user: 'apc' },
            { tool: sst },
            'apc',
            { tool: sst, user: 'ok' },
            { tool: sst, user: 'ok' },
          ],
        },
      ],
    });
    expect(policy.nmcHosts).toEqual([
      { origin: 'https://ups-01.example.lan', toolAccounts: [{ tool: 'ecostruxure-it-expert', user: 'itx' }] },
      { origin: 'http://192.168.1.20', toolAccounts: [] },
      { origin: 'http://192.168.1.21', toolAccounts: [{ tool: sst, user: 'ok' }] },
    ]);
    expect(codes(problems)).toEqual([
      'nmcHosts[2].origin INVALID_ORIGIN',
      'nmcHosts[3].origin INVALID_ORIGIN',
      'nmcHosts[4].toolAccounts WRONG_TYPE',
      'nmcHosts[5].toolAccounts[0].user INVALID_NAME',
      'nmcHosts[5].toolAccounts[1].tool UNKNOWN_TOOL',
      'nmcHosts[5].toolAccounts[2].user WRONG_TYPE',
      'nmcHosts[5].toolAccounts[3] WRONG_TYPE',
    ]);
  });

  it('names the tools exactly as the NMC checker knows them', () => {
    expect(TOOL_IDS).toEqual(['secure-nmc-system-tool', 'ecostruxure-it-expert', 'data-center-expert']);
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/managed_schema.json'), 'utf8'));
    expect(schema.properties.nmcHosts.items.properties.toolAccounts.items.properties.tool.enum).toEqual(TOOL_IDS);
  });

  it('caps huge lists and reports it, without reading past the cap', () => {
    const hosts = Array.from({ length: POLICY_LIMITS.maxNmcHosts + 5 }, (_, index) => ({
      origin: `http://10.0.${Math.floor(index / 250)}.${index % 250}`,
    }));
    const { policy, problems } = readManagedPolicy({ nmcHosts: hosts });
    expect(policy.nmcHosts).toHaveLength(POLICY_LIMITS.maxNmcHosts);
    expect(codes(problems)).toEqual(['nmcHosts TOO_MANY']);
  });

  it('accepts only plain http(s) docs addresses without credentials, and normalises them to a base', () => {
    const url = (value: unknown) => readManagedPolicy({ docsBaseUrl: value }).policy.docsBaseUrl;
    expect(url('https://docs.example.com')).toBe('https://docs.example.com/');
    expect(url(' http://intranet/mfa/?x=1#top ')).toBe('http://intranet/mfa/');
    for (const bad of [
      'https://user:pass@docs.example.com/',
      'data:text/html,hi',
      'docs.example.com',
      '',
      `https://docs.example.com/${'a'.repeat(POLICY_LIMITS.maxUrlChars)}`,
      ['https://docs.example.com'],
    ]) {
      expect(url(bad)).toBeUndefined();
    }
  });

  it('never throws, whatever it is given', () => {
    const hostile: unknown[] = [
      { issuerSites: { length: 1e9 } },
      { issuerSites: [{ issuer: { toString: () => 'x' }, sites: [{}] }] },
      { nmcHosts: [[]] },
      { docsBaseUrl: { href: 'https://a.example' } },
      Object.create(null),
      new Proxy({}, { ownKeys: () => [] }),
      { autoLockMaxMinutes: 10n },
    ];
    for (const raw of hostile) expect(() => readManagedPolicy(raw)).not.toThrow();
  });

  it('knows exactly the keys the Chrome schema declares', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/managed_schema.json'), 'utf8'));
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBeUndefined();
    expect(POLICY_KEYS).toEqual(Object.keys(schema.properties));
    for (const property of Object.values(schema.properties) as Array<Record<string, unknown>>) {
      expect(typeof property.type).toBe('string');
      expect(typeof property.title).toBe('string');
      expect(typeof property.description).toBe('string');
    }
  });
});
