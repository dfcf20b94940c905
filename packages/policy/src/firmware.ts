/** AOS firmware versions as the NMC shows them: "v3.4.0.7", "3.4", "AOS v3.5.1", "APC OS(AOS) v2.9.3". */
export interface FirmwareVersion {
  /** Numeric parts, most significant first, at least two. */
  readonly parts: readonly number[];
  /** The version as found, without the surrounding label. */
  readonly text: string;
}

const VERSION_PATTERN = /(?:^|[^\p{L}\p{N}.])v?(\d{1,6}(?:\.\d{1,6}){1,4})(?![\d.]*\d)/iu;
/** A whole value that is one number ("v4", "AOS 4"): a major version with no minor part. */
const MAJOR_ONLY_PATTERN = /^(?:(?:apc )?(?:os|aos)\s*)?v?\s*(\d{1,3})$/iu;

/** The first dotted version number in `text`, or `undefined` when there is none. */
export function parseFirmwareVersion(text: string): FirmwareVersion | undefined {
  if (typeof text !== 'string' || text.length > 500) return undefined;
  const match = VERSION_PATTERN.exec(text);
  const version = match?.[1];
  if (version === undefined) {
    const major = MAJOR_ONLY_PATTERN.exec(text.trim())?.[1];
    return major === undefined ? undefined : { parts: [Number(major), 0], text: major };
  }
  return { parts: version.split('.').map(Number), text: version };
}

/** Numeric comparison, missing parts counting as 0 ("3.4" equals "3.4.0.0", "3.10" is after "3.9"). */
export function compareFirmwareVersions(a: FirmwareVersion, b: FirmwareVersion): number {
  const length = Math.max(a.parts.length, b.parts.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
