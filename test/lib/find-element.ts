/**
 * How a browser-neutral suite names an element: the way a user sees it (a field by its label, a button by its
 * name), or a CSS selector for things users do not name (a code cell). Resolved in the page by `findElement`,
 * the same function in Chromium and Firefox, so both browsers are asked exactly the same question.
 */
export type Target =
  | { label: string | RegExp; within?: string }
  | { button: string | RegExp; within?: string }
  | { css: string; within?: string; nth?: number }
  /** The page (or the region named `within`) once it shows this text. */
  | { text: string | RegExp; within?: string };

/** A `Target` that survives serialisation into the page (RegExp becomes source and flags). */
export type WireTarget = {
  kind: 'label' | 'button' | 'css' | 'text';
  value: string;
  flags?: string;
  regex: boolean;
  within?: string;
  nth?: number;
};

export function toWire(target: Target): WireTarget {
  const [kind, value] =
    'label' in target
      ? (['label', target.label] as const)
      : 'button' in target
        ? (['button', target.button] as const)
        : 'text' in target
          ? (['text', target.text] as const)
          : (['css', target.css] as const);
  const wire: WireTarget = {
    kind,
    value: typeof value === 'string' ? value : value.source,
    regex: typeof value !== 'string',
  };
  if (typeof value !== 'string') wire.flags = value.flags;
  if (target.within) wire.within = target.within;
  if ('nth' in target && target.nth !== undefined) wire.nth = target.nth;
  return wire;
}

export function describeTarget(target: Target): string {
  const wire = toWire(target);
  const value = wire.regex ? `/${wire.value}/${wire.flags}` : JSON.stringify(wire.value);
  return `${wire.kind} ${value}${wire.within ? ` within "${wire.within}"` : ''}`;
}

/**
 * Runs in the page (serialised by the driver, so it may use nothing from this module's scope): the first visible
 * element matching `target`, or null. Accessible names are the common cases of the ARIA rules: aria-label,
 * aria-labelledby, <label>, then text content (buttons) — enough for our own pages, where every control is named.
 */
export function findElement(target: WireTarget): Element | null {
  const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const visible = (element: Element) => {
    if (element.getClientRects().length === 0) return false;
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const byIds = (ids: string | null) =>
    normalise(
      (ids ?? '')
        .split(/\s+/)
        .map((id) => (id ? document.getElementById(id)?.textContent : ''))
        .join(' '),
    );
  const ariaName = (element: Element) =>
    normalise(element.getAttribute('aria-label')) || byIds(element.getAttribute('aria-labelledby'));
  const matches = (name: string) => {
    if (target.regex) return new RegExp(target.value, target.flags).test(name);
    return name === normalise(target.value);
  };
  let scope: Element = document.body;
  if (target.within) {
    const containers = [
      ...document.querySelectorAll('section, form, fieldset, dialog, [role="region"], [role="form"]'),
    ];
    const container = containers.find((element) => {
      const legend = element.localName === 'fieldset' ? element.querySelector('legend')?.textContent : '';
      return (ariaName(element) || normalise(legend)) === normalise(target.within);
    });
    if (!container) return null;
    scope = container;
  }
  if (target.kind === 'text') {
    const shown = normalise((scope as HTMLElement).innerText);
    return matches(shown) || (!target.regex && shown.includes(normalise(target.value))) ? scope : null;
  }
  if (target.kind === 'css') {
    if (target.value === ':scope') return scope;
    const found = [...scope.querySelectorAll(target.value)].filter(visible);
    return found[target.nth ?? 0] ?? null;
  }
  if (target.kind === 'label') {
    const fields = [...scope.querySelectorAll('input, textarea, select, [contenteditable="true"]')].filter(visible);
    const labelOf = (field: Element) => {
      const fromAria = ariaName(field);
      if (fromAria) return fromAria;
      const labels = (field as HTMLInputElement).labels;
      return normalise([...(labels ?? [])].map((label) => label.textContent).join(' '));
    };
    return (
      fields.find((field) => matches(labelOf(field))) ??
      // A label holding more than its name (a hint inside the <label>): match on how it starts.
      (target.regex ? undefined : fields.find((field) => labelOf(field).startsWith(normalise(target.value)))) ??
      null
    );
  }
  const buttons = [
    ...scope.querySelectorAll('button, [role="button"], input[type="submit"], input[type="button"]'),
  ].filter(visible);
  const buttonName = (button: Element) =>
    ariaName(button) ||
    normalise(button.textContent) ||
    normalise((button as HTMLInputElement).value) ||
    normalise(button.getAttribute('title'));
  return buttons.find((button) => matches(buttonName(button))) ?? null;
}
