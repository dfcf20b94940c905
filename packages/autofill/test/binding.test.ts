import { describe, expect, it } from 'vitest';
import {
  type BindableAccount,
  confusableSkeleton,
  decideFill,
  decodePunycodeLabel,
  describeOrigin,
  editDistance,
  isBoundTo,
  isLanOrigin,
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
    ['upper-case host', 'https://acme-bank.com', 'https://LOGIN.ACME-BANK.COM', true],
    ['upper-case binding', 'https://ACME-Bank.com', 'https://acme-bank.com', true],
    ['trailing dot on the page (fully qualified name)', 'https://acme-bank.com', 'https://acme-bank.com.', true],
    ['trailing dot on the binding', 'https://acme-bank.com.', 'https://www.acme-bank.com', true],
    [
      'exact host with a trailing dot',
      { origin: 'https://a.acme-bank.com', exactHost: true },
      'https://a.acme-bank.com.',
      true,
    ],
    [
      'exact host is per port',
      { origin: 'https://a.acme-bank.com', exactHost: true },
      'https://a.acme-bank.com:8443',
      false,
    ],
    [
      'explicit default port is the same origin',
      { origin: 'https://a.acme-bank.com:443', exactHost: true },
      'https://a.acme-bank.com',
      true,
    ],
    ['bound name as a subdomain elsewhere', 'https://acme-bank.com', 'https://acme-bank.com.evil.io', false],
    ['bound name as a label prefix', 'https://acme-bank.com', 'https://acme-bank-login.com', false],
    ['other public suffix', 'https://acme-bank.com', 'https://acme-bank.co', false],
    ['Cyrillic а in punycode', 'https://paypal.com', 'https://xn--pypal-4ve.com', false],
    ['Cyrillic а in Unicode', 'https://paypal.com', 'https://pаypal.com', false],
    ['Unicode binding matches its punycode page', 'https://pаypal.com', 'https://xn--pypal-4ve.com', true],
    ['IPv6 literal over https, same port', 'https://[fd00::10]:8443', 'https://[fd00::10]:8443', true],
    ['IPv6 literal, other address', 'https://[fd00::10]', 'https://[fd00::11]', false],
    ['IPv6 literal, other port', 'https://[fd00::10]', 'https://[fd00::10]:8443', false],
    ['IPv6 over http needs the http allowance', 'https://[fd00::10]', 'http://[fd00::10]', false],
    ['localhost is exact host and port over https', 'https://localhost:3000', 'https://localhost:3000', true],
    ['localhost on another port is another app', 'https://localhost:3000', 'https://localhost:4000', false],
    ['a name under localhost is not localhost', 'https://localhost', 'https://evil.localhost', false],
    ['localhost over http needs the http allowance', 'https://localhost', 'http://localhost', false],
    ['localhost http allowance', 'http://localhost:8080', 'http://localhost:8080', true],
    ['private IP over http allowed exactly', 'http://10.0.0.5', 'http://10.0.0.5', true],
    ['private IP, neighbour', 'http://10.0.0.5', 'http://10.0.0.6', false],
    ['private IP http allowance is per port', 'http://172.16.0.1', 'http://172.16.0.1:8080', false],
    ['private IP http allowance accepts https', 'http://192.168.1.10', 'https://192.168.1.10', true],
    // An http allowance accepts https in its place only as the same service: same port, or the default https port.
    ['http allowance, https on another port', 'http://nmc3.lan', 'https://nmc3.lan:9999', false],
    ['http allowance (IP), https on another port', 'http://192.168.1.20', 'https://192.168.1.20:4443', false],
    ['http allowance with a port, https on the default port', 'http://nmc3.lan:8080', 'https://nmc3.lan', true],
    ['http allowance with a port, https on that port', 'http://nmc3.lan:8080', 'https://nmc3.lan:8080', true],
    ['http allowance with a port, https on a third port', 'http://nmc3.lan:8080', 'https://nmc3.lan:8443', false],
    ['http allowance, https on the explicit default port', 'http://10.1.2.3', 'https://10.1.2.3:443', true],
    ['http allowance, https on port 80', 'http://10.1.2.3', 'https://10.1.2.3:80', true],
    ['http allowance (IPv6), https on another port', 'http://[fd00::20]', 'https://[fd00::20]:8443', false],
    [
      'http allowance (public name), https on another port',
      'http://ups.example.org',
      'https://ups.example.org:81',
      false,
    ],
    ['http allowance, other port over http', 'http://nmc3.lan', 'http://nmc3.lan:8080', false],
    [
      'http allowance never widens to the registrable domain',
      'http://acme-bank.com',
      'http://www.acme-bank.com',
      false,
    ],
    [
      'http allowance never widens to subdomains over https',
      'http://acme-bank.com',
      'https://www.acme-bank.com',
      false,
    ],
    [
      'https exact host never fills over http',
      { origin: 'https://acme-bank.com', exactHost: true },
      'http://acme-bank.com',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, site, page, expected) => {
    expect(isBoundTo(page, account('a', site))).toBe(expected);
  });
});

describe('isLanOrigin: hosts on a local network', () => {
  it('knows private, loopback and link-local addresses and local names, and nothing public', () => {
    const lan = [
      'http://10.0.0.1',
      'http://10.255.255.255:8080',
      'http://172.16.0.1',
      'http://172.31.255.254',
      'http://192.168.0.10/login',
      'http://127.0.0.1',
      'http://169.254.1.1',
      'http://100.64.0.1',
      'http://[::1]',
      'http://[fd00::1]',
      'http://[fc12:3456::1]',
      'http://[fe80::1ff:fe23:4567:890a]',
      'http://[febf::1]',
      'http://[::ffff:192.168.1.1]',
      'http://nmc3.lan',
      'http://printer.local',
      'http://router.home.arpa',
      'http://nas.internal',
      'http://nmc',
      'https://NMC3.LAN.',
    ];
    const publicOnes = [
      'http://8.8.8.8',
      'http://172.15.255.255',
      'http://172.32.0.1',
      'http://192.169.0.1',
      'http://[2001:db8::1]',
      'http://[fec0::1]',
      'http://[::ffff:8.8.8.8]',
      'http://online.examplebank.com',
      'http://example.co.uk',
      'http://user.github.io',
      'file:///etc/passwd',
      'not a url',
    ];
    expect(lan.filter((origin) => !isLanOrigin(origin))).toEqual([]);
    expect(publicOnes.filter((origin) => isLanOrigin(origin))).toEqual([]);
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
    ['https://pаypal.com', 'paypal.com', 'homoglyph'], // Cyrillic а, Unicode form (the URL parser makes it xn--)
    ['https://xn--80ak6aa92e.com', 'apple.com', 'homoglyph'], // аррӏе: every letter Cyrillic
    ['https://rnicrosoft.com', 'microsoft.com', 'homoglyph'],
    ['https://g0ogle.com', 'google.com', 'homoglyph'],
    ['https://goog1e.com', 'google.com', 'homoglyph'],
    ['https://GOOGIE.com', 'google.com', 'homoglyph'], // capital I for l, lower-cased by the URL parser
    ['https://acme-bank.com.evil.io', 'acme-bank.com', 'embedded'],
    ['https://acme-bank.com.evil.io.', 'acme-bank.com', 'embedded'],
    ['https://acme-bank-login.com', 'acme-bank.com', 'embedded'],
    ['https://secure-acme-bank.net', 'acme-bank.com', 'embedded'],
    ['https://acme-bank.xn--p1ai', 'acme-bank.com', 'other-suffix'],
    ['https://acme-bank.co', 'acme-bank.com', 'other-suffix'],
    ['https://ACME-BANK.CO:8443', 'acme-bank.com', 'other-suffix'],
    ['https://acme-bannk.com', 'acme-bank.com', 'typo'],
    ['https://acmebank.com', 'acme-bank.com', 'typo'],
  ];
  it.each(lookalikes)('%s looks like %s (%s): warning, no fill', (page, resembles, reason) => {
    const decision = decideFill(page, [
      ...accounts,
      account('ms', 'https://microsoft.com'),
      account('google', 'https://google.com'),
      account('apple', 'https://apple.com'),
      account('acme', 'https://acme-bank.com'),
    ]);
    expect(decision).toMatchObject({ kind: 'lookalike', resembles, reason });
  });
  const moreLookalikes: [string, string, string][] = [
    ['https://githubcom.evil.net', 'github.com', 'embedded'], // name and suffix run together
    ['https://xn--gthub-n4a.com', 'github.com', 'homoglyph'], // dotless ı
    ['https://xn--gitub-0kf.com', 'github.com', 'homoglyph'], // Cyrillic һ
    ['https://xn--githu-w90b.com', 'github.com', 'homoglyph'], // b with a dot below
    ['https://nmc3.lan.evil.com', 'nmc3.lan', 'embedded'], // a bound LAN name used inside a public one
    ['http://nmc3-lan.example.net', 'nmc3.lan', 'embedded'],
    ['https://192.168.1.10.evil.com', '192.168.1.10', 'embedded'],
  ];
  it.each(moreLookalikes)('%s imitates %s (%s): warning, no fill', (page, resembles, reason) => {
    const decision = decideFill(page, [
      account('gh', 'https://github.com'),
      account('nmc', 'http://nmc3.lan'),
      account('ups', 'http://192.168.1.10'),
    ]);
    expect(decision).toMatchObject({ kind: 'lookalike', resembles, reason });
  });
  it('a sibling LAN name or a short local name is not a look-alike', () => {
    expect(decideFill('https://nmc4.example.net', [account('nmc', 'http://nmc3.lan')]).kind).toBe('none');
    expect(decideFill('https://nas.example.net', [account('nas', 'http://nas')]).kind).toBe('none');
  });
  it('the bound site itself, in any spelling, fills rather than warns', () => {
    const acme = account('acme', 'https://acme-bank.com');
    for (const page of ['https://ACME-BANK.COM', 'https://acme-bank.com.', 'https://login.acme-bank.com:8443']) {
      expect(decideFill(page, [acme]), page).toEqual({ kind: 'fill', account: acme });
    }
  });
  it('LAN names, IPs and localhost never count as look-alikes of a bound site', () => {
    const acme = account('acme', 'https://acme-bank.com');
    for (const page of ['https://[::1]', 'http://localhost', 'https://acme-bank.lan', 'https://192.168.0.1']) {
      expect(decideFill(page, [acme]).kind, page).toBe('none');
    }
  });
  it('offers the host without its trailing dot', () => {
    expect(decideFill('http://nmc9.lan.:8080', [])).toEqual({ kind: 'none', suggestedBinding: 'http://nmc9.lan:8080' });
    expect(decideFill('https://www.unrelated.org.', [])).toEqual({
      kind: 'none',
      suggestedBinding: 'https://unrelated.org',
    });
  });
  it('unrelated words do not trip the embedded check', () => {
    const acme = account('acme', 'https://acme-bank.com');
    for (const page of ['https://acme.com', 'https://bank.com', 'https://acme-banking.com', 'https://bank-acme.com']) {
      expect(decideFill(page, [acme]).kind, page).toBe('none');
    }
  });
  it('short names need more than one typo to stay apart (no false alarm)', () => {
    expect(decideFill('https://gitlab.com', accounts).kind).toBe('none');
    expect(decideFill('https://bbc.co.uk', [account('abc', 'https://abc.com')]).kind).toBe('none');
  });
});

describe('look-alikes that join, split or wrap the bound name', () => {
  // Bound names with and without a hyphen, none of them special-cased anywhere in the code.
  const bound = [
    account('acme', 'https://acme-bank.com'),
    account('northwind', 'https://northwind-traders.co.uk'),
    account('contoso', 'https://contoso.com'),
    account('scope', 'https://scope.org'),
  ];
  const joined: [string, string][] = [
    // the three
    ['https://acmebank-secure.com', 'acme-bank.com'],
    ['https://secure-acmebank.com', 'acme-bank.com'],
    ['https://acmebank.login.evil.com', 'acme-bank.com'],
    // the same shapes on other names
    ['https://northwindtraders-verify.net', 'northwind-traders.co.uk'],
    ['https://login-northwindtraders.org', 'northwind-traders.co.uk'],
    ['https://northwindtraders.account-check.io', 'northwind-traders.co.uk'],
    ['https://mfa-northwind-traders-portal.com', 'northwind-traders.co.uk'],
    ['https://contoso-mfa.com', 'contoso.com'],
    ['https://verify.contoso.accounts-check.net', 'contoso.com'],
    ['https://sso-contoso-login.app', 'contoso.com'],
    ['https://my-acme-bank-login.net', 'acme-bank.com'],
    ['https://acme.bank.session-check.io', 'acme-bank.com'],
    // a homoglyph or a typo inside the joined name
    ['https://acrnebank-login.com', 'acme-bank.com'],
    ['https://acmebnak-login.com', 'acme-bank.com'],
    ['https://secure.xn--cntoso-wqf.evil.net', 'contoso.com'],
  ];
  it.each(joined)('%s embeds %s: warning, no fill', (page, resembles) => {
    expect(decideFill(page, bound)).toMatchObject({ kind: 'lookalike', resembles, reason: 'embedded' });
  });

  // Whole-script confusables: every letter from another script, none of them Latin.
  const wholeScript: [string, string][] = [
    ['https://xn--80ak6aa92e.com', 'apple.com'], // аррӏе, Cyrillic
    ['https://xn--e1argc3h.org', 'scope.org'], // ѕсоре, Cyrillic
    ['https://xn--e1argc3h.com', 'scope.org'], // … and under another suffix
  ];
  it.each(wholeScript)('%s is a whole-script confusable of %s', (page, resembles) => {
    expect(decideFill(page, [...bound, account('apple', 'https://apple.com')])).toMatchObject({
      kind: 'lookalike',
      resembles,
      reason: 'homoglyph',
    });
  });

  it('the bound sites themselves and their subdomains fill, in any spelling', () => {
    const pages: [string, number][] = [
      ['https://acme-bank.com', 0],
      ['https://login.acme-bank.com', 0],
      ['https://secure.login.acme-bank.com:8443', 0],
      ['https://ACME-BANK.COM.', 0],
      ['https://www.northwind-traders.co.uk', 1],
      ['https://contoso.com', 2],
      ['https://mfa.eu.contoso.com', 2],
      ['https://scope.org', 3],
    ];
    for (const [page, index] of pages) {
      expect(decideFill(page, bound), page).toEqual({ kind: 'fill', account: bound[index] });
    }
  });

  it('unrelated domains, and names that only share a word, get no warning', () => {
    for (const page of [
      'https://acme.com',
      'https://bank.com',
      'https://acme-banking.com',
      'https://bank-acme.com',
      'https://acmecorp.com',
      'https://banking-acme.net',
      'https://northwind.com',
      'https://traders.co.uk',
      'https://northwind-tradingpost.com',
      'https://contosopizza.com',
      'https://telescope.org',
      'https://scopes-and-lenses.com',
      'https://wikipedia.org',
      'https://login.microsoftonline.com',
      'https://accounts.google.com',
      'https://github.com',
      'https://www.gov.uk',
      'https://example.org',
      'https://mail.proton.me',
    ]) {
      expect(decideFill(page, bound).kind, page).toBe('none');
    }
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
