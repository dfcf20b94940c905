import { type Account, type ImportPreview, parseImport, previewImport } from '@mfa-companion/vault';

/**
 * Turns pasted or scanned text (otpauth://, otpauth-migration://, several lines) into a preview against
 * the vault, binding new accounts to `site` when given.
 */
export async function previewAddition(
  texts: readonly string[],
  existing: readonly Account[],
  site: string | undefined,
): Promise<ImportPreview> {
  const preview = previewImport(existing, await parseImport(texts.join('\n')));
  if (site) {
    preview.toAdd = preview.toAdd.map((account) =>
      account.sites.includes(site) ? account : { ...account, sites: [...account.sites, site] },
    );
  }
  return preview;
}
