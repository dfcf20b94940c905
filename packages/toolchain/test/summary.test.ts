import { describe, expect, it } from 'vitest';
import { Tally } from '../src/summary.mjs';

describe('Tally', () => {
  it('ends with the closing line CI reads', () => {
    const tally = new Tally();
    tally.check('lint', true);
    tally.vitest('tests otp', 0, { numPassedTests: 41, numFailedTests: 0, numFailedTestSuites: 0 });
    const lines = tally.report().split('\n');
    expect(lines.at(-1)).toBe('42 passed, 0 failed');
  });

  it('counts failing tests and failing suites', () => {
    const tally = new Tally();
    tally.vitest('tests x', 1, { numPassedTests: 3, numFailedTests: 2, numFailedTestSuites: 1 });
    expect(tally.report().split('\n').at(-1)).toBe('3 passed, 3 failed');
  });

  it('turns a crashed runner into a failure even without a report', () => {
    const tally = new Tally();
    tally.vitest('tests y', 1, undefined);
    expect(tally.failed).toBe(1);
  });

  it('refuses a suite that ran no test at all', () => {
    const tally = new Tally();
    tally.vitest('tests z', 0, { numPassedTests: 0, numFailedTests: 0, numFailedTestSuites: 0 });
    expect(tally.failed).toBe(1);
  });

  it('counts a failed check once', () => {
    const tally = new Tally();
    tally.check('typecheck', false);
    expect(tally.report()).toContain('FAIL typecheck');
    expect(tally.report().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});
