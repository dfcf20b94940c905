import { describe, expect, it } from 'vitest';
import { pickFrame } from '../background/autofill';
import type { FrameScan } from './content';
import { isAutofillMessage } from './messages';
import {
  appendChoiceFor,
  readAutofillSettings,
  type SettingsArea,
  toggled,
  updateAutofillSettings,
  withAppendChoice,
} from './settings';

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
    const none = { alwaysDetect: [], submitAfterFill: [], exactHost: [], appendCode: [] };
    expect(await readAutofillSettings(area)).toEqual(none);
    area.items['autofill.settings'] = {
      alwaysDetect: 'https://x.com',
      submitAfterFill: [1, 'a', null],
      exactHost: { b: true },
      appendCode: [{ account: 'a', origin: 'https://x.com', position: 'sideways' }, 'x', null],
    };
    expect(await readAutofillSettings(area)).toEqual({ ...none, submitAfterFill: ['a'] });
  });
  it('keeps one "add the code after the password" choice per account and site', async () => {
    const area = new MemoryArea();
    const choice = { account: 'a', origin: 'https://fw.example', position: 'after' } as const;
    await updateAutofillSettings(area, (s) => withAppendChoice(s, choice));
    await updateAutofillSettings(area, (s) => withAppendChoice(s, { ...choice, position: 'before' }));
    const settings = await readAutofillSettings(area);
    expect(settings.appendCode).toEqual([{ ...choice, position: 'before' }]);
    expect(appendChoiceFor(settings, 'a', 'https://fw.example')).toBe('before');
    expect(appendChoiceFor(settings, 'a', 'https://other.example')).toBeUndefined();
    expect(appendChoiceFor(settings, 'b', 'https://fw.example')).toBeUndefined();
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
