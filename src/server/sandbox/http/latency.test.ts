import { describe, expect, it } from 'vitest';
import { latencyFromEnvironment, parseLatencyMs, simulateLatency } from './latency.ts';

describe('SANDBOX_LATENCY_MS', () => {
  it('is no delay when unset or blank', () => {
    expect(parseLatencyMs(undefined)).toBe(0);
    expect(parseLatencyMs('  ')).toBe(0);
    expect(latencyFromEnvironment({})).toBe(0);
  });

  it('reads whole milliseconds', () => {
    expect(parseLatencyMs('50')).toBe(50);
    expect(latencyFromEnvironment({ SANDBOX_LATENCY_MS: '120' })).toBe(120);
  });

  it.each(['-1', '2.5', 'fast', '60001'])('refuses %s', (value) => {
    expect(() => parseLatencyMs(value)).toThrow(/SANDBOX_LATENCY_MS must be whole milliseconds/);
  });

  it('waits about as long as asked', async () => {
    const started = performance.now();
    await simulateLatency(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});
