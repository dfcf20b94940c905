import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canUpdateFirmware,
  evaluateNmcUsers,
  type NmcEvaluationInput,
  type NmcUser,
  usersStillToCheck,
} from '../src/index.ts';

const admin = (name: string, email?: string): NmcUser => ({ name, email, userType: 'Administrator', enabled: true });
const codes = (input: NmcEvaluationInput) => evaluateNmcUsers(input).findings.map((finding) => finding.code);

describe('evaluateNmcUsers', () => {
  it('is ok when an enabled administrator has no e-mail, naming it as the candidate', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      firmwareVersion: 'v3.4.0.7',
      users: [admin('alice', 'alice@example.com'), { name: 'apc', email: '', userType: 'Super User', enabled: true }],
    });
    expect(result.status).toBe('ok');
    expect(result.candidates).toEqual(['apc']);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'update-user-found', user: 'apc' }));
  });

  it('is at risk when MFA is on and every user has an e-mail', () => {
    const result = evaluateNmcUsers({ mfaEnabled: true, users: [admin('alice', 'alice@example.com')] });
    expect(result.status).toBe('at-risk');
    expect(result.candidates).toEqual([]);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'no-update-user', severity: 'error' }));
  });

  it('counts a whitespace-only e-mail as blank', () => {
    expect(evaluateNmcUsers({ mfaEnabled: true, users: [admin('apc', ' \t ')] }).status).toBe('ok');
  });

  it('does not count a disabled blank-e-mail user, and says why', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users: [admin('alice', 'a@example.com'), { name: 'svc', email: '', userType: 'Administrator', enabled: false }],
    });
    expect(result.status).toBe('at-risk');
    expect(result.findings).toContainEqual(
      expect.objectContaining({ code: 'blank-email-user-disabled', severity: 'warning', user: 'svc' }),
    );
  });

  it.each([
    'Read-Only User',
    'Device User',
    'Network-Only User',
    'Utilisateur en lecture seule',
    'Utilisateur de périphérique',
    'Utilisateur réseau uniquement',
  ])('does not count a blank-e-mail %s (cannot update firmware)', (userType) => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users: [admin('alice', 'a@example.com'), { name: 'ro', email: '', userType, enabled: true }],
    });
    expect(result.status).toBe('at-risk');
    expect(result.findings).toContainEqual(
      expect.objectContaining({ code: 'blank-email-user-cannot-update-firmware', user: 'ro' }),
    );
  });

  it.each(['Super User', 'Super utilisateur', 'Administrateur', 'ADMINISTRATOR'])('counts a blank-e-mail %s', (t) => {
    expect(
      evaluateNmcUsers({ mfaEnabled: true, users: [{ name: 'x', email: '', userType: t, enabled: true }] }).status,
    ).toBe('ok');
  });

  it('warns about an unknown user type instead of crashing, and never counts it', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users: [{ name: 'outlet', email: '', userType: 'Outlet User', enabled: true }],
    });
    expect(result.status).toBe('unknown');
    expect(result.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['user-type-unrecognised', 'blank-email-user-type-unknown']),
    );
  });

  it('is unknown, naming the users still to check, when e-mails are not known', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users: [admin('alice', 'a@example.com'), admin('bob'), { name: 'ro', userType: 'Read-Only User', enabled: true }],
    });
    expect(result.status).toBe('unknown');
    const missing = result.findings.find((f) => f.code === 'emails-unknown');
    expect(missing?.message).toContain('bob');
    // A read-only user could never be the update account, so its e-mail does not matter.
    expect(missing?.message).not.toContain('ro,');
  });

  it('is ok despite unknown e-mails once a candidate is confirmed', () => {
    expect(evaluateNmcUsers({ mfaEnabled: true, users: [admin('bob'), admin('apc', '')] }).status).toBe('ok');
  });

  it('is not applicable when MFA is off', () => {
    expect(evaluateNmcUsers({ mfaEnabled: false, users: [admin('a', 'a@example.com')] }).status).toBe('not-applicable');
  });

  it.each(['v3.3.0.1', '3.2', 'AOS v2.9.3', 'v1.4'])('is not applicable on firmware %s, older than 3.4', (firmware) => {
    const result = evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: firmware, users: [admin('a', 'a@x.y')] });
    expect(result.status).toBe('not-applicable');
    expect(result.findings[0]?.code).toBe('firmware-before-mfa');
  });

  it.each(['v3.4.0.7', '3.4', 'AOS v3.5.1', 'v3.10', 'v4.0'])(
    'applies with MFA unknown on firmware %s of an NMC3',
    (firmware) => {
      const users = [admin('a', 'a@x.y')];
      expect(
        evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: firmware, generation: 'nmc3', users }).status,
      ).toBe('at-risk');
      expect(
        evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: firmware, model: 'AP9641', users }).status,
      ).toBe('at-risk');
      // An AOS number alone never makes a card an NMC3 (first-generation cards ran AOS 3.x): unknown, never at-risk.
      expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: firmware, users }).status).toBe('unknown');
    },
  );

  it('is unknown when neither MFA nor firmware is known and nobody qualifies', () => {
    expect(codes({ mfaEnabled: 'unknown', users: [admin('a', 'a@x.y')] })).toEqual([
      'mfa-state-unknown',
      'no-update-user',
    ]);
    expect(evaluateNmcUsers({ mfaEnabled: 'unknown', users: [admin('a', 'a@x.y')] }).status).toBe('unknown');
  });

  it('is unknown with a finding when the firmware version cannot be read', () => {
    const result = evaluateNmcUsers({ mfaEnabled: true, firmwareVersion: 'banana', users: [admin('apc', '')] });
    expect(result.status).toBe('unknown');
    expect(result.findings[0]?.code).toBe('firmware-unparseable');
  });

  it('flags MFA reported on firmware that predates MFA', () => {
    const result = evaluateNmcUsers({ mfaEnabled: true, firmwareVersion: 'v3.3', users: [] });
    expect(result.status).toBe('not-applicable');
    expect(result.findings[0]?.code).toBe('firmware-before-mfa-but-mfa-reported');
  });

  it('is at risk with an empty user list when MFA is on', () => {
    expect(codes({ mfaEnabled: true, users: [] })).toEqual(['no-users']);
  });

  it('counts a blank-e-mail administrator whose status was not given, and says so', () => {
    const result = evaluateNmcUsers({ mfaEnabled: true, users: [{ name: 'a', email: '', userType: 'Administrator' }] });
    expect(result.status).toBe('ok');
    expect(result.candidates).toEqual(['a']);
    expect(result.findings.map((f) => f.code)).toContain('blank-email-user-status-unknown');
  });

  it('applies the plain rule when only names and e-mails are known: one blank e-mail is enough', () => {
    const result = evaluateNmcUsers({
      mfaEnabled: true,
      users: [
        { name: 'apc', email: 'apc@example.com' },
        { name: 'fw', email: '   ' },
      ],
    });
    expect(result.status).toBe('ok');
    expect(result.candidates).toEqual(['fw']);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ code: 'blank-email-user-type-unknown', severity: 'warning', user: 'fw' }),
    );
  });

  it('is at risk when only names and e-mails are known and every e-mail is set', () => {
    const result = evaluateNmcUsers({ mfaEnabled: true, users: [{ name: 'apc', email: 'apc@example.com' }] });
    expect(result.status).toBe('at-risk');
  });
});

const knownUser: fc.Arbitrary<NmcUser> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 12 }),
  email: fc.oneof(fc.constant(''), fc.constant('  '), fc.emailAddress()),
  userType: fc.constantFrom('Super User', 'Administrator', 'Device User', 'Read-Only User', 'Network-Only User'),
  enabled: fc.boolean(),
});
const applicable = fc.oneof(
  fc.record({ mfaEnabled: fc.constant(true as const), firmwareVersion: fc.constantFrom(undefined, 'v3.4.0.7', '3.9') }),
  fc.record({
    mfaEnabled: fc.constant('unknown' as const),
    firmwareVersion: fc.constantFrom('v3.4.0.7', 'AOS v3.5.1'),
  }),
);
const isBlank = (user: NmcUser) => user.email !== undefined && user.email.trim() === '';

describe('evaluateNmcUsers properties', () => {
  it('adding an enabled blank-e-mail administrator to any at-risk list makes it ok', () => {
    fc.assert(
      fc.property(applicable, fc.array(knownUser, { maxLength: 20 }), (context, users) => {
        const input = { ...context, users };
        fc.pre(evaluateNmcUsers(input).status === 'at-risk');
        const fixed = evaluateNmcUsers({ ...input, users: [...users, admin('firmware-updates', '')] });
        expect(fixed.status).toBe('ok');
        expect(fixed.candidates).toContain('firmware-updates');
      }),
    );
  });

  it('removing every blank e-mail from an ok list with MFA on makes it at-risk', () => {
    fc.assert(
      fc.property(fc.array(knownUser, { minLength: 1, maxLength: 20 }), fc.boolean(), (users, dropUsers) => {
        const input: NmcEvaluationInput = { mfaEnabled: true, users };
        fc.pre(evaluateNmcUsers(input).status === 'ok');
        // Both readings of "removing": drop those users, or give each of them an address.
        const withoutBlank = dropUsers
          ? users.filter((user) => !isBlank(user))
          : users.map((user) => (isBlank(user) ? { ...user, email: 'now-set@example.com' } : user));
        expect(evaluateNmcUsers({ mfaEnabled: true, users: withoutBlank }).status).toBe('at-risk');
      }),
    );
  });

  it('never answers ok without naming a candidate that really qualifies', () => {
    fc.assert(
      fc.property(applicable, fc.array(knownUser, { maxLength: 20 }), (context, users) => {
        const result = evaluateNmcUsers({ ...context, users });
        expect(result.status === 'ok').toBe(result.candidates.length > 0);
        for (const name of result.candidates) {
          expect(users.some((u) => u.name === name && isBlank(u) && u.enabled === true)).toBe(true);
        }
      }),
    );
  });
});

describe('usersStillToCheck and canUpdateFirmware', () => {
  it('names only users who could still be the update account', () => {
    expect(
      usersStillToCheck([
        { name: 'a', userType: 'Administrator', enabled: true },
        { name: 'b', userType: 'Read-Only User', enabled: true },
        { name: 'c', userType: 'Super User', enabled: false },
        { name: 'd' },
        { name: 'e', email: '', userType: 'Administrator', enabled: true },
      ]),
    ).toEqual(['a', 'd']);
  });

  it('knows which types may update firmware', () => {
    expect(canUpdateFirmware('Super utilisateur')).toBe(true);
    expect(canUpdateFirmware('Device User')).toBe(false);
    expect(canUpdateFirmware('Outlet User')).toBeUndefined();
    expect(canUpdateFirmware(undefined)).toBeUndefined();
  });
});

describe('evaluateNmcUsers with MFA unknown and a firmware version given', () => {
  // Versions are compared part by part as numbers: "3.04" is 3.4 (the cautious reading: the check applies on an
  // NMC3), and a version from another card family (NMC2's v6/v7 line, NMC1's 3.9.2) cannot be told apart from the
  // number alone: without hardware evidence the verdict is unknown, never at-risk.
  it.each([
    ['v3.4.0.7', 'at-risk', 'unknown'],
    ['AOS 3.4.1.2', 'at-risk', 'unknown'],
    ['3.04', 'at-risk', 'unknown'],
    ['7.0.4', 'at-risk', 'unknown'],
    ['3.9.2', 'at-risk', 'unknown'],
    ['v3.3.9.9', 'not-applicable', 'not-applicable'],
  ])(
    'firmware %s with nobody qualifying → %s on an NMC3, %s without hardware evidence',
    (firmwareVersion, onNmc3, alone) => {
      const users = [admin('a', 'a@x.y')];
      expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion, generation: 'nmc3', users }).status).toBe(
        onNmc3,
      );
      expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion, users }).status).toBe(alone);
    },
  );

  it('a first-generation card on AOS 3.9.2 is not applicable (no MFA), never at risk', () => {
    for (const input of [
      { generation: 'nmc1' as const },
      { model: 'AP9619' },
      { model: 'AP9617' },
      { model: 'AP9606' },
    ]) {
      const result = evaluateNmcUsers({
        mfaEnabled: 'unknown',
        firmwareVersion: '3.9.2',
        users: [admin('a', 'a@x.y')],
        ...input,
      });
      expect(result.status).toBe('not-applicable');
      expect(result.findings[0]?.code).toBe('card-without-mfa');
    }
  });

  it("never takes pending values (the confirmation page) as the card's state", () => {
    const users = [admin('a', 'a@x.y'), { ...admin('fw', ''), pending: true }];
    const result = evaluateNmcUsers({ mfaEnabled: true, users });
    expect(result.status).toBe('at-risk');
    expect(result.candidates).toEqual([]);
  });

  it('is ok on v3.4.0.7 with a blank-e-mail administrator, and unknown when e-mails are missing', () => {
    expect(
      evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: 'v3.4.0.7', users: [admin('fw', '')] }).status,
    ).toBe('ok');
    expect(evaluateNmcUsers({ mfaEnabled: 'unknown', firmwareVersion: 'v3.4.0.7', users: [admin('fw')] }).status).toBe(
      'unknown',
    );
  });
});
