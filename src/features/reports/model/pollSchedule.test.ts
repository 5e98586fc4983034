import { describe, expect, it } from 'vitest';
import { MAX_POLL_MS, pollDelayMs } from './pollSchedule.ts';

describe('pollDelayMs', () => {
  it('starts at one second and grows to ten', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(pollDelayMs)).toEqual([
      1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000, 10000,
    ]);
  });

  it('never shrinks and never exceeds the cap', () => {
    let previous = 0;
    for (let polls = -2; polls < 40; polls++) {
      const delay = pollDelayMs(polls);
      expect(delay).toBeGreaterThanOrEqual(previous);
      expect(delay).toBeLessThanOrEqual(MAX_POLL_MS);
      previous = delay;
    }
  });
});
