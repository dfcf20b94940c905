import { describe, expect, it } from 'vitest';
import { fleetWindow } from './fleet-view-model';

describe('fleetWindow: the rows of a 1,000-host fleet that are in the DOM', () => {
  it('draws the first screen and a margin at the top', () => {
    expect(fleetWindow(1000, 0, 400, 40, 5)).toEqual({ start: 0, end: 15 });
  });

  it('follows the scroll position with a margin on both sides', () => {
    expect(fleetWindow(1000, 4000, 400, 40, 5)).toEqual({ start: 95, end: 115 });
  });

  it('stops at the last row, and still draws rows when scrolled past a fleet that shrank', () => {
    expect(fleetWindow(1000, 39_800, 400, 40, 5)).toEqual({ start: 990, end: 1000 });
    expect(fleetWindow(20, 39_800, 400, 40, 5)).toEqual({ start: 15, end: 20 });
  });

  it('draws every row of a small fleet', () => {
    expect(fleetWindow(8, 0, 640, 40)).toEqual({ start: 0, end: 8 });
    expect(fleetWindow(0, 0, 640, 40)).toEqual({ start: 0, end: 0 });
  });
});
