import { VaultError } from '../errors.js';
import { IMPORT_BOUNDS } from '../kdf.js';

/*
 * The structure bounds of IMPORT_BOUNDS (kdf.ts, next to KDF_BOUNDS) applied before a file is parsed: one pass
 * over the characters, no allocation, so an import file that would take seconds and hundreds of MiB to parse
 * is refused in milliseconds.
 */

function tooLarge(message: string): VaultError {
  return new VaultError('INPUT_TOO_LARGE', message);
}

/** When a parse started at `startedAt` must give up. */
export function parseDeadline(startedAt = Date.now()): number {
  return startedAt + IMPORT_BOUNDS.maxParseMs;
}

export function assertBeforeDeadline(deadline: number): void {
  if (Date.now() > deadline) {
    throw tooLarge(`Reading the file took longer than ${IMPORT_BOUNDS.maxParseMs / 1000} s; it was not imported.`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
/** How many characters are scanned between two looks at the clock. */
const CLOCK_EVERY = 1 << 16;

/**
 * Checks nesting depth and items per container of JSON text without parsing it. Malformed JSON is left to
 * JSON.parse to report; this only refuses shapes past the bounds.
 */
export function assertJsonWithinBounds(text: string, deadline = parseDeadline()): void {
  const { maxNestingDepth, maxItemsPerContainer } = IMPORT_BOUNDS;
  const items = new Array<number>(maxNestingDepth + 1).fill(0);
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth++;
      if (depth > maxNestingDepth) throw tooLarge(`The file nests deeper than ${maxNestingDepth} levels.`);
      items[depth] = 0;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (code === COMMA) {
      items[depth] = (items[depth] ?? 0) + 1;
      if ((items[depth] ?? 0) >= maxItemsPerContainer) {
        throw tooLarge(`The file has a list of more than ${maxItemsPerContainer} items.`);
      }
    }
    if (index % CLOCK_EVERY === 0) assertBeforeDeadline(deadline);
  }
}

/** JSON.parse behind the structure bounds; malformed text is CORRUPT_VAULT with `corruptMessage`. */
export function parseBoundedJson(text: string, corruptMessage: string, deadline = parseDeadline()): unknown {
  assertJsonWithinBounds(text, deadline);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new VaultError('CORRUPT_VAULT', corruptMessage, { cause });
  }
}
