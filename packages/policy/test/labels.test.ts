import { describe, expect, it } from 'vitest';
import {
  classifyFieldLabel,
  classifySettingLabel,
  classifyUserType,
  compareFirmwareVersions,
  type Duration,
  detectNmcColumns,
  formatDuration as format,
  formatMenuPath,
  POLICY,
  parseEnabledLabel,
  parseFirmwareVersion,
} from '../src/index.ts';

describe('classifyUserType', () => {
  it.each([
    ['Super User', 'super-user'],
    ['Super utilisateur', 'super-user'],
    ['superuser', 'super-user'],
    ['Administrator', 'administrator'],
    ['Administrateur', 'administrator'],
    ['admin', 'administrator'],
    ['Device User', 'device-user'],
    ['Device Manager', 'device-user'],
    ['Utilisateur de périphérique', 'device-user'],
    ['Gestionnaire de périphériques', 'device-user'],
    ['Read-Only User', 'read-only-user'],
    ['Utilisateur en lecture seule', 'read-only-user'],
    ['Network-Only User', 'network-only-user'],
    ['Utilisateur réseau uniquement', 'network-only-user'],
  ])('%s → %s', (label, id) => {
    expect(classifyUserType(label)).toEqual({ kind: 'known', id });
  });

  it('reports an unknown label as unrecognised', () => {
    expect(classifyUserType('  Outlet User ')).toEqual({ kind: 'unrecognised', label: 'Outlet User' });
  });
});

describe('header and status labels', () => {
  it.each([
    ['User Name', 'name'],
    ["Nom d'utilisateur", 'name'],
    ['E-mail Address', 'email'],
    ['Adresse électronique', 'email'],
    ['Courriel', 'email'],
    ['User Type', 'userType'],
    ['Access', 'userType'],
    ["Type d'utilisateur", 'userType'],
    ['Niveau d’accès', 'userType'],
    ['Status', 'status'],
    ['État', 'status'],
    ['Last Login', undefined],
    ['Session Timeout', undefined],
  ])('%s → %s', (label, field) => {
    expect(classifyFieldLabel(label)).toBe(field);
  });

  it('needs a name column plus an e-mail or type column to call a table a user list', () => {
    expect(detectNmcColumns(['Name', 'Size', 'Date'])).toBeUndefined();
    expect(detectNmcColumns(['User Name', 'Status'])).toBeUndefined();
    expect(detectNmcColumns(['User Name', 'Status', 'Access'])).toEqual({ name: 0, status: 1, userType: 2, width: 3 });
  });

  it.each([
    ['Enabled', true],
    ['Activé', true],
    ['actif', true],
    ['Disabled', false],
    ['Désactivé', false],
    ['Pending', undefined],
  ])('status %s → %s', (label, enabled) => {
    expect(parseEnabledLabel(label)).toBe(enabled);
  });

  it('recognises MFA and firmware labels on summary pages', () => {
    expect(classifySettingLabel('Multi-Factor Authentication')).toBe('mfa');
    expect(classifySettingLabel('Authentification multifacteur')).toBe('mfa');
    expect(classifySettingLabel('APC OS (AOS)')).toBe('firmware');
    expect(classifySettingLabel('Version du micrologiciel')).toBe('firmware');
    expect(classifySettingLabel('Location')).toBeUndefined();
  });
});

describe('firmware versions', () => {
  it.each([
    ['v3.4.0.7', [3, 4, 0, 7]],
    ['3.4', [3, 4]],
    ['AOS v3.5.1', [3, 5, 1]],
    ['v2.9.3', [2, 9, 3]],
    ['NMC3 APC OS(AOS) v3.10.2', [3, 10, 2]],
  ])('reads %s', (text, parts) => {
    expect(parseFirmwareVersion(text)?.parts).toEqual(parts);
  });

  it.each(['', 'AP9641', 'banana', 'version three'])('finds no version in %j', (text) => {
    expect(parseFirmwareVersion(text)).toBeUndefined();
  });

  it('compares numerically, missing parts as zero', () => {
    const v = (text: string) => parseFirmwareVersion(text) ?? { parts: [], text };
    expect(compareFirmwareVersions(v('3.10'), v('3.9'))).toBe(1);
    expect(compareFirmwareVersions(v('3.4'), v('v3.4.0.0'))).toBe(0);
    expect(compareFirmwareVersions(v('v3.3.9.9'), v('3.4'))).toBe(-1);
  });
});

describe('POLICY', () => {
  it('states the facts with their units', () => {
    expect(POLICY.otp.maxValidity).toEqual({ value: 15, unit: 'minute' });
    expect(POLICY.eventNotifications).toMatchObject({
      burstThreshold: 6,
      window: { value: 30, unit: 'minute' },
      disabledFor: { value: 7, unit: 'day' },
    });
    expect(POLICY.account.inactiveAfterNoLogin).toEqual({ value: 2, unit: 'year' });
    expect(POLICY.account.restorableByPasswordResetWithin).toEqual({ value: 3, unit: 'year' });
    expect(POLICY.passwordResetMode.duration).toEqual({ value: 24, unit: 'hour' });
    expect(POLICY.nmc3.models).toEqual(['AP9640', 'AP9641', 'AP9643']);
    expect(POLICY.nmc3.mfaFirmware.version).toBe('3.4');
  });

  it('formats durations in English and French', () => {
    // French puts a no-break space between number and unit; compare on plain spaces.
    const formatDuration = (duration: Duration, locale: string) => format(duration, locale).replace(/\s/gu, ' ');
    expect(formatDuration(POLICY.otp.maxValidity, 'en')).toBe('15 minutes');
    expect(formatDuration(POLICY.passwordResetMode.duration, 'fr')).toBe('24 heures');
    expect(formatDuration(POLICY.eventNotifications.disabledFor, 'fr')).toBe('7 jours');
    expect(formatDuration(POLICY.account.inactiveAfterNoLogin, 'en')).toBe('2 years');
    expect(formatMenuPath()).toBe('Configuration > Security > Local Users > Management');
  });
});
