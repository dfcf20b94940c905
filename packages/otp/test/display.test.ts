import { describe, expect, it } from 'vitest';
import { groupCode } from '../src/index.js';

describe('groupCode', () => {
  it('splits digits in groups of three, and 8 digits in two fours', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('1234567')).toBe('123 456 7');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('123456789')).toBe('123 456 789');
    expect(groupCode('1234567890')).toBe('123 456 789 0');
  });

  it('keeps five-character Steam Guard codes in one piece, as the Steam app shows them', () => {
    expect(groupCode('FR8RV')).toBe('FR8RV');
    expect(groupCode('23456')).toBe('23456');
  });
});
