import { VaultError } from '../errors.js';
import { isRecord } from './util.js';

/** Which recognised-but-unreadable file it is: the extension shows a translated sentence for each. */
export type UnsupportedImportKind =
  | 'app-database'
  | 'freeotp-backup'
  | 'freeotp-xml'
  | 'zip'
  | 'keepass'
  | 'image'
  | 'authenticator-pro'
  | 'pdf'
  | 'gzip'
  | 'authy'
  | 'xml'
  | 'ente-encrypted'
  | 'bitwarden-encrypted'
  | 'openpgp';

/** UNSUPPORTED_IMPORT for a file we recognise: `kind` names it, the English message says what to export instead. */
export class UnsupportedImportError extends VaultError {
  constructor(
    readonly kind: UnsupportedImportKind,
    message: string,
  ) {
    super('UNSUPPORTED_IMPORT', message);
  }
}

/*
 * Files people pick when leaving an app whose export we cannot read (or that is not an export at all). Each
 * gets a message naming what it is and what to export instead, never "unrecognised file".
 */

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

const BINARY_KINDS: Array<{ kind: UnsupportedImportKind; magic: readonly number[]; message: string }> = [
  {
    kind: 'app-database',
    magic: ascii('SQLite format 3\0'),
    message:
      "This is an app's internal database (SQLite), such as Google Authenticator's or Microsoft Authenticator's copied from a phone. It cannot be imported. In Google Authenticator, use Transfer accounts → Export accounts and scan the QR codes it shows (or save them as images and add them here). Microsoft Authenticator has no export: show each account's QR code on its website again (security settings, set up an authenticator app) and add it here.",
  },
  {
    kind: 'freeotp-backup',
    magic: [0xac, 0xed, 0x00, 0x05],
    message:
      'This is a FreeOTP backup (Java serialised, encrypted with a key FreeOTP keeps in the phone). It cannot be imported. Import it into Aegis (which reads FreeOTP backups) or FreeOTP+, export a plain JSON or otpauth:// list from there, and import that file.',
  },
  {
    kind: 'zip',
    magic: [0x50, 0x4b, 0x03, 0x04],
    message:
      'This is a ZIP archive. Extract it and import the export file inside (for example the .json or .csv file of a Bitwarden or Proton Pass export).',
  },
  {
    kind: 'keepass',
    magic: [0x03, 0xd9, 0xa2, 0x9a],
    message:
      'This is a KeePass database (.kdbx). In KeePassXC, use Database → Export → CSV file and import that file (its TOTP column is read).',
  },
  {
    kind: 'image',
    magic: [0x89, 0x50, 0x4e, 0x47],
    message: 'This is a PNG image. To add the QR codes in it, use Add account → Scan an image in the popup.',
  },
  {
    kind: 'image',
    magic: [0xff, 0xd8, 0xff],
    message: 'This is a JPEG image. To add the QR codes in it, use Add account → Scan an image in the popup.',
  },
  {
    kind: 'authenticator-pro',
    magic: ascii('AUTHENTICATORPRO'),
    message:
      'This is an encrypted Authenticator Pro backup. In Authenticator Pro, export again as a URI list (.txt) and import that file.',
  },
  {
    kind: 'pdf',
    magic: ascii('%PDF'),
    message:
      'This is a PDF document. Import the export file of your authenticator app instead (JSON, CSV or a text file of otpauth:// links).',
  },
  {
    kind: 'gzip',
    magic: [0x1f, 0x8b],
    message: 'This is a gzip-compressed file. Decompress it first, then import the file inside.',
  },
];

/** A recognised binary file we cannot import, as an UNSUPPORTED_IMPORT error; undefined when not recognised. */
export function recogniseBinary(bytes: Uint8Array): UnsupportedImportError | undefined {
  const kind = BINARY_KINDS.find(({ magic }) => startsWith(bytes, magic));
  return kind && new UnsupportedImportError(kind.kind, kind.message);
}

/** Recognised text files (XML, JSON shapes) we cannot import. */
export function recogniseText(text: string): VaultError | undefined {
  const head = text.slice(0, 4096);
  if (head.startsWith('-----BEGIN PGP MESSAGE-----')) {
    return new UnsupportedImportError(
      'openpgp',
      "This file is encrypted with OpenPGP (for example andOTP's OpenPGP backup). Decrypt it with your OpenPGP key first (gpg --decrypt), then import the decrypted file.",
    );
  }
  if (/com\.authy\.storage|authy/i.test(head) && head.startsWith('<')) {
    return new UnsupportedImportError('authy', AUTHY);
  }
  if (head.startsWith('<?xml') || head.startsWith('<map')) {
    if (/freeotp|tokenOrder/i.test(head)) {
      return new UnsupportedImportError(
        'freeotp-xml',
        "This is FreeOTP's internal token file (XML). Export from FreeOTP+ (Settings → Export → JSON) or import it into Aegis and export from there, then import that file.",
      );
    }
    return new UnsupportedImportError(
      'xml',
      'This is an XML file, which no supported app exports. Import a JSON, CSV or otpauth:// text export of your authenticator app instead.',
    );
  }
  return undefined;
}

const AUTHY =
  'This is Authy data. Authy has no export and its files cannot be imported. For each account, turn two-factor authentication off and on again on the website (or ask it for a new QR code) and add that QR code here; keep Authy until every account is moved.';

/** JSON exports we recognise but cannot read. */
export function recogniseJson(json: Record<string, unknown>): VaultError | undefined {
  // Ente Auth encrypted export: {version, kdfParams: {memLimit, opsLimit, salt}, encryptedData, encryptionNonce}.
  if (isRecord(json.kdfParams) && typeof json.encryptedData === 'string') {
    return new UnsupportedImportError(
      'ente-encrypted',
      'This is an encrypted Ente Auth export, which cannot be read yet. In Ente Auth, use Data → Export codes → Plain text, import that file, then delete it.',
    );
  }
  if (Array.isArray(json.authenticator_tokens) || Array.isArray(json.authy) || typeof json.authy_id !== 'undefined') {
    return new UnsupportedImportError('authy', AUTHY);
  }
  // Authenticator Pro plain JSON backup: {Authenticators: [...], Categories: [...]}.
  if (Array.isArray(json.Authenticators)) {
    return new UnsupportedImportError(
      'authenticator-pro',
      'This is an Authenticator Pro backup. In Authenticator Pro, export as a URI list (.txt) and import that file.',
    );
  }
  return undefined;
}
