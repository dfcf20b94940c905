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

interface SubtleCryptoSubset {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: 'AES-GCM',
    extractable: false,
    usages: Array<'encrypt' | 'decrypt'>,
  ): Promise<AesKeyHandle>;
  encrypt(algorithm: AesGcmOptions, key: AesKeyHandle, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmOptions, key: AesKeyHandle, data: Uint8Array): Promise<ArrayBuffer>;
}

interface Platform {
  crypto: {
    subtle?: SubtleCryptoSubset;
    getRandomValues<T extends Uint8Array>(array: T): T;
    randomUUID(): string;
  };
  TextEncoder: new () => { encode(input: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(input: Uint8Array): string };
  URL: new (url: string) => { protocol: string; origin: string };
  btoa(data: string): string;
  atob(data: string): string;
}

export const platform = globalThis as unknown as Platform;
export type { AesGcmOptions };
