/** Path of the system Firefox ESR (`FIREFOX_PATH` first), or undefined when none is installed. */
export function findFirefox(): string | undefined;
/** Installs Debian's firefox-esr when missing and possible; throws with the exact install command otherwise. */
export function ensureFirefox(): void;
