/**
 * The few web-platform globals the vault uses, typed locally: the package compiles without DOM or Node
 * typings, and runs unchanged in Node 22+, browsers and extension service workers, which all provide them.
 */
export interface AesKeyHandle {
  readonly type: string;
}

interface AesGcmOptions {
  name: 'AES-GCM';
  iv: Uint8Array;
  tagLength: number;
  additionalData?: Uint8Array;
}

/** AES-256-CBC with PKCS#7 padding: only for reading other apps' files (CryptoJS / OpenSSL format). */
interface AesCbcOptions {
  name: 'AES-CBC';
  iv: Uint8Array;
}

interface Pbkdf2Options {
  name: 'PBKDF2';
  hash: 'SHA-1' | 'SHA-256' | 'SHA-512';
  salt: Uint8Array;
  iterations: number;
}

interface SubtleCryptoSubset {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: 'AES-GCM' | 'AES-CBC',
    extractable: false,
    usages: Array<'encrypt' | 'decrypt'>,
  ): Promise<AesKeyHandle>;
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: 'PBKDF2',
    extractable: false,
    usages: Array<'deriveBits'>,
  ): Promise<AesKeyHandle>;
  encrypt(algorithm: AesGcmOptions | AesCbcOptions, key: AesKeyHandle, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmOptions | AesCbcOptions, key: AesKeyHandle, data: Uint8Array): Promise<ArrayBuffer>;
  deriveBits(algorithm: Pbkdf2Options, key: AesKeyHandle, length: number): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

interface Platform {
  crypto: {
    subtle?: SubtleCryptoSubset;
    getRandomValues<T extends Uint8Array>(array: T): T;
    randomUUID(): string;
  };
  TextEncoder: new () => { encode(input: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(input: Uint8Array): string };
  URL: new (url: string) => { protocol: string; origin: string; hostname: string };
  btoa(data: string): string;
  atob(data: string): string;
}

export const platform = globalThis as unknown as Platform;
export type { AesGcmOptions };
