import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(new URL('../dist/index.js', import.meta.url));

// Other workspaces consume the compiled package; this checks the exports map and the emitted ESM from
// plain Node (no Vite transform). Skipped until `pnpm --dir packages/otp build` has produced dist/.
describe.skipIf(!built)('built package (dist/)', () => {
  it('is importable as @mfa-companion/otp from plain Node and computes RFC codes', () => {
    const script = `
      import { hotp, totp, base32Decode, parseOtpauthUri, OtpError } from '@mfa-companion/otp';
      const secret = new TextEncoder().encode('12345678901234567890');
      let code = 'none';
      try { parseOtpauthUri('nope'); } catch (error) { code = error instanceof OtpError ? error.code : 'wrong'; }
      console.log(JSON.stringify([hotp({ secret, counter: 0 }), totp({ secret, time: 59000, digits: 8 }),
        base32Decode('MZXW6YTBOI').length, code]));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['755224', '94287082', 6, 'INVALID_URI']);
  });

  it('ships type declarations', () => {
    expect(existsSync(new URL('../dist/index.d.ts', import.meta.url))).toBe(true);
  });
});
