/**
 * "123 456", "1234 5678", "123 456 789 0"… a code split for reading aloud and comparing at a glance: groups of three,
 * two groups of four for 8 digits. Five characters (Steam Guard, "FR8RV") stay in one piece, as the Steam app shows
 * them. The extension's popup and the docs' debugger both show codes this way.
 */
export function groupCode(code: string): string {
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  if (code.length <= 5) return code;
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}
