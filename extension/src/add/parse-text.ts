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

export interface PastedLink {
  text: string;
  /** The line of the pasted text it came from (1-based), which is what problems are reported against. */
  line: number;
}

const NEXT_LINK = /\s+(?=otpauth(?:-migration)?:\/\/)/i;

/**
 * The links in pasted text, each with its line. A link may hold a raw space (apps and people write
 * "otpauth://totp/My Bank:…"): a space inside a link is kept in it, percent-encoded; only a space before
 * another `otpauth…://` starts a new link.
 */
export function pastedLinks(text: string): PastedLink[] {
  const links: PastedLink[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    for (const part of trimmed.split(NEXT_LINK)) links.push({ text: part.replace(/\s+/g, '%20'), line: index + 1 });
  });
  return links;
}

/** A preview of pasted text whose "Line n" labels name the lines as pasted, whatever was split or skipped. */
export async function previewPastedText(
  text: string,
  existing: readonly Account[],
  site: string | undefined,
): Promise<ImportPreview> {
  const links = pastedLinks(text);
  const preview = await previewAddition(
    links.map((link) => link.text),
    existing,
    site,
  );
  const pastedLine = (label: string) =>
    label.replace(/^Line (\d+)/, (whole, line: string) => {
      const link = links[Number(line) - 1];
      return link ? `Line ${link.line}` : whole;
    });
  preview.invalid = preview.invalid.map((entry) => ({ ...entry, label: pastedLine(entry.label) }));
  preview.duplicates = preview.duplicates.map((entry) => ({ ...entry, label: pastedLine(entry.label) }));
  return preview;
}
