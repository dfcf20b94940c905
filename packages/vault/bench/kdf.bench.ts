// Unlock cost with the stored default parameters and two alternatives, measured in one run.
// Uses the built package (run `pnpm build` first): Node strips types but does not remap .js imports.
import { DEFAULT_KDF, deriveKey, type KdfCost } from '../dist/index.js';

const salt = new Uint8Array(16).fill(7);
const candidates: Array<[string, KdfCost]> = [
  ['default argon2id m=32MiB t=2', DEFAULT_KDF],
  ['peer: scrypt N=2^17 r=8', { algorithm: 'scrypt', N: 2 ** 17, r: 8, p: 1 }],
  [
    'peer: OWASP-min argon2id m=19MiB t=2',
    { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
  ],
];
const results: number[] = [];
for (const [name, cost] of candidates) {
  await deriveKey('warm-up passphrase', cost, salt);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    await deriveKey('correct horse battery staple', cost, salt);
    times.push(performance.now() - started);
  }
  const median = times.sort((a, b) => a - b)[1] as number;
  results.push(median);
  console.log(`${name.padEnd(40)} ${median.toFixed(0)} ms (median of 3)`);
}
console.log(`ratio default / scrypt peer: ${((results[0] as number) / (results[1] as number)).toFixed(2)}`);
