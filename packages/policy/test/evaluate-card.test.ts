import { describe, expect, it } from 'vitest';
import { classifyCardPartNumber, classifyNmcModel, evaluateNmcUsers, type NmcUser, POLICY } from '../src/index.ts';

const users: NmcUser[] = [
  { name: 'apc', email: 'ops@example.com', userType: 'Super User', enabled: true },
  { name: 'fwupdate', email: '', userType: 'Administrator', enabled: true },
  { name: 'viewer', email: '', userType: 'Read-Only User', enabled: true },
  { name: 'old', email: '', userType: 'Administrator', enabled: false },
];

describe('evaluateNmcUsers knows the card', () => {
  it('an NMC2 (or rack PDU) has no MFA: not applicable, whatever its AOS number says', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: 'unknown',
      generation: 'nmc2',
      firmwareVersion: 'v6.9.6',
      users: [],
    });
    expect(result.status).toBe('not-applicable');
    expect(result.findings[0]).toMatchObject({ code: 'card-without-mfa' });
  });

  it('a card model that is not an NMC3 → not applicable; an NMC3, a device model or an unknown one → checked', () => {
    for (const model of ['AP9630', 'AP9631', 'AP9635', 'AP9606', 'AP9617', 'AP9618', 'AP9619']) {
      expect(evaluateNmcUsers({ mfaEnabled: true, model, users: [] }).status, model).toBe('not-applicable');
    }
    // A product family is no evidence: rack PDUs (AP7xxx, AP8xxx) may embed an NMC3, so they are checked.
    for (const model of [...POLICY.nmc3.models, 'SRT5KXLI', 'AP8853', 'AP7920B', 'AP7931']) {
      expect(evaluateNmcUsers({ mfaEnabled: true, model, users }).status, model).toBe('ok');
    }
    expect(classifyNmcModel('AP9641')).toBe('nmc3');
    expect(classifyNmcModel('AP9619')).toBe('nmc1');
    expect(classifyNmcModel('AP7931')).toBe('unknown');
    expect(classifyNmcModel(undefined, 'rpdu2g')).toBe('unknown');
    expect(classifyNmcModel('0N-1570-03')).toBe('nmc3');
    expect(classifyCardPartNumber('Part Number 0N-1570-03 rev B')).toBe('nmc3');
    expect(classifyNmcModel('Smart-UPS 1500')).toBe('unknown');
  });

  it('an NMC3 on AOS 1.x is not applicable yet; the card’s AOS only, as given', () => {
    expect(
      evaluateNmcUsers({ mfaEnabled: 'unknown', generation: 'nmc3', firmwareVersion: 'v1.4.2.1', users: [] }).status,
    ).toBe('not-applicable');
  });

  it('findings say where a fact came from', () => {
    const fromPage = evaluateNmcUsers({
      mfaEnabled: false,
      users,
      sources: { mfaEnabled: 'page' },
    });
    expect(fromPage.findings[0]).toMatchObject({ code: 'mfa-disabled', source: 'page' });
    expect(fromPage.findings[0]?.message).toContain('read on a page of the card');
    const answered = evaluateNmcUsers({
      mfaEnabled: 'unknown',
      firmwareVersion: '3.2',
      users,
      sources: { firmwareVersion: 'answer' },
    });
    expect(answered.findings[0]).toMatchObject({ code: 'firmware-before-mfa', source: 'answer' });
    expect(answered.findings[0]?.message).toContain('from your answer');
  });

  it('ignores unknown generation values and junk sources', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users,
      generation: 'nmc9' as never,
      sources: { mfaEnabled: 'rumour' as never },
    });
    expect(result.status).toBe('ok');
  });
});

describe('evaluateNmcUsers with named tool accounts', () => {
  it('a named account that qualifies → ok about that account only', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users,
      toolAccounts: [{ tool: 'secure-nmc-system-tool', user: 'fwupdate' }],
      sources: { toolAccounts: 'answer' },
    });
    expect(result).toMatchObject({ status: 'ok', candidates: ['fwupdate'] });
    expect(result.findings.at(-1)).toMatchObject({
      code: 'tool-account-ok',
      tools: ['secure-nmc-system-tool'],
      source: 'answer',
    });
  });

  it('a named account with an e-mail → at risk, naming the tool that would fail, even if another user qualifies', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users,
      toolAccounts: [
        { tool: 'data-center-expert', user: 'apc' },
        { tool: 'ecostruxure-it-expert', user: 'apc' },
      ],
    });
    expect(result.status).toBe('at-risk');
    const finding = result.findings.find((f) => f.code === 'tool-account-email-set');
    expect(finding).toMatchObject({ user: 'apc', tools: ['ecostruxure-it-expert', 'data-center-expert'] });
    expect(finding?.message).toContain('EcoStruxure IT Expert, Data Center Expert');
  });

  it('disabled, read-only, missing and unknown-e-mail named accounts', () => {
    const judge = (user: string, extra: NmcUser[] = []) =>
      evaluateNmcUsers({
        mfaEnabled: true,
        users: [...users, ...extra],
        toolAccounts: [{ tool: 'data-center-expert', user }],
      });
    expect(judge('old')).toMatchObject({
      status: 'at-risk',
      findings: expect.arrayContaining([expect.objectContaining({ code: 'tool-account-disabled' })]),
    });
    expect(judge('viewer').findings.some((f) => f.code === 'tool-account-cannot-update-firmware')).toBe(true);
    expect(judge('viewer').findings.find((f) => f.code === 'tool-account-cannot-update-firmware')?.message).toContain(
      'our caution',
    );
    expect(judge('ghost')).toMatchObject({ status: 'unknown' });
    expect(judge('later', [{ name: 'later', userType: 'Administrator' }])).toMatchObject({ status: 'unknown' });
  });

  it('junk tool accounts are ignored: the general verdict stays', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users,
      toolAccounts: [{ tool: 'nope', user: 'apc' }, { tool: 'data-center-expert', user: '  ' }, null] as never,
    });
    expect(result).toMatchObject({ status: 'ok', candidates: ['fwupdate'] });
  });
});
