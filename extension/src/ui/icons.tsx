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
    <svg {...common} fill="none" stroke="currentColor" stroke-width="1.6">
      <circle cx="8" cy="8" r="2.2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
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

export function PinIcon() {
  return (
    <svg {...common} width={12} height={12} fill="currentColor">
      <path d="M8 1.2l2 4.3 4.7.5-3.5 3.2 1 4.6L8 11.5l-4.2 2.3 1-4.6L1.3 6l4.7-.5z" />
    </svg>
  );
}
