import { describe, expect, it } from 'vitest';
import { encodeParams } from './params.ts';

describe('encodeParams', () => {
  it('encodes scalars, booleans and numbers', () => {
    expect(encodeParams({ search_term: 'chem lab', per_page: 100, recursive: true, published: false })).toBe(
      'search_term=chem%20lab&per_page=100&recursive=true&published=false',
    );
  });

  it('repeats array keys with []', () => {
    expect(encodeParams({ include: ['term', 'teachers'] })).toBe('include[]=term&include[]=teachers');
  });

  it('nests objects with brackets', () => {
    expect(
      encodeParams({
        account: { name: 'Eng & Science', settings: { lock_all_announcements: { value: true } } },
      }),
    ).toBe('account[name]=Eng%20%26%20Science&account[settings][lock_all_announcements][value]=true');
  });

  it('encodes arrays of objects the way Rack rebuilds them', () => {
    expect(
      encodeParams({
        _json: [
          { id: 1, visible: true },
          { id: 2, visible: false },
        ],
      }),
    ).toBe('_json[][id]=1&_json[][visible]=true&_json[][id]=2&_json[][visible]=false');
  });

  it('encodes arrays nested in objects', () => {
    expect(encodeParams({ token: { scopes: ['url:GET|/api/v1/courses'] } })).toBe(
      'token[scopes][]=url%3AGET%7C%2Fapi%2Fv1%2Fcourses',
    );
  });

  it('writes dates as ISO 8601', () => {
    expect(encodeParams({ starts_before: new Date(Date.UTC(2025, 0, 13, 7, 0, 0)) })).toBe(
      'starts_before=2025-01-13T07%3A00%3A00.000Z',
    );
  });

  it('skips null and undefined at every level, and empty arrays', () => {
    expect(
      encodeParams({
        a: null,
        b: undefined,
        c: ['x', null, undefined, 'y'],
        d: { e: null, f: 'g' },
        h: [],
        i: 0,
        j: '',
      }),
    ).toBe('c[]=x&c[]=y&d[f]=g&i=0&j=');
  });

  it('percent-encodes keys and values but keeps brackets literal', () => {
    expect(encodeParams({ 'weird key': { 'a b': 'c=d' } })).toBe('weird%20key[a%20b]=c%3Dd');
  });

  it('returns an empty string for no params', () => {
    expect(encodeParams({})).toBe('');
  });
});
