/**
 * Where the popup runs a passkey ceremony. A popup closes as soon as it loses focus; on Windows (Windows Hello
 * handles every WebAuthn request) and macOS (the system passkey sheet) the OS dialog takes the focus, so the
 * ceremony runs in a small extension window instead, as the autofill chooser does. Elsewhere (Linux, ChromeOS)
 * the browser's own dialog keeps the popup open.
 */
export type CeremonyPlace = 'popup' | 'window';

export function ceremonyPlace(platform: string): CeremonyPlace {
  return /win|mac|iphone|ipad/i.test(platform) ? 'window' : 'popup';
}

export function currentPlatform(): string {
  const withHints = navigator as Navigator & { userAgentData?: { platform?: string } };
  return withHints.userAgentData?.platform || navigator.platform || '';
}

export const PASSKEY_WINDOW_PATH = '/passkey-unlock.html';
