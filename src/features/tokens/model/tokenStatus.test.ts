import { describe, expect, it } from 'vitest';
import { type TokenTimes, tokenFlagsOf, tokenStateOf } from './tokenStatus.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

function times(overrides: Partial<TokenTimes> = {}): TokenTimes {
  return {
    workflow_state: 'active',
    created_at: daysFromNow(-10),
    last_used_at: daysFromNow(-1),
    expires_at: null,
    ...overrides,
  };
}

describe('tokenStateOf', () => {
  it('derives expiry, which Canvas does not store as a state', () => {
    expect(tokenStateOf(times(), NOW)).toBe('active');
    expect(tokenStateOf(times({ expires_at: daysFromNow(-1) }), NOW)).toBe('expired');
    expect(tokenStateOf(times({ expires_at: NOW.toISOString() }), NOW)).toBe('expired');
    expect(tokenStateOf(times({ workflow_state: 'pending' }), NOW)).toBe('pending');
    expect(tokenStateOf(times({ workflow_state: 'pending', expires_at: daysFromNow(-1) }), NOW)).toBe(
      'expired',
    );
    expect(tokenStateOf(times({ workflow_state: 'deleted' }), NOW)).toBe('revoked');
  });
});

describe('tokenFlagsOf', () => {
  it('flags the nearer expiry window only', () => {
    expect(tokenFlagsOf(times({ expires_at: daysFromNow(3) }), NOW)).toEqual(['expires_within_7_days']);
    expect(tokenFlagsOf(times({ expires_at: daysFromNow(7) }), NOW)).toEqual(['expires_within_7_days']);
    expect(tokenFlagsOf(times({ expires_at: daysFromNow(8) }), NOW)).toEqual(['expires_within_30_days']);
    expect(tokenFlagsOf(times({ expires_at: daysFromNow(30) }), NOW)).toEqual(['expires_within_30_days']);
    expect(tokenFlagsOf(times({ expires_at: daysFromNow(31) }), NOW)).toEqual([]);
  });

  it('flags expired tokens as expired and nothing else', () => {
    expect(
      tokenFlagsOf(times({ expires_at: daysFromNow(-1), last_used_at: daysFromNow(-200) }), NOW),
    ).toEqual(['expired']);
  });

  it('flags 90 days without use, counting from creation when never used', () => {
    expect(tokenFlagsOf(times({ last_used_at: daysFromNow(-90) }), NOW)).toEqual(['unused_90_days']);
    expect(tokenFlagsOf(times({ last_used_at: daysFromNow(-89) }), NOW)).toEqual([]);
    expect(tokenFlagsOf(times({ last_used_at: null, created_at: daysFromNow(-100) }), NOW)).toEqual([
      'unused_90_days',
    ]);
    expect(tokenFlagsOf(times({ last_used_at: null, created_at: daysFromNow(-5) }), NOW)).toEqual([]);
    expect(tokenFlagsOf(times({ last_used_at: daysFromNow(-120), expires_at: daysFromNow(2) }), NOW)).toEqual(
      ['expires_within_7_days', 'unused_90_days'],
    );
  });

  it('gives revoked tokens no flags', () => {
    expect(tokenFlagsOf(times({ workflow_state: 'deleted', expires_at: daysFromNow(1) }), NOW)).toEqual([]);
  });
});
