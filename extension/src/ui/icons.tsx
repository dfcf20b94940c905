// Inline SVG icons: no icon font, no emoji (which would need font fallback and render differently per OS).
const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true' } as const;

export function LockIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" stroke-width="1.6">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}

export function GearIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round">
      {/* Eight square teeth on a ring around a hole: a cog, not a sun. */}
      <path d="M13.24 6.03 L15.03 6.43 L15.03 9.57 L13.24 9.97 L13.10 10.31 L14.08 11.86 L11.86 14.08 L10.31 13.10 L9.97 13.24 L9.57 15.03 L6.43 15.03 L6.03 13.24 L5.69 13.10 L4.14 14.08 L1.92 11.86 L2.90 10.31 L2.76 9.97 L0.97 9.57 L0.97 6.43 L2.76 6.03 L2.90 5.69 L1.92 4.14 L4.14 1.92 L5.69 2.90 L6.03 2.76 L6.43 0.97 L9.57 0.97 L9.97 2.76 L10.31 2.90 L11.86 1.92 L14.08 4.14 L13.10 5.69Z" />
      <circle cx="8" cy="8" r="2.3" />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" stroke-width="1.8">
      <path d="M8 3v10M3 8h10" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...common} fill="currentColor">
      <circle cx="3" cy="8" r="1.4" />
      <circle cx="8" cy="8" r="1.4" />
      <circle cx="13" cy="8" r="1.4" />
    </svg>
  );
}

/** A code field with its digits and caret: fill the page's code field (not an arrow, which reads as download). */
export function FillIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round">
      <rect x="1" y="3.5" width="14" height="9" rx="2" />
      <circle cx="4.5" cy="8" r="0.9" fill="currentColor" stroke="none" />
      <circle cx="7.3" cy="8" r="0.9" fill="currentColor" stroke="none" />
      <path d="M10.8 5.8v4.4" />
    </svg>
  );
}

export function PinIcon() {
  return (
    <svg {...common} width={12} height={12} fill="currentColor">
      <path d="M8 1.2l2 4.3 4.7.5-3.5 3.2 1 4.6L8 11.5l-4.2 2.3 1-4.6L1.3 6l4.7-.5z" />
    </svg>
  );
}

/**
 * The product's mark, drawn like the toolbar icons (scripts/make-icons.ts): a rounded blue square with a white
 * keyhole. Inline, so the popup header paints it in the first frame without an image request.
 */
export function LogoMark({ size = 22, class: className }: { size?: number; class?: string }) {
  return (
    <svg class={className} width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#2563eb" />
      <circle cx="16" cy="12.8" r="4.5" fill="#fff" />
      <rect x="13.8" y="12.8" width="4.4" height="11.2" fill="#fff" />
    </svg>
  );
}
