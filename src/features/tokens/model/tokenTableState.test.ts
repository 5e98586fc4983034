import { describe, expect, it } from 'vitest';
import { makeToken } from './testTokens.ts';
import { toTokenRow } from './tokenStatus.ts';
import { filterTokenRows, hasActiveFilters, sortTokenRows, TokenPageSearch } from './tokenTableState.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

const rows = [
  makeToken({
    id: 1,
    purpose: 'Nightly SIS export',
    created_at: '2025-01-01T00:00:00Z',
    last_used_at: '2025-05-31T00:00:00Z',
    scopes: ['url:GET|/api/v1/accounts/:account_id/reports'],
  }),
  makeToken({
    id: 2,
    purpose: 'attendance sync',
    created_at: '2025-02-01T00:00:00Z',
    expires_at: '2025-06-03T00:00:00Z',
    last_used_at: '2025-05-20T00:00:00Z',
    visible_token: 'Zz9aa...',
  }),
  makeToken({
    id: 3,
    purpose: 'Old script',
    created_at: '2024-12-01T00:00:00Z',
    expires_at: '2025-05-01T00:00:00Z',
  }),
  makeToken({ id: 4, purpose: 'For Marcus', workflow_state: 'pending', created_at: '2025-05-30T00:00:00Z' }),
].map((token) => toTokenRow(token, NOW));

const noFilters = { q: '', state: [], flag: [] };
const ids = (list: { token: { id: number } }[]) => list.map((row) => row.token.id);

describe('TokenPageSearch', () => {
  it('falls back to defaults on nonsense and keeps valid values', () => {
    expect(TokenPageSearch.parse({ user: 'abc', sort: 'bogus', state: ['pending', 'x'] })).toEqual({
      user: undefined,
      q: '',
      state: ['pending'],
      flag: [],
      sort: 'created_at',
      order: 'asc',
    });
    expect(TokenPageSearch.parse({ user: '42', flag: 'unused_90_days' }).user).toBe(42);
  });
});

describe('filterTokenRows', () => {
  it('filters by words in purpose, hint and scopes', () => {
    expect(ids(filterTokenRows(rows, { ...noFilters, q: 'SIS' }))).toEqual([1]);
    expect(ids(filterTokenRows(rows, { ...noFilters, q: 'zz9' }))).toEqual([2]);
    expect(ids(filterTokenRows(rows, { ...noFilters, q: 'reports nightly' }))).toEqual([1]);
  });

  it('filters by state and by flag', () => {
    expect(ids(filterTokenRows(rows, { ...noFilters, state: ['pending', 'expired'] }))).toEqual([3, 4]);
    expect(ids(filterTokenRows(rows, { ...noFilters, flag: ['expires_within_7_days'] }))).toEqual([2]);
    expect(ids(filterTokenRows(rows, { ...noFilters, flag: ['unused_90_days', 'expired'] }))).toEqual([3]);
  });

  it('knows when something filters', () => {
    expect(hasActiveFilters(noFilters)).toBe(false);
    expect(hasActiveFilters({ ...noFilters, q: '  ' })).toBe(false);
    expect(hasActiveFilters({ ...noFilters, flag: ['expired'] })).toBe(true);
  });
});

describe('sortTokenRows', () => {
  it('sorts by purpose ignoring case, both ways', () => {
    expect(ids(sortTokenRows(rows, 'purpose', 'asc'))).toEqual([2, 4, 1, 3]);
    expect(ids(sortTokenRows(rows, 'purpose', 'desc'))).toEqual([3, 1, 4, 2]);
  });

  it('puts missing dates last in either direction', () => {
    expect(ids(sortTokenRows(rows, 'expires_at', 'asc'))).toEqual([3, 2, 1, 4]);
    expect(ids(sortTokenRows(rows, 'expires_at', 'desc'))).toEqual([2, 3, 1, 4]);
    expect(ids(sortTokenRows(rows, 'last_used_at', 'desc'))[0]).toBe(1);
  });

  it('sorts by state, then by creation', () => {
    expect(ids(sortTokenRows(rows, 'state', 'asc'))).toEqual([1, 2, 4, 3]);
    expect(ids(sortTokenRows(rows, 'created_at', 'desc'))).toEqual([4, 2, 1, 3]);
  });
});
