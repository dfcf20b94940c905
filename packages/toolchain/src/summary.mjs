/** One line per step; tests are counted one by one, other checks as one each. */
export class Tally {
  passed = 0;
  failed = 0;
  lines = [];

  check(name, ok) {
    if (ok) this.passed += 1;
    else this.failed += 1;
    this.lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  }

  /** `report` is Vitest's JSON report, or undefined when the runner wrote none. */
  vitest(name, status, report) {
    const passed = report?.numPassedTests ?? 0;
    let failed = (report?.numFailedTests ?? 0) + (report?.numFailedTestSuites ?? 0);
    // A runner that crashed, or failed outside any test, still counts as a failure.
    if (status !== 0 && failed === 0) failed = 1;
    if (passed + failed === 0) failed = 1; // a suite that ran nothing proves nothing
    this.passed += passed;
    this.failed += failed;
    this.lines.push(`${failed === 0 ? 'ok  ' : 'FAIL'} ${name}: ${passed} passed, ${failed} failed`);
  }

  /** The closing line CI reads: `N passed, N failed`, alone on the last line. */
  report() {
    return [...this.lines, `${this.passed} passed, ${this.failed} failed`].join('\n');
  }
}
