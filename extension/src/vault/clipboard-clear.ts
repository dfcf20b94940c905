/**
 * Clears the clipboard only when it still holds `code`, so whatever the user copied since is never lost.
 * Needs a document (offscreen page in Chrome, background page in Firefox) and the optional clipboardRead
 * permission; without it nothing is touched.
 */
export function clearClipboardIfHolds(code: string, doc: Document): boolean {
  const scratch = doc.createElement('textarea');
  doc.body.append(scratch);
  try {
    scratch.focus();
    if (!doc.execCommand('paste')) return false;
    if (scratch.value !== code) return false;
    const clear = (event: ClipboardEvent) => {
      event.clipboardData?.setData('text/plain', '');
      event.preventDefault();
    };
    doc.addEventListener('copy', clear);
    try {
      return doc.execCommand('copy');
    } finally {
      doc.removeEventListener('copy', clear);
    }
  } finally {
    scratch.remove();
  }
}
