// The KDF comparison both benchmarks run: in Node (bench/kdf.bench.ts) and, unchanged, inside a Chromium
// page (test/bench/kdf.bench.ts passes this very function to page.evaluate). So it is self-contained: it
// imports the two implementations from the module URLs it is given and closes over nothing.

export interface KdfCase {
  name: string;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface KdfCaseResult extends KdfCase {
  /** Median milliseconds of our deriveArgon2id (hash-wasm, WebAssembly). */
  hashWasm: number;
  /** Median milliseconds of @noble/hashes' argon2idAsync (pure JavaScript). */
  noble: number;
}

export interface MeasureOptions {
  /** URL of the built vault's kdf.js (exports deriveArgon2id). */
  kdfModule: string;
  /** URL of @noble/hashes' argon2.js (exports argon2idAsync). */
  nobleModule: string;
  cases: KdfCase[];
  runs: number;
}

export async function measureKdfCases(options: MeasureOptions): Promise<KdfCaseResult[]> {
  const { deriveArgon2id } = await import(options.kdfModule);
  const { argon2idAsync } = await import(options.nobleModule);
  const salt = new Uint8Array(16).fill(7);
  const password = 'correct horse battery staple';
  const implementations = {
    hashWasm: (c: KdfCase) => deriveArgon2id(password, salt, c),
    noble: (c: KdfCase) => argon2idAsync(password, salt, { m: c.memoryKiB, t: c.iterations, p: c.parallelism }),
  };
  const names = ['hashWasm', 'noble'] as const;
  const times = options.cases.map(() => ({ hashWasm: [] as number[], noble: [] as number[] }));
  // Round 0 warms up (module compile, JIT); later rounds alternate the two so both see the same load.
  for (let round = 0; round <= options.runs; round++) {
    for (const [index, kdfCase] of options.cases.entries()) {
      const order = round % 2 === 0 ? names : ([...names].reverse() as (typeof names)[number][]);
      for (const name of order) {
        const started = performance.now();
        const key = await implementations[name](kdfCase);
        const elapsed = performance.now() - started;
        if (key.length !== 32) throw new Error(`${name} returned ${key.length} bytes`);
        if (round > 0) times[index]?.[name].push(elapsed);
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return options.cases.map((kdfCase, index) => ({
    ...kdfCase,
    hashWasm: median(times[index]?.hashWasm ?? []),
    noble: median(times[index]?.noble ?? []),
  }));
}

/** The settings compared: OWASP's minimum (our floor), the previous default, the current default. */
export const KDF_CASES: KdfCase[] = [
  { name: 'OWASP minimum m=19 MiB t=2 p=1', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
  { name: 'previous default m=32 MiB t=2 p=1', memoryKiB: 32 * 1024, iterations: 2, parallelism: 1 },
  { name: 'default m=64 MiB t=3 p=4', memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 },
];

/** The printed table: both figures and the ratio per setting, then unlock time before → after. */
export function formatKdfResults(where: string, results: KdfCaseResult[], runs: number): string {
  const lines = [`argon2id in ${where} (median of ${runs}; hash-wasm = what the vault runs, noble = @noble/hashes)`];
  for (const result of results) {
    lines.push(
      `  ${result.name.padEnd(36)} hash-wasm ${result.hashWasm.toFixed(0).padStart(5)} ms   ` +
        `noble ${result.noble.toFixed(0).padStart(5)} ms   ratio noble/hash-wasm ${(result.noble / result.hashWasm).toFixed(2)}`,
    );
  }
  const before = results.find((result) => result.name.startsWith('previous default'));
  const after = results.find((result) => result.name.startsWith('default'));
  if (before && after) {
    lines.push(
      `  unlock KDF before (previous default, noble) ${before.noble.toFixed(0)} ms → after (default, hash-wasm) ` +
        `${after.hashWasm.toFixed(0)} ms; ratio after/before ${(after.hashWasm / before.noble).toFixed(2)} ` +
        `(target ≤ 1, unlock within the previous wait: ${after.hashWasm <= before.noble ? 'met' : 'missed'})`,
    );
  }
  return lines.join('\n');
}
