/**
 * The little UI the content script puts on a page: a notice, an account chooser and the opt-in in-field button.
 * Everything lives in a CLOSED shadow root, so page scripts cannot read account names or click on our behalf
 * through the DOM; only the host element is visible to them.
 */

const STYLE = `
:host { all: initial; }
.panel { position: fixed; top: 16px; right: 16px; z-index: 2147483647; max-width: 320px; box-sizing: border-box;
  font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #fff; border: 1px solid #cbd2dc;
  border-radius: 10px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); padding: 12px 14px; }
.panel.warning { border-color: #b54708; background: #fffaeb; }
.title { font-weight: 600; margin: 0 0 8px; }
.text { margin: 0; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
button { font: inherit; cursor: pointer; border: 1px solid #8a94a6; border-radius: 6px; background: #f5f7fa;
  padding: 6px 10px; text-align: left; width: 100%; color: inherit; }
button:hover, button:focus-visible { background: #e3e8ef; outline: 2px solid #2f6fde; outline-offset: 1px; }
.row { display: flex; gap: 8px; margin-top: 10px; }
.row button { width: auto; }
.field-button { position: absolute; width: 22px; height: 22px; padding: 0; border-radius: 5px; display: grid;
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
    action.addEventListener('click', () => {
      ui.remove();
      options.onAction?.();
    });
    row.append(action);
  }
  const dismiss = element('button', '', options.dismissLabel);
  dismiss.addEventListener('click', () => ui.remove());
  row.append(dismiss);
  panel.append(row);
  ui.root.append(panel);
  currentPanel = ui;
  setTimeout(() => ui.remove(), options.tone === 'warning' ? 20_000 : 8_000);
}

export interface ChooserOption {
  id: string;
  label: string;
}

/** Several accounts are bound here: the user picks one; resolves with its id, or null when dismissed. */
export function chooseAccount(title: string, cancelLabel: string, options: ChooserOption[]): Promise<string | null> {
  currentPanel?.remove();
  const ui = mount();
  return new Promise((resolve) => {
    const finish = (id: string | null) => {
      ui.remove();
      document.removeEventListener('keydown', onKey, true);
      resolve(id);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') finish(null);
    };
    const panel = element('div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', title);
    panel.append(element('p', 'title', title));
    const list = element('ul', '');
    for (const option of options) {
      const item = element('li', '');
      const button = element('button', '', option.label);
      button.addEventListener('click', (event) => {
        if (event.isTrusted) finish(option.id);
      });
      item.append(button);
      list.append(item);
    }
    panel.append(list);
    const row = element('div', 'row');
    const cancel = element('button', '', cancelLabel);
    cancel.addEventListener('click', () => finish(null));
    row.append(cancel);
    panel.append(row);
    ui.root.append(panel);
    document.addEventListener('keydown', onKey, true);
    currentPanel = { remove: () => finish(null) };
    (list.querySelector('button') as HTMLButtonElement | null)?.focus();
  });
}

/**
 * The opt-in button drawn over the right edge of the code field. It follows the field on scroll and resize and
 * disappears with it.
 */
export function attachFieldButton(field: HTMLInputElement, label: string, onClick: () => void): () => void {
  const ui = mount();
  const button = element('button', 'field-button', '#');
  button.type = 'button';
  button.title = label;
  button.setAttribute('aria-label', label);
  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the field
  // Only a real click: page scripts cannot reach into the closed root, and synthetic events are refused anyway.
  button.addEventListener('click', (event) => {
    if (event.isTrusted) onClick();
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
    if (!frame) frame = requestAnimationFrame(place);
  };
  window.addEventListener('scroll', schedule, { passive: true, capture: true });
  window.addEventListener('resize', schedule, { passive: true });
  place();
  function detach() {
    window.removeEventListener('scroll', schedule, true);
    window.removeEventListener('resize', schedule);
    if (frame) cancelAnimationFrame(frame);
    ui.remove();
  }
  return detach;
}
