// hash-wasm's argon2id on its own module: kdf.ts loads it on first use, and a static named import lets
// bundlers keep only argon2id (and the BLAKE2b it needs) of hash-wasm's many algorithms, even where they
// inline dynamic imports (the extension's background script).
export { argon2id } from 'hash-wasm';
