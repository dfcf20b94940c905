import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Duration, formatDuration, POLICY } from '@mfa-companion/policy';
import { describe, expect, it } from 'vitest';
import { formatMemory, KDF_SETTINGS, type KdfSetting, kdfFigure } from '../src/lib/kdf-figures.ts';
import { LANGS } from '../src/lib/locale.ts';
import { POLICY_FIGURES, type PolicyFigure, policyFigure } from '../src/lib/policy-figures.ts';
import { contentDir, pagesOf } from './pages.ts';

describe('content', () => {
  it('has every page in both languages', () => {
    expect(pagesOf('fr')).toEqual(pagesOf('en'));
    expect(pagesOf('en').length).toBeGreaterThanOrEqual(25);
  });

  it('keeps the NMC3 page at the path the extension links to', () => {
    expect(pagesOf('en')).toContain(join('troubleshooting', 'nmc3-firmware-update-mfa.mdx'));
  });

  // One source of truth: a policy duration spelled out in a page would drift the day the policy changes.
  it('never types a policy duration by hand', () => {
    const durations: Duration[] = [
      POLICY.otp.maxValidity,
      POLICY.eventNotifications.window,
      POLICY.eventNotifications.disabledFor,
      POLICY.account.inactiveAfterNoLogin,
      POLICY.account.restorableByPasswordResetWithin,
      POLICY.passwordResetMode.duration,
    ];
    for (const lang of LANGS) {
      for (const page of pagesOf(lang)) {
        const text = readFileSync(join(contentDir, lang, page), 'utf8').replace(/[\u00a0\u202f]/g, ' ');
        for (const duration of durations) {
          const spelled = formatDuration(duration, lang).replace(/[\u00a0\u202f]/g, ' ');
          expect(text, `${lang}/${page} types "${spelled}"`).not.toContain(spelled);
        }
        expect(text, `${lang}/${page} names a firmware version by hand`).not.toMatch(/\b(AOS|v)\s?3\.4\b/);
      }
    }
  });
});

describe('policy figures', () => {
  it('formats every figure in both languages', () => {
    for (const lang of LANGS) {
      for (const name of Object.keys(POLICY_FIGURES) as PolicyFigure[]) {
        expect(policyFigure(name, lang).length).toBeGreaterThan(0);
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
