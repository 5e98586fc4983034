import { setTimeout as wait } from 'node:timers/promises';

// `SANDBOX_LATENCY_MS`: the sandbox answers every API request after this many milliseconds, a
// stand-in for the network round trip to a hosted Canvas. The bench and manual testing use it to see
// the dashboard as admins far from their Canvas do; the delay is real time on the server, so the
// browser's and the typed client's concurrency is what hides it, exactly as it would in production.

const LATENCY_VARIABLE = 'SANDBOX_LATENCY_MS';
/** A minute per request is no longer a network; a larger value is a typo. */
const MAX_LATENCY_MS = 60_000;

/** The delay asked for in `value`; 0 when unset or blank. Throws on anything but whole milliseconds. */
export function parseLatencyMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
    throw new Error(
      `${LATENCY_VARIABLE} must be whole milliseconds from 0 to ${MAX_LATENCY_MS}, got "${value}"`,
    );
  }
  return ms;
}

/** Read once when the sandbox starts, so a bad value stops the server instead of every request. */
export function latencyFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return parseLatencyMs(env[LATENCY_VARIABLE]);
}

/** Resolves after `ms`; without a delay it settles at once so unconfigured sandboxes pay nothing. */
export function simulateLatency(ms: number): Promise<void> {
  return ms > 0 ? wait(ms) : Promise.resolve();
}
