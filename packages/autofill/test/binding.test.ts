import { describe, expect, it } from 'vitest';
import {
  type BindableAccount,
  confusableSkeleton,
  decideFill,
  decodePunycodeLabel,
  describeOrigin,
  editDistance,
  isBoundTo,
  type SiteBinding,
} from '../src/binding-entry.ts';

function account(id: string, ...sites: SiteBinding[]): BindableAccount {
  return { id, sites };
}

describe('isBoundTo: which origins an account fills on', () => {
  const cases: [string, SiteBinding, string, boolean][] = [
    ['registrable domain covers subdomains', 'https://example.com', 'https://login.example.com', true],
    ['binding on a subdomain covers the registrable domain', 'https://login.example.com', 'https://example.com', true],
    ['port does not matter for site bindings', 'https://example.com', 'https://example.com:8443', true],
    ['co.uk is a public suffix', 'https://example.co.uk', 'https://other.co.uk', false],
    ['github.io sites are separate owners', 'https://alice.github.io', 'https://bob.github.io', false],
    [
      'exact host refuses siblings',
      { origin: 'https://login.example.com', exactHost: true },
      'https://www.example.com',
      false,
    ],
    [
      'exact host accepts itself',
      { origin: 'https://login.example.com', exactHost: true },
      'https://login.example.com',
      true,
    ],
    ['https binding never fills over http', 'https://example.com', 'http://example.com', false],
    ['http allowed for this host', 'http://nmc3.lan', 'http://nmc3.lan', true],
    ['http allowed host also fills over https', 'http://nmc3.lan', 'https://nmc3.lan', true],
    ['http allowance is per port', 'http://nmc3.lan:8080', 'http://nmc3.lan', false],
    ['local names are exact host', 'http://nmc3.lan', 'http://nmc4.lan', false],
    ['local names are exact host (subdomain)', 'https://nmc3.lan', 'https://evil.nmc3.lan', false],
    ['IP address, https', 'https://192.168.1.10', 'https://192.168.1.10', true],
    ['IP address, other IP', 'https://192.168.1.10', 'https://192.168.1.11', false],
    ['IP address over http needs http allowance', 'https://192.168.1.10', 'http://192.168.1.10', false],
    ['IPv6 literal', 'http://[fd00::10]', 'http://[fd00::10]', true],
    ['single-label name', 'http://intranet', 'http://intranet', true],
    ['unrelated domain', 'https://example.com', 'https://example.org', false],
    ['malformed binding never matches', 'not a url', 'https://example.com', false],
    ['non-web binding never matches', 'file:///etc/passwd', 'https://example.com', false],
    ['IDN page compared in ASCII', 'https://bücher.de', 'https://www.xn--bcher-kva.de', true],
  ];
  it.each(cases)('%s', (_name, site, page, expected) => {
    expect(isBoundTo(page, account('a', site))).toBe(expected);
  });
});

describe('decideFill', () => {
  const bank = account('bank', 'https://mybank.com');
  const github = account('gh', 'https://github.com');
  const githubWork = account('gh-work', 'https://github.com');
  const nmc = account('nmc', 'http://nmc3.lan');
  const nmcHttps = account('nmc-https', 'https://nmc5.lan');
  const accounts = [bank, github, githubWork, nmc, nmcHttps, account('paypal', 'https://paypal.com')];

  it('fills with the one bound account', () => {
    expect(decideFill('https://online.mybank.com', accounts)).toEqual({ kind: 'fill', account: bank });
  });
  it('asks when several accounts are bound', () => {
    expect(decideFill('https://github.com', accounts)).toEqual({ kind: 'choose', accounts: [github, githubWork] });
  });
  it('offers a binding when nothing is bound, never guesses', () => {
    expect(decideFill('https://www.unrelated.org/login', accounts)).toEqual({
      kind: 'none',
      suggestedBinding: 'https://unrelated.org',
    });
    expect(decideFill('http://nmc9.lan:8080/logon.htm', accounts)).toEqual({
      kind: 'none',
      suggestedBinding: 'http://nmc9.lan:8080',
    });
  });
  it('fills over http only where the user allowed it', () => {
    expect(decideFill('http://nmc3.lan/logon.htm', accounts)).toEqual({ kind: 'fill', account: nmc });
    expect(decideFill('http://nmc5.lan/logon.htm', accounts)).toEqual({ kind: 'insecure', accounts: [nmcHttps] });
    expect(decideFill('http://github.com', accounts)).toEqual({ kind: 'insecure', accounts: [github, githubWork] });
  });
  it('does not treat sibling LAN cards as look-alikes', () => {
    expect(decideFill('http://nmc4.lan', accounts).kind).toBe('none');
  });
  it('refuses non-web pages', () => {
    for (const origin of ['file:///tmp/x.html', 'chrome://settings', 'about:blank', 'null', '']) {
      expect(decideFill(origin, accounts).kind).toBe('unsupported');
    }
  });

  const lookalikes: [string, string, string][] = [
    ['https://xn--pypal-4ve.com', 'paypal.com', 'homoglyph'], // Cyrillic а
    ['https://paypa1.com', 'paypal.com', 'homoglyph'],
    ['https://rnicrosoft.com', 'microsoft.com', 'homoglyph'],
    ['https://githib.com', 'github.com', 'typo'],
    ['https://gihtub.com', 'github.com', 'typo'],
    ['https://github.co', 'github.com', 'other-suffix'],
    ['https://github.com.login-check.net', 'github.com', 'embedded'],
    ['https://paypal-secure-login.com', 'paypal.com', 'embedded'],
    ['https://secure.paypal.verify-account.io', 'paypal.com', 'embedded'],
  ];
  it.each(lookalikes)('%s looks like %s (%s): warning, no fill', (page, resembles, reason) => {
    const decision = decideFill(page, [...accounts, account('ms', 'https://microsoft.com')]);
    expect(decision).toMatchObject({ kind: 'lookalike', resembles, reason });
  });
  it('short names need more than one typo to stay apart (no false alarm)', () => {
    expect(decideFill('https://gitlab.com', accounts).kind).toBe('none');
    expect(decideFill('https://bbc.co.uk', [account('abc', 'https://abc.com')]).kind).toBe('none');
  });
});

describe('look-alike building blocks', () => {
  it('decodes punycode labels (RFC 3492 samples) and leaves malformed ones alone', () => {
    expect(decodePunycodeLabel('xn--bcher-kva')).toBe('bücher');
    expect(decodePunycodeLabel('xn--pypal-4ve')).toBe('pаypal');
    expect(decodePunycodeLabel('xn--fiqs8s')).toBe('中国');
    expect(decodePunycodeLabel('plain')).toBe('plain');
    expect(decodePunycodeLabel('xn--!!!')).toBe('xn--!!!');
  });
  it('maps homoglyphs to one skeleton', () => {
    expect(confusableSkeleton('pаypаl')).toBe(confusableSkeleton('paypal'));
    expect(confusableSkeleton('g00gle')).toBe(confusableSkeleton('google'));
    expect(confusableSkeleton('rnicrosoft')).toBe(confusableSkeleton('microsoft'));
  });
  it('measures edit distance with transpositions, giving up past the limit', () => {
    expect(editDistance('github', 'gihtub')).toBe(1);
    expect(editDistance('example', 'exampel')).toBe(1);
    expect(editDistance('example', 'exmple')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
  it('describes origins: scheme, ASCII host, default port, locality', () => {
    expect(describeOrigin('https://Login.Example.COM/path')).toMatchObject({
      scheme: 'https',
      host: 'login.example.com',
      port: '443',
      local: false,
      domain: { site: 'example.com', label: 'example', subdomain: 'login' },
    });
    expect(describeOrigin('http://nmc3.lan:8080')).toMatchObject({ host: 'nmc3.lan', port: '8080', local: true });
    expect(describeOrigin('https://10.0.0.1')).toMatchObject({ local: true });
    expect(describeOrigin('ftp://example.com')).toBeUndefined();
  });
});
