import type { Query } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { pollWhileActive } from './pollWhileActive.ts';

interface Run {
  status: string;
}

// Only the state the interval reads; the rest of a Query is irrelevant to it.
function fakeQuery(): { query: Query<Run>; update: (data: Run | undefined) => void } {
  const state = { data: undefined as Run | undefined, dataUpdateCount: 0 };
  const query = { state } as unknown as Query<Run>;
  return {
    query,
    update: (data) => {
      state.data = data;
      state.dataUpdateCount += 1;
    },
  };
}

describe('pollWhileActive', () => {
  const interval = pollWhileActive((run: Run) => run.status === 'running');

  it('backs off with each fetch while active and stops when finished', () => {
    const { query, update } = fakeQuery();
    expect(interval(query)).toBe(false);
    update({ status: 'running' });
    expect(interval(query)).toBe(1000);
    // Asking again without a new fetch (a re-render) does not advance the backoff.
    expect(interval(query)).toBe(1000);
    update({ status: 'running' });
    expect(interval(query)).toBe(1500);
    update({ status: 'running' });
    expect(interval(query)).toBe(2250);
    update({ status: 'complete' });
    expect(interval(query)).toBe(false);
  });

  it('starts over when the data becomes active again, separately per query', () => {
    const first = fakeQuery();
    const second = fakeQuery();
    first.update({ status: 'running' });
    interval(first.query);
    first.update({ status: 'running' });
    expect(interval(first.query)).toBe(1500);
    second.update({ status: 'running' });
    expect(interval(second.query)).toBe(1000);
    first.update({ status: 'complete' });
    interval(first.query);
    first.update({ status: 'running' });
    expect(interval(first.query)).toBe(1000);
  });
});
