// argon2id unlock cost in Node: the vault's hash-wasm path against @noble/hashes (the peer, and the
// implementation the previous release used) for the same settings, in one run. test/bench/kdf.bench.ts runs
// the same comparison in Chromium. Uses the built package (run `pnpm build` first): Node strips types but
// does not remap .js imports.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { formatKdfResults, KDF_CASES, measureKdfCases } from './measure-kdf.ts';

const RUNS = 5;
const require = createRequire(import.meta.url);
const results = await measureKdfCases({
  kdfModule: new URL('../dist/kdf.js', import.meta.url).href,
  nobleModule: pathToFileURL(require.resolve('@noble/hashes/argon2.js')).href,
  cases: KDF_CASES,
  runs: RUNS,
});
console.log(formatKdfResults(`Node ${process.version}`, results, RUNS));
