// Hostile import shapes (issue 21's review): each fits in the 16 MiB import cap, yet an unbounded parse costs
// seconds and hundreds of MiB. parseImport must refuse each with INPUT_TOO_LARGE in ≤ 500 ms. The peer, measured
// in the same run, is the unbounded parse of the same text (JSON.parse, or a plain split of the CSV row), which
// is what an import did before the structure bounds. Run: node test/bench/import-limits.bench.ts (after building
// packages). Node here; the extension pages run the same code in V8.

import { IMPORT_BOUNDS, isVaultError, parseImport } from '@mfa-companion/vault';

const LIMIT_MS = 500;
const RUNS = 3;

interface Shape {
  name: string;
  text: string;
  /** The unbounded parse of the same text, for the ratio. */
  peer(text: string): unknown;
}

const depth = 8_000_000;
const shapes: Shape[] = [
  {
    name: '8M-level nested array',
    text: `${'['.repeat(depth)}${']'.repeat(depth)}`,
    peer: (text) => JSON.parse(text),
  },
  {
    name: 'CSV row with 8M empty fields',
    text: `name,login_totp,login_uri\n${','.repeat(8_000_000)}`,
    peer: (text) => text.split('\n').map((line) => line.split(',')),
  },
  {
    name: 'JSON list of 4M numbers',
    text: `[${'0,'.repeat(4_000_000)}0]`,
    peer: (text) => JSON.parse(text),
  },
  {
    name: 'otpauth list of 8M junk lines',
    text: `otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n${'x\n'.repeat(8_000_000)}`,
    peer: (text) => text.split(/\r?\n/),
  },
  {
    name: 'CSV of 5M two-field rows',
    text: `name,totp\n${'\n,'.repeat(5_000_000)}`,
    peer: (text) => text.split('\n').map((line) => line.split(',')),
  },
  {
    name: 'Bitwarden JSON with 1M empty items',
    text: `{"items":[${'{},'.repeat(1_000_000)}{}],"folders":[]}`,
    peer: (text) => JSON.parse(text),
  },
];

async function timeRefusal(text: string): Promise<number> {
  const started = performance.now();
  try {
    await parseImport(text);
  } catch (error) {
    if (!isVaultError(error, 'INPUT_TOO_LARGE')) throw error;
    return performance.now() - started;
  }
  throw new Error('the hostile file was accepted');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

console.log(`IMPORT_BOUNDS: ${JSON.stringify(IMPORT_BOUNDS)}`);
console.log('shape                                | refused in | unbounded parse | ratio');
let failed = false;
for (const shape of shapes) {
  const ours: number[] = [];
  const peer: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(await timeRefusal(shape.text));
    const started = performance.now();
    try {
      shape.peer(shape.text);
    } catch {
      // A RangeError (stack) still took its time.
    }
    peer.push(performance.now() - started);
  }
  const [mine, theirs] = [median(ours), median(peer)];
  const verdict = mine <= LIMIT_MS ? 'ok' : `OVER ${LIMIT_MS} ms`;
  if (mine > LIMIT_MS) failed = true;
  console.log(
    `${shape.name.padEnd(36)} | ${mine.toFixed(0).padStart(7)} ms | ${theirs.toFixed(0).padStart(12)} ms | ${(theirs / mine).toFixed(1).padStart(5)}  ${verdict}`,
  );
}
process.exitCode = failed ? 1 : 0;
