/** One folding of label text for every recogniser: the vocabularies are folded the same way, so they always match. */

// A list repeats the same few labels ("Administrator", "Enabled") on every row: remember recent short ones.
const NORMALIZED = new Map<string, string>();
// Large enough for a 1,000-user list read twice per row (name and caption checks) without thrashing.
export const NORMALIZED_LIMIT = 4096;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Lower case, accents removed, punctuation folded to single spaces: "Type d'Utilisateur:" → "type d utilisateur". */
export function normalizeLabel(text: string): string {
  const cached = NORMALIZED.get(text);
  if (cached !== undefined) return cached;
  // Plain ASCII (most labels and user names) has no accents to strip: skip the Unicode decomposition.
  const folded = PLAIN_ASCII.test(text) ? text : text.normalize('NFD').replace(/\p{M}+/gu, '');
  const normalized = folded
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@]+/gu, ' ')
    .trim();
  if (text.length <= 64) {
    if (NORMALIZED.size >= NORMALIZED_LIMIT) NORMALIZED.clear();
    NORMALIZED.set(text, normalized);
  }
  return normalized;
}
