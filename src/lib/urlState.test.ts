import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { searchParamList, searchParamsToRecord, writeSearchParams } from './urlState.ts';

describe('searchParamsToRecord', () => {
  it('turns repeated keys into arrays and keeps single ones as strings', () => {
    const record = searchParamsToRecord(new URLSearchParams('state=available&state=completed&page=2'));
    expect(record).toEqual({ state: ['available', 'completed'], page: '2' });
  });
});

describe('searchParamList', () => {
  const states = searchParamList(z.enum(['available', 'completed']));
  it('accepts one value or many and drops values the item schema rejects', () => {
    expect(states.parse('available')).toEqual(['available']);
    expect(states.parse(['available', 'bogus', 'completed'])).toEqual(['available', 'completed']);
    expect(states.parse(undefined)).toEqual([]);
  });
});

describe('writeSearchParams', () => {
  it('omits defaults and empty values, repeats arrays and keeps unknown keys', () => {
    const current = new URLSearchParams('selected=5&page=3');
    const next = writeSearchParams(
      current,
      { page: 1, order: 'desc', state: ['available', 'completed'], search_term: '' },
      { page: 1, order: 'asc', state: [], search_term: '' },
    );
    expect(next.toString()).toBe('selected=5&order=desc&state=available&state=completed');
  });
});
