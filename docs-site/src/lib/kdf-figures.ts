import { DEFAULT_KDF, KDF_REFERENCES, type KdfCost, OWN_KDF_FLOOR, PREVIOUS_DEFAULT_KDF } from '@mfa-companion/vault';
import type { Lang } from './locale.ts';

/** Argon2id settings as the docs show them: memory, passes (t) and lanes (p). */
interface Argon2idSetting {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

function argon2id(cost: KdfCost): Argon2idSetting {
  if (cost.algorithm !== 'argon2id') throw new Error(`Expected argon2id settings, got ${cost.algorithm}`);
  return cost;
}

/**
 * Every key-derivation setting the docs quote, from `@mfa-companion/vault` itself: the page states what the
 * extension really does, and changes the day the vault's constants do.
 */
export const KDF_SETTINGS = {
  default: argon2id(DEFAULT_KDF),
  floor: {
    memoryKiB: OWN_KDF_FLOOR.argon2idMemoryKiB,
    iterations: OWN_KDF_FLOOR.argon2idIterations,
    parallelism: 1,
  },
  previousDefault: argon2id(PREVIOUS_DEFAULT_KDF),
  bitwarden: argon2id(KDF_REFERENCES.bitwarden),
  owaspMinimum: argon2id(KDF_REFERENCES.owaspMinimum),
} as const satisfies Record<string, Argon2idSetting>;

export type KdfSetting = keyof typeof KDF_SETTINGS;

/** "64 MiB" / "64 Mio" (French writes mébioctets as Mio), with a no-break space. */
export function formatMemory(memoryKiB: number, lang: Lang): string {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(memoryKiB / 1024);
  return `${number}\u00a0${lang === 'fr' ? 'Mio' : 'MiB'}`;
}

/** One setting in a line: "argon2id, m = 64 MiB, t = 3, p = 4". */
export function kdfFigure(name: KdfSetting, lang: Lang): string {
  const { memoryKiB, iterations, parallelism } = KDF_SETTINGS[name];
  return `argon2id, m\u00a0=\u00a0${formatMemory(memoryKiB, lang)}, t\u00a0=\u00a0${iterations}, p\u00a0=\u00a0${parallelism}`;
}

/** scrypt's floor for our own files, as a power of two (N = 2^15) with r. */
export const SCRYPT_FLOOR = { log2N: Math.log2(OWN_KDF_FLOOR.scryptN), r: OWN_KDF_FLOOR.scryptR } as const;
