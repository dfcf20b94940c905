const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The open modal sheet, if any: the last one drawn is the one on top. */
function openModal(root: ParentNode): HTMLElement | undefined {
  const modals = root.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"]');
  return modals[modals.length - 1];
}

/**
 * Keeps keyboard focus inside an open modal sheet (Tab and Shift+Tab cycle within it), and gives focus back to
 * what had it (the "⋯" button, the Fill button) when the sheet closes. One listener for every sheet of a page, so
 * the sheets themselves stay plain components.
 */
export function trapModalFocus(root: HTMLElement = document.body): () => void {
  let opener: HTMLElement | undefined;
  let open: HTMLElement | undefined;
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const modal = openModal(root);
    if (!modal) return;
    const focusable = [...modal.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (element) => element.offsetParent !== null || element === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    const inside = active instanceof Node && modal.contains(active);
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  };
  const onFocusIn = (event: FocusEvent) => {
    if (!open && event.target instanceof HTMLElement && !event.target.closest('[role="dialog"]')) {
      opener = event.target;
    }
  };
  const observer = new MutationObserver(() => {
    const modal = openModal(root);
    if (modal && !open) open = modal;
    else if (!modal && open) {
      open = undefined;
      const focusLost = !document.activeElement || document.activeElement === document.body;
      if (focusLost && opener?.isConnected) opener.focus();
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('focusin', onFocusIn);
  };
}
