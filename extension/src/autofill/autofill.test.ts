import { describe, expect, it } from 'vitest';
import { pickFrame } from '../background/autofill';
import type { FrameScan } from './content';
import { isAutofillMessage } from './messages';
import { readAutofillSettings, type SettingsArea, toggled, updateAutofillSettings } from './settings';

function frame(frameId: number, scan: Partial<FrameScan>) {
  return {
    frameId,
    scan: { origin: 'https://example.com', found: true, score: 60, focused: false, top: false, ...scan },
  };
}

describe('pickFrame', () => {
  it('prefers the focused field, then the clicked frame, then the top page, then the best score', () => {
    const top = frame(0, { top: true, score: 50 });
    const strong = frame(3, { score: 150 });
    const clicked = frame(5, { score: 60 });
    const focused = frame(7, { focused: true, score: 55 });
    expect(pickFrame([top, strong, clicked, focused], 5)).toBe(focused);
    expect(pickFrame([top, strong, clicked], 5)).toBe(clicked);
    expect(pickFrame([strong, top], undefined)).toBe(top);
    expect(pickFrame([clicked, strong], undefined)).toBe(strong);
    expect(pickFrame([], 0)).toBeUndefined();
  });
});

class MemoryArea implements SettingsArea {
  items: Record<string, unknown> = {};
  async get(key: string) {
    return key in this.items ? { [key]: structuredClone(this.items[key]) } : {};
  }
  async set(items: Record<string, unknown>) {
    Object.assign(this.items, structuredClone(items));
  }
}

describe('autofill settings', () => {
  it('defaults to nothing enabled and ignores malformed stored values', async () => {
    const area = new MemoryArea();
    expect(await readAutofillSettings(area)).toEqual({ alwaysDetect: [], submitAfterFill: [], exactHost: [] });
    area.items['autofill.settings'] = {
      alwaysDetect: 'https://x.com',
      submitAfterFill: [1, 'a', null],
      exactHost: { b: true },
    };
    expect(await readAutofillSettings(area)).toEqual({ alwaysDetect: [], submitAfterFill: ['a'], exactHost: [] });
  });
  it('toggles entries without duplicates', async () => {
    const area = new MemoryArea();
    const on = (list: string[]) => toggled(list, 'https://example.com', true);
    await updateAutofillSettings(area, (s) => ({ ...s, alwaysDetect: on(on(s.alwaysDetect)) }));
    expect((await readAutofillSettings(area)).alwaysDetect).toEqual(['https://example.com']);
    await updateAutofillSettings(area, (s) => ({
      ...s,
      alwaysDetect: toggled(s.alwaysDetect, 'https://example.com', false),
    }));
    expect((await readAutofillSettings(area)).alwaysDetect).toEqual([]);
  });
});

describe('isAutofillMessage', () => {
  it('accepts only autofill messages', () => {
    expect(isAutofillMessage({ type: 'autofill:hello' })).toBe(true);
    for (const value of [null, 'autofill:hello', { type: 'vault:unlock' }, { type: 3 }, {}]) {
      expect(isAutofillMessage(value)).toBe(false);
    }
  });
});
