/**
 * The little UI the content script puts on a page: a notice and the opt-in in-field button. A page can read
 * anything drawn into it (a closed shadow root hides nothing from `window.find()`, styles or screenshots), so
 * nothing confidential is ever drawn here: no account names, no bound sites (the account chooser lives in
 * extension UI). The closed root keeps page CSS from restyling the inside; every handler checks `isTrusted`, and
 * the button acts only on a click it can prove was on a visible, unobstructed button.
 */

const STYLE = `
:host { all: initial; }
.panel { position: fixed; top: 16px; right: 16px; z-index: 2147483647; max-width: 320px; box-sizing: border-box;
  font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #fff; border: 1px solid #cbd2dc;
  border-radius: 10px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); padding: 12px 14px; }
.panel.warning { border-color: #b54708; background: #fffaeb; }
.text { margin: 0; }
button { font: inherit; cursor: pointer; border: 1px solid #8a94a6; border-radius: 6px; background: #f5f7fa;
  padding: 6px 10px; text-align: left; width: 100%; color: inherit; }
button:hover, button:focus-visible { background: #e3e8ef; outline: 2px solid #2f6fde; outline-offset: 1px; }
.row { display: flex; gap: 8px; margin-top: 10px; }
.row button { width: auto; }
.field-button { position: absolute; z-index: 2147483647; width: 22px; height: 22px; padding: 0; border-radius: 5px; display: grid;
  place-items: center; background: #2f6fde; color: #fff; border: none; font-size: 12px; font-weight: 700; }
@media (prefers-color-scheme: dark) {
  .panel { color: #e6e9ef; background: #1f2430; border-color: #3a4252; }
  .panel.warning { background: #3a2a12; border-color: #b54708; }
  button { background: #2a3040; border-color: #4b5567; }
}`;

function mount(): { host: HTMLElement; root: ShadowRoot; remove(): void } {
  const host = document.createElement('mfa-companion-autofill');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  document.documentElement.append(host);
  return { host, root, remove: () => host.remove() };
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

let currentPanel: { remove(): void } | undefined;

export interface NoticeOptions {
  text: string;
  tone: 'info' | 'warning';
  actionLabel?: string;
  dismissLabel: string;
  onAction?: () => void;
}

/** Takes the current notice down: a later fill made it untrue ("…so its code was not filled"). */
export function clearNotice(): void {
  currentPanel?.remove();
  currentPanel = undefined;
}

/** A short message in the corner; it goes away by itself, with Escape, or with its button. */
export function showNotice(options: NoticeOptions): void {
  currentPanel?.remove();
  const ui = mount();
  const panel = element('div', `panel ${options.tone}`);
  panel.setAttribute('role', options.tone === 'warning' ? 'alert' : 'status');
  panel.append(element('p', 'text', options.text));
  const row = element('div', 'row');
  if (options.actionLabel && options.onAction) {
    const action = element('button', '', options.actionLabel);
    action.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      ui.remove();
      options.onAction?.();
    });
    row.append(action);
  }
  const dismiss = element('button', '', options.dismissLabel);
  dismiss.addEventListener('click', (event) => event.isTrusted && ui.remove());
  row.append(dismiss);
  panel.append(row);
  ui.root.append(panel);
  currentPanel = ui;
  setTimeout(() => ui.remove(), options.tone === 'warning' ? 20_000 : 8_000);
}

/** How long the button must have been visible and in place before a click on it counts. */
const SETTLE_MS = 500;

/**
 * The opt-in button drawn over the right edge of the code field. It follows the field on scroll and resize and
 * disappears with it. A click fills only when it can be shown to be the user's: trusted, on the button, and the
 * button visible and unobstructed — and in place for {@link SETTLE_MS}, so a page cannot slide it under a click
 * meant for something else.
 */
export function attachFieldButton(field: HTMLInputElement, label: string, onClick: () => void): () => void {
  const ui = mount();
  const button = element('button', 'field-button', '#');
  button.type = 'button';
  button.title = label;
  button.setAttribute('aria-label', label);
  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the field
  let settledAt = performance.now();
  // IntersectionObserver v2 (Chromium): the browser's own verdict that nothing covers, fades, filters or
  // transforms the button. Where it is missing, the checks at click time stand alone.
  let visibleSince: number | undefined = 0;
  let observer: IntersectionObserver | undefined;
  if ('isVisible' in IntersectionObserverEntry.prototype) {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          visibleSince = (entry as IntersectionObserverEntry & { isVisible: boolean }).isVisible
            ? visibleSince || performance.now()
            : 0;
        }
      },
      { threshold: 1, trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(button);
  } else visibleSince = undefined;
  button.addEventListener('click', (event) => {
    const now = performance.now();
    if (
      event.isTrusted &&
      now - settledAt >= SETTLE_MS &&
      (visibleSince === undefined || (visibleSince > 0 && now - visibleSince >= SETTLE_MS)) &&
      isShownAt(ui.host, ui.root, button, event)
    )
      onClick();
  });
  ui.root.append(button);
  let frame = 0;
  const place = () => {
    frame = 0;
    if (!field.isConnected) return detach();
    const rect = field.getBoundingClientRect();
    button.style.left = `${rect.right + window.scrollX - 26}px`;
    button.style.top = `${rect.top + window.scrollY + Math.max(0, (rect.height - 22) / 2)}px`;
    button.hidden = rect.width === 0;
  };
  const schedule = () => {
    settledAt = performance.now();
    if (!frame) frame = requestAnimationFrame(place);
  };
  window.addEventListener('scroll', schedule, { passive: true, capture: true });
  window.addEventListener('resize', schedule, { passive: true });
  place();
  function detach() {
    window.removeEventListener('scroll', schedule, true);
    window.removeEventListener('resize', schedule);
    if (frame) cancelAnimationFrame(frame);
    observer?.disconnect();
    ui.remove();
  }
  return detach;
}

/**
 * The button is what the user saw and clicked: the topmost element at the click point (a keyboard click: the
 * focused one), full size, and nothing up its ancestor chain fades, filters, clips, blends or hides it (page CSS
 * can reach the host element, `opacity: 0 !important`); no top-layer element (modal dialog, popover, fullscreen)
 * lies over it, since a `pointer-events: none` decoy there lets the click through while hiding the button.
 */
function isShownAt(host: HTMLElement, root: ShadowRoot, button: HTMLElement, event: MouseEvent): boolean {
  const rect = button.getBoundingClientRect();
  if (rect.width < 20 || rect.height < 20) return false;
  if (event.detail === 0) {
    if (root.activeElement !== button) return false; // Enter or Space on the focused button
  } else if (
    document.elementFromPoint(event.clientX, event.clientY) !== host ||
    root.elementFromPoint(event.clientX, event.clientY) !== button
  )
    return false;
  if (!button.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  for (
    let node: Element | null = button;
    node;
    node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null
  ) {
    const style = getComputedStyle(node);
    if (
      style.opacity !== '1' ||
      style.filter !== 'none' ||
      style.mixBlendMode !== 'normal' ||
      style.clipPath !== 'none' ||
      (style.maskImage || 'none') !== 'none'
    )
      return false;
  }
  try {
    for (const layer of document.querySelectorAll(':modal, :popover-open, :fullscreen')) {
      if (layer.contains(host)) continue; // a fullscreen document element holds the button itself
      const over = layer.getBoundingClientRect();
      if (over.left < rect.right && over.right > rect.left && over.top < rect.bottom && over.bottom > rect.top)
        return false;
    }
  } catch {
    // a browser without one of these selectors has no such top-layer element either
  }
  return true;
}
