/**
 * What the extension keeps about each NMC it has read (storage.local, one `nmc:host:<origin>` key per card), field by
 * field, so the docs' privacy page lists exactly what is stored. Side-effect free: the docs site imports it.
 * A field added to `HostKnowledge` or `KnownUser` and missing here fails to compile (the checks below).
 */
import type { HostKnowledge, KnownUser } from './types';

export const STORED_HOST_FIELDS = [
  'origin',
  'users',
  'mfa',
  'firmwareVersion',
  'firmwareSource',
  'listPages',
  'model',
  'generation',
  'updatedAt',
] as const satisfies readonly (keyof HostKnowledge)[];

/** Per known user of a card. `email` is only 'blank', 'set' or 'unknown': the address itself is never stored. */
export const STORED_USER_FIELDS = [
  'name',
  'email',
  'userType',
  'enabled',
  'page',
] as const satisfies readonly (keyof KnownUser)[];

export type StoredHostField = (typeof STORED_HOST_FIELDS)[number];
export type StoredUserField = (typeof STORED_USER_FIELDS)[number];

type Unlisted<T, Listed extends PropertyKey> = Exclude<keyof T, Listed>;
/** Compile-time proof that every key of the stored types is listed (a missing one makes the type `false`). */
export const STORED_FIELDS_COMPLETE: [Unlisted<HostKnowledge, StoredHostField>] extends [never]
  ? [Unlisted<KnownUser, StoredUserField>] extends [never]
    ? true
    : false
  : false = true;
