/**
 * Small DOM helpers that work on any `Document` (a browser page, a `DOMParser` result, jsdom in tests): no
 * `instanceof HTMLInputElement` (the constructors belong to one window), no layout, no extension APIs.
 */
import { parseEnabledLabel } from '../labels.ts';

export const textOf = (element: Element | null | undefined): string =>
  (element?.textContent ?? '').replace(/[\s\u00a0\u202f\u2007]+/g, ' ').trim();

export const tagOf = (element: Element): string => element.tagName.toLowerCase();

export type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function isControl(element: Element): element is FormControl {
  const tag = tagOf(element);
  return tag === 'input' || tag === 'select' || tag === 'textarea';
}

export function inputType(element: Element): string {
  return tagOf(element) === 'input' ? (element.getAttribute('type') ?? 'text').toLowerCase() : tagOf(element);
}

/** Input types that never show a value a person reads (and passwords, which are never read at all). */
const SILENT_INPUTS = new Set(['hidden', 'password', 'button', 'submit', 'reset', 'image', 'file']);

export const isCheckable = (element: Element) => ['checkbox', 'radio'].includes(inputType(element));

/** What a select shows: the selected option's text, or the first option's (a browser shows that one too). */
export function selectedText(select: HTMLSelectElement): string {
  const options = Array.from(select.querySelectorAll('option'));
  const chosen = options.find((option) => option.selected) ?? options[0];
  return textOf(chosen);
}

/** The value a person sees in a control, `undefined` for passwords, buttons, hidden fields and boxes. */
export function controlText(control: FormControl): string | undefined {
  const type = inputType(control);
  if (type === 'select') return selectedText(control as HTMLSelectElement);
  if (type === 'textarea') return (control as HTMLTextAreaElement).value.trim();
  if (SILENT_INPUTS.has(type) || isCheckable(control)) return undefined;
  return (control as HTMLInputElement).value.trim();
}

/** The text of `element` without what its selects, text areas and scripts hold. */
export function ownText(element: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1 && !['select', 'textarea', 'script', 'style'].includes(tagOf(child as Element))) {
        walk(child);
      }
    }
  };
  walk(element);
  return text.replace(/[\s\u00a0\u202f\u2007]+/g, ' ').trim();
}

/**
 * What a table cell shows, including values held in form controls (an editable grid shows an address in an
 * `<input>`, which `textContent` does not contain: read as text alone, it would look like a blank e-mail).
 */
export function cellValue(cell: Element): string {
  const controls = Array.from(cell.querySelectorAll('input, select, textarea')) as FormControl[];
  if (controls.length === 0) {
    const text = textOf(cell);
    return text === '' ? (stateHint(cell) ?? '') : text;
  }
  const text = ownText(cell);
  const caption = text === '' || isEnableCaption(text);
  const values: string[] = caption ? [] : [text];
  for (const control of controls) {
    if (isCheckable(control)) {
      // A lone box stands for its state (a status column); a box next to other text adds nothing to it.
      if (caption) values.push((control as HTMLInputElement).checked ? '✓' : '☐');
      continue;
    }
    const value = controlText(control);
    if (value !== undefined && value !== '') values.push(value);
  }
  return values.join(' ');
}

// Class names that name a state ("status-disabled", "userLocked", "icon_inactive"); short ones (on, no) are too common.
const STATE_CLASS_WORDS = new Set(['enabled', 'disabled', 'active', 'inactive', 'locked', 'suspended']);

/**
 * The state an empty cell shows by other means: an icon's `alt` or `title` (`<img alt="Disabled">`), a `title` or
 * `aria-label`, or a class that names a state. Returned as a word the status reader understands.
 */
export function stateHint(cell: Element): string | undefined {
  const elements = [cell, ...Array.from(cell.querySelectorAll('*')).slice(0, 20)];
  for (const element of elements) {
    for (const attribute of ['alt', 'title', 'aria-label']) {
      const value = element.getAttribute(attribute)?.trim();
      if (value && value.length <= 40 && parseEnabledLabel(value) !== undefined) return value;
    }
  }
  for (const element of elements) {
    for (const name of Array.from(element.classList)) {
      const words = name
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z]+/);
      const word = words.find((candidate) => STATE_CLASS_WORDS.has(candidate));
      if (word) return word;
    }
  }
  return undefined;
}

/** "Enable", "Activer", "Enabled": the caption next to an enable box, not a value of its own. */
export function isEnableCaption(text: string): boolean {
  return /^(?:enable|enabled|activer|active|activé|actif|on)$/i.test(text.trim());
}

/** The first checkbox in `element`, when it holds one. */
export function checkboxIn(element: Element): HTMLInputElement | undefined {
  const box = element.querySelector('input[type="checkbox" i]');
  return box ? (box as HTMLInputElement) : undefined;
}

export function sameOriginUrl(href: string, base: string): string | undefined {
  try {
    const origin = new URL(base).origin;
    const url = new URL(href, base);
    return url.origin === origin && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : undefined;
  } catch {
    return undefined;
  }
}
