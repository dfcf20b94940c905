import {
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  type NewPasskey,
  newPrfSalt,
  type PasskeyAttachment,
  type SlotSummary,
} from '@mfa-companion/vault';
import { PASSKEY_UNLOCK_SUPPORT, type SupportedBrowser } from '../browser-support';
import type { PasskeyUnlockPolicy } from '../managed/policy';

/**
 * WebAuthn with the PRF extension, for the extension's own origin (no rp.id: the browser uses the extension's).
 * There is no server: nothing checks the signature, the challenge is random only because the API wants one. What
 * protects the vault is the PRF output, which only that authenticator (after user verification) can compute for
 * the stored salt; it is used at once to unwrap the vault key and never stored.
 */

export type PasskeyErrorCode =
  /** The browser build cannot run WebAuthn in extension pages (Firefox), or the API is missing. */
  | 'PASSKEY_NOT_AVAILABLE'
  /** The authenticator made the credential but cannot compute PRF outputs (no hmac-secret). */
  | 'PASSKEY_NO_PRF'
  /** The user cancelled, the dialog timed out, or no allowed authenticator answered. */
  | 'PASSKEY_CANCELLED'
  /** The organisation allows security keys only, and this one reported itself as built in. */
  | 'PASSKEY_NOT_SECURITY_KEY'
  /** The organisation does not allow unlocking with a passkey. */
  | 'PASSKEY_FORBIDDEN';

export class PasskeyError extends Error {
  override readonly name = 'PasskeyError';
  constructor(
    readonly code: PasskeyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const CEREMONY_TIMEOUT_MS = 120_000;

export function currentBrowser(): SupportedBrowser {
  return import.meta.env.FIREFOX ? 'firefox' : 'chrome';
}

/** Whether this build and this page can run the ceremony at all (the authenticator's PRF is only known after). */
export function passkeysAvailable(): boolean {
  return (
    PASSKEY_UNLOCK_SUPPORT[currentBrowser()] &&
    typeof navigator !== 'undefined' &&
    typeof navigator.credentials?.create === 'function' &&
    typeof PublicKeyCredential !== 'undefined'
  );
}

/** The passkeys the policy lets the popup offer: all, only security keys, or none. */
export function allowedPasskeys(
  passkeys: SlotSummary['passkeys'],
  policy: PasskeyUnlockPolicy | undefined,
): SlotSummary['passkeys'] {
  if (policy === 'forbidden') return [];
  if (policy === 'security-keys-only') return passkeys.filter((passkey) => passkey.attachment === 'cross-platform');
  return passkeys;
}

function asCeremonyError(error: unknown): PasskeyError {
  if (error instanceof PasskeyError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'SecurityError' || name === 'NotSupportedError') {
    return new PasskeyError('PASSKEY_NOT_AVAILABLE', 'This browser cannot use passkeys here.', { cause: error });
  }
  return new PasskeyError('PASSKEY_CANCELLED', 'The passkey request was cancelled or timed out.', { cause: error });
}

function attachmentOf(credential: PublicKeyCredential): PasskeyAttachment {
  const value = credential.authenticatorAttachment;
  return value === 'platform' || value === 'cross-platform' ? value : 'unknown';
}

interface PrfResults {
  enabled?: boolean;
  results?: { first?: BufferSource };
}

function prfOutputOf(credential: PublicKeyCredential): { enabled?: boolean; output?: Uint8Array } {
  const prf = (credential.getClientExtensionResults() as { prf?: PrfResults }).prf;
  const first = prf?.results?.first;
  const output =
    first instanceof ArrayBuffer
      ? new Uint8Array(first)
      : first && ArrayBuffer.isView(first)
        ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength)
        : undefined;
  return { ...(prf?.enabled === undefined ? {} : { enabled: prf.enabled }), ...(output ? { output } : {}) };
}

const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

/**
 * Creates a credential for the extension's origin with PRF and user verification required, and returns what a
 * passkey slot needs. Authenticators that return the PRF output only on use get one more (same) ceremony.
 */
export async function registerPasskey(options: {
  userName: string;
  label: string;
  policy?: PasskeyUnlockPolicy;
  now?: number;
}): Promise<NewPasskey> {
  if (options.policy === 'forbidden') {
    throw new PasskeyError('PASSKEY_FORBIDDEN', 'Your organisation does not allow unlocking with a passkey.');
  }
  if (!passkeysAvailable()) throw new PasskeyError('PASSKEY_NOT_AVAILABLE', 'This browser cannot use passkeys here.');
  const prfSalt = newPrfSalt();
  let credential: PublicKeyCredential;
  try {
    credential = (await navigator.credentials.create({
      publicKey: {
        challenge: random(32),
        rp: { name: 'MFA Companion' },
        user: { id: random(16), name: options.userName, displayName: options.userName },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: {
          userVerification: 'required',
          residentKey: 'discouraged',
          ...(options.policy === 'security-keys-only' ? { authenticatorAttachment: 'cross-platform' as const } : {}),
        },
        timeout: CEREMONY_TIMEOUT_MS,
        extensions: { prf: { eval: { first: prfSalt } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential;
  } catch (error) {
    throw asCeremonyError(error);
  }
  if (!credential) throw new PasskeyError('PASSKEY_CANCELLED', 'No credential was created.');
  const attachment = attachmentOf(credential);
  const credentialId = new Uint8Array(credential.rawId);
  if (options.policy === 'security-keys-only' && attachment !== 'cross-platform') {
    await forgetCredential(credentialId);
    throw new PasskeyError('PASSKEY_NOT_SECURITY_KEY', 'Only security keys are allowed by your organisation.');
  }
  const created = prfOutputOf(credential);
  if (created.enabled === false) {
    await forgetCredential(credentialId);
    throw new PasskeyError('PASSKEY_NO_PRF', 'This passkey or security key cannot unlock the vault (no PRF support).');
  }
  const prfOutput =
    created.output ??
    (
      await requestPrfOutput([
        { id: '', credentialId: bytesToBase64Url(credentialId), prfSalt: bytesToBase64(prfSalt) },
      ]).catch((error: unknown) => {
        // Made, but no output on use either: this authenticator cannot do PRF.
        throw error instanceof PasskeyError && error.code === 'PASSKEY_NO_PRF' ? error : asCeremonyError(error);
      })
    ).prfOutput;
  return {
    credentialId,
    prfSalt,
    prfOutput,
    attachment,
    label: options.label,
    createdAt: options.now ?? Date.now(),
  };
}

/**
 * A credential made but not kept (no PRF, or not allowed by policy): tells the authenticator's credential manager it
 * is unknown, where the browser has the Signal API (Chromium 132+), so it does not linger in the user's passkey
 * list. Best effort: nothing depends on it.
 */
async function forgetCredential(credentialId: Uint8Array): Promise<void> {
  const signal = (
    PublicKeyCredential as unknown as {
      signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void>;
    }
  ).signalUnknownCredential;
  await signal
    ?.call(PublicKeyCredential, { rpId: location.hostname, credentialId: bytesToBase64Url(credentialId) })
    .catch(() => undefined);
}

/**
 * Asks for any of `passkeys` (user verification required) and returns which slot answered and its PRF output
 * for that slot's salt (`evalByCredential`: each passkey has its own salt).
 */
export async function requestPrfOutput(
  passkeys: ReadonlyArray<Pick<SlotSummary['passkeys'][number], 'id' | 'credentialId' | 'prfSalt'>>,
): Promise<{ slotId: string; prfOutput: Uint8Array }> {
  if (!passkeysAvailable()) throw new PasskeyError('PASSKEY_NOT_AVAILABLE', 'This browser cannot use passkeys here.');
  const evalByCredential = Object.fromEntries(
    passkeys.map((passkey) => [passkey.credentialId, { first: base64ToBytes(passkey.prfSalt) }]),
  );
  let assertion: PublicKeyCredential;
  try {
    assertion = (await navigator.credentials.get({
      publicKey: {
        challenge: random(32),
        allowCredentials: passkeys.map((passkey) => ({
          type: 'public-key' as const,
          id: base64UrlToBytes(passkey.credentialId) as Uint8Array<ArrayBuffer>,
        })),
        userVerification: 'required',
        timeout: CEREMONY_TIMEOUT_MS,
        extensions: { prf: { evalByCredential } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential;
  } catch (error) {
    throw asCeremonyError(error);
  }
  if (!assertion) throw new PasskeyError('PASSKEY_CANCELLED', 'No passkey answered.');
  const usedId = bytesToBase64Url(new Uint8Array(assertion.rawId));
  const passkey = passkeys.find((candidate) => candidate.credentialId === usedId);
  const { output } = prfOutputOf(assertion);
  if (!passkey) throw new PasskeyError('PASSKEY_CANCELLED', 'A passkey that is not in this vault answered.');
  if (!output) throw new PasskeyError('PASSKEY_NO_PRF', 'This passkey returned no PRF output.');
  return { slotId: passkey.id, prfOutput: output };
}
