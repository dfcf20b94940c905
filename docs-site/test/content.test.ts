import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIREFOX_MIN_VERSION } from '@mfa-companion/extension/browser-support';
import { DEFAULT_DIGITS, DEFAULT_PERIOD } from '@mfa-companion/otp';
import { POLICY } from '@mfa-companion/policy';
import { describe, expect, it } from 'vitest';
import { formatMemory, KDF_SETTINGS, type KdfSetting, kdfFigure } from '../src/lib/kdf-figures.ts';
import { LANGS } from '../src/lib/locale.ts';
import { type Figure, figureText, POLICY_FIGURES, policyFigure, TECHNICAL_FIGURES } from '../src/lib/policy-figures.ts';
import { contentDir, pagesOf } from './pages.ts';
import { findCopies, numberWords, policyCopies, proseLines } from './policy-copies.ts';

describe('content', () => {
  it('has every page in both languages', () => {
    expect(pagesOf('fr')).toEqual(pagesOf('en'));
    expect(pagesOf('en').length).toBeGreaterThanOrEqual(25);
  });

  it('keeps the NMC3 page at the path the extension links to', () => {
    expect(pagesOf('en')).toContain(join('troubleshooting', 'nmc3-firmware-update-mfa.mdx'));
  });

  // One source of truth: a POLICY value typed into a page would drift the day the policy changes. The forms of a
  // copy come from POLICY itself (test/policy-copies.ts), so a fact added to the package is enforced at once.
  it('never types a POLICY value by hand, in any page of either language', () => {
    const copies = policyCopies(POLICY);
    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const page of pagesOf(lang)) {
        for (const { copy, line, match } of findCopies(readFileSync(join(contentDir, lang, page), 'utf8'), copies)) {
          problems.push(
            `${lang}/${page}:${line} "${match}" is a hand-typed copy of POLICY.${copy.path} (${copy.value})`,
          );
        }
      }
    }
    expect(problems, 'render these with <Policy value="…" /> (src/lib/policy-figures.ts)').toEqual([]);
  });

  // The figures that are not the vendor's come from the packages that apply them, like the policy figures.
  it('never types the TOTP defaults or the Firefox version the extension needs', () => {
    const period = new RegExp(`(?<![\\d.])${DEFAULT_PERIOD}[\\s\\u00a0-]*(?:s|sec|secs|seconds?|secondes?)\\b`, 'i');
    const digits = new RegExp(
      `(?<![\\d.])(?:${DEFAULT_DIGITS}|${numberWords(DEFAULT_DIGITS).join('|')})[\\s\\u00a0-]*(?:digits?|chiffres)\\b`,
      'i',
    );
    const firefox = new RegExp(`Firefox[\\s\\u00a0]+${FIREFOX_MIN_VERSION}\\b`);
    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const page of pagesOf(lang)) {
        proseLines(readFileSync(join(contentDir, lang, page), 'utf8')).forEach((text, index) => {
          for (const pattern of [period, digits, firefox]) {
            const match = pattern.exec(text);
            if (match) problems.push(`${lang}/${page}:${index + 1} "${match[0]}"`);
          }
        });
      }
    }
    expect(problems, 'render these with <Policy value="totpPeriod" /> and friends').toEqual([]);
  });
});

describe('hand-typed copies of POLICY values', () => {
  const copies = policyCopies(POLICY);
  const copiedIn = (text: string) =>
    findCopies(`---\ntitle: t\n---\n${text}\n`, copies).map((found) => found.copy.path);

  it('derives one pattern per value, and none from the sources', () => {
    const paths = copies.map((copy) => copy.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'otp.maxValidity',
        'eventNotifications.burstThreshold',
        'eventNotifications.window',
        'account.inactiveAfterNoLogin',
        'passwordResetMode.duration',
        'nmc3.models[0]',
        'nmc3.mfaFirmware.version',
        'nmc3.userListMenuPath',
        'nmc3.emailFieldLabel',
        'nmc3.affectedTools[2]',
        'nmc3.userTypes[3]',
      ]),
    );
    expect(paths.filter((path) => /source/i.test(path))).toEqual([]);
  });

  it('finds durations in any spelling of either language', () => {
    for (const text of ['within 15 minutes', 'a 15-minute window', 'after 15 min', 'au bout de quinze minutes']) {
      expect(copiedIn(text), text).toContain('otp.maxValidity');
    }
    expect(copiedIn('stays in reset mode for 24 h')).toContain('passwordResetMode.duration');
    expect(copiedIn('pendant 7 jours')).toContain('eventNotifications.disabledFor');
    expect(copiedIn('over two years ago')).toContain('account.inactiveAfterNoLogin');
    expect(copiedIn('trois ans après')).toContain('account.restorableByPasswordResetWithin');
  });

  it('finds versions, counts, models, names, labels and the menu path', () => {
    expect(copiedIn('NMC3 AOS v3.4.0.7 added MFA')).toContain('nmc3.mfaFirmware.version');
    expect(copiedIn('more than 6 notifications')).toContain('eventNotifications.burstThreshold');
    expect(copiedIn('plus de six notifications')).toContain('eventNotifications.burstThreshold');
    expect(copiedIn('models AP9640 and AP9641')).toEqual(expect.arrayContaining(['nmc3.models[0]', 'nmc3.models[1]']));
    expect(copiedIn('the **E-mail Address** field')).toContain('nmc3.emailFieldLabel');
    expect(copiedIn('run Data Center Expert again')).toContain('nmc3.affectedTools[2]');
    expect(copiedIn('a Read-Only User')).toContain('nmc3.userTypes[3]');
    expect(copiedIn('Open Configuration › Security › Local Users › Management.')).toContain('nmc3.userListMenuPath');
    expect(copiedIn('<LinkCard title="x" description="Paste the Local Users list" />')).toContain(
      'nmc3.userListMenuPath[2]',
    );
  });

  it('leaves rendered figures, code, links and everyday words alone', () => {
    for (const text of [
      'within <Policy value="otpMaxValidity" />',
      'two-factor authentication, one-time passwords, at least one local user',
      'the alphabet A–Z and 2–7; RFC 6238; NMC3 and NMC2; step 3 of 4',
      'the `period=60` parameter of `otpauth://totp/x?secret=AP9640`',
      '[read](../../troubleshooting/nmc3-firmware-update-mfa/)',
      '2. Open the security settings, then local users management.',
      'an administrator password in Device Administrator',
      // A version family is a version, not a count: "6.x" is not the notification threshold of 6.
      'NMC2 cards run AOS 6.x or 7.x',
    ]) {
      expect(copiedIn(text), text).toEqual([]);
    }
  });
});

describe('policy figures', () => {
  it('formats every figure in both languages', () => {
    for (const lang of LANGS) {
      for (const name of [...Object.keys(POLICY_FIGURES), ...Object.keys(TECHNICAL_FIGURES)] as Figure[]) {
        expect(figureText(name, lang).length).toBeGreaterThan(0);
      }
    }
  });

  it('spells durations and lists in each language', () => {
    // ICU puts a no-break space between number and unit, which keeps "7 jours" on one line.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(policyFigure('otpMaxValidity', 'en'))).toBe('15 minutes');
    expect(plain(policyFigure('notificationPause', 'fr'))).toBe('7 jours');
    expect(plain(policyFigure('passwordResetModeDuration', 'fr'))).toBe('24 heures');
    expect(policyFigure('nmcModels', 'fr')).toBe('AP9640, AP9641 et AP9643');
    expect(policyFigure('nmcMenuPath', 'en')).toBe('Configuration > Security > Local Users > Management');
    expect(plain(figureText('totpPeriod', 'fr'))).toBe('30 secondes');
    expect(figureText('firefoxMinVersion', 'en')).toBe(String(FIREFOX_MIN_VERSION));
  });
});

describe('key-derivation figures', () => {
  it('quotes the vault package’s own settings, in both languages', () => {
    expect(kdfFigure('default', 'en')).toBe('argon2id, m\u00a0=\u00a064\u00a0MiB, t\u00a0=\u00a03, p\u00a0=\u00a04');
    expect(formatMemory(KDF_SETTINGS.owaspMinimum.memoryKiB, 'fr')).toBe('19\u00a0Mio');
    for (const lang of LANGS) {
      for (const name of Object.keys(KDF_SETTINGS) as KdfSetting[])
        expect(kdfFigure(name, lang)).toMatch(/^argon2id, m/);
    }
  });

  // The privacy page states the settings: from the vault's constants, never typed by hand.
  it('never types a KDF memory setting by hand', () => {
    for (const lang of LANGS) {
      const text = readFileSync(join(contentDir, lang, 'extension', 'privacy.mdx'), 'utf8');
      expect(text).toContain(`<KdfTable lang="${lang}" />`);
      expect(text, `${lang}/extension/privacy.mdx types a memory size`).not.toMatch(/\d\s?(MiB|Mio|KiB|Kio|MB|Mo)\b/);
    }
  });
});
