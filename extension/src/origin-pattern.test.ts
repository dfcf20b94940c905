import { describe, expect, it } from 'vitest';
import { originPattern } from './origin-pattern';

describe('originPattern', () => {
  it('names the exact origin, port included, where match patterns can carry one (Chrome)', () => {
    expect(originPattern('http://192.168.1.20:8080', true)).toBe('http://192.168.1.20:8080/*');
    expect(originPattern('https://login.example.com', true)).toBe('https://login.example.com/*');
  });

  it('drops the port where match patterns cannot carry one (Firefox)', () => {
    expect(originPattern('http://192.168.1.20:8080', false)).toBe('http://192.168.1.20/*');
    expect(originPattern('http://[::1]:8080', false)).toBe('http://[::1]/*');
    expect(originPattern('https://login.example.com', false)).toBe('https://login.example.com/*');
  });

  it('never widens past the scheme and host', () => {
    expect(originPattern('https://login.example.com/path?x=1', false)).toBe('https://login.example.com/*');
    expect(() => originPattern('not an origin')).toThrow();
  });
});
