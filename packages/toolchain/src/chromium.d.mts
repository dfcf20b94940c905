/** Path of the system Chromium (`CHROMIUM_PATH` first), or undefined when none is installed. */
export function findChromium(): string | undefined;
/** Installs Debian's chromium when missing and possible; throws with the exact install command otherwise. */
export function ensureChromium(): void;
