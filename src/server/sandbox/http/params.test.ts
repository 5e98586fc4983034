import { describe, expect, it } from 'vitest';
import { arrayParam, optionalBoolean, parseNestedPairs, toBoolean } from './params.ts';

describe('parseNestedPairs (Rack nested params)', () => {
  it('builds hashes and arrays from bracketed keys', () => {
    const params = parseNestedPairs(
      new URLSearchParams(
        'include[]=term&include[]=teachers&account[name]=Eng&account[settings][a]=1&x=y',
      ).entries(),
    );
    expect(params).toEqual({
      include: ['term', 'teachers'],
      account: { name: 'Eng', settings: { a: '1' } },
      x: 'y',
    });
  });

  it('starts a new array element whenever a key repeats, as Rack does for list[][key]', () => {
    const params = parseNestedPairs(
      new URLSearchParams(
        '_json[][id]=1&_json[][visible]=true&_json[][id]=2&_json[][visible]=false',
      ).entries(),
    );
    expect(params._json).toEqual([
      { id: '1', visible: 'true' },
      { id: '2', visible: 'false' },
    ]);
  });

  it('keeps keys that are not bracket-shaped as plain keys', () => {
    expect(parseNestedPairs([['weird]key', 'v']])).toEqual({ 'weird]key': 'v' });
  });
});

describe('toBoolean (Canvas::Plugin.value_to_boolean)', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['t', true],
    ['Yes', true],
    ['on', true],
    ['1', true],
    ['2', true],
    ['false', false],
    ['f', false],
    ['no', false],
    ['off', false],
    ['0', false],
    ['abc', false],
  ])('%s → %s', (input, expected) => {
    expect(toBoolean(input)).toBe(expected);
  });

  it('treats missing as false but keeps absent distinct for filters', () => {
    expect(toBoolean(undefined)).toBe(false);
    expect(optionalBoolean(undefined)).toBeUndefined();
    expect(optionalBoolean('false')).toBe(false);
  });
});

describe('arrayParam', () => {
  it('ignores a scalar where Canvas expects x[]', () => {
    expect(arrayParam('student')).toBeUndefined();
    expect(arrayParam(['student', 'teacher'])).toEqual(['student', 'teacher']);
  });
});
