import { describe, expect, it } from 'vitest';
import { numericPageOf, parseLinkHeader, withPageNumber } from './linkHeader.ts';

const REQUEST = 'https://canvas.example.edu/api/v1/accounts/1/reports/sis_export_csv?per_page=20';

describe('parseLinkHeader', () => {
  it('parses Canvas links joined by a bare comma', () => {
    const base = 'https://canvas.example.edu/api/v1/accounts/1/reports/sis_export_csv';
    const header = [
      `<${base}?page=2&per_page=20>; rel="current"`,
      `<${base}?page=3&per_page=20>; rel="next"`,
      `<${base}?page=1&per_page=20>; rel="prev"`,
      `<${base}?page=1&per_page=20>; rel="first"`,
      `<${base}?page=7&per_page=20>; rel="last"`,
    ].join(',');
    expect(parseLinkHeader(header, REQUEST)).toEqual({
      current: `${base}?page=2&per_page=20`,
      next: `${base}?page=3&per_page=20`,
      prev: `${base}?page=1&per_page=20`,
      first: `${base}?page=1&per_page=20`,
      last: `${base}?page=7&per_page=20`,
    });
  });

  it('accepts spaces around separators and unquoted rels', () => {
    const header = '<https://h.test/a?page=2> ;  rel="next" ,  <https://h.test/a?page=9>;rel=last';
    expect(parseLinkHeader(header, 'https://h.test/a')).toEqual({
      next: 'https://h.test/a?page=2',
      last: 'https://h.test/a?page=9',
    });
  });

  it('resolves host-relative links against the request URL', () => {
    const header =
      '</api/v1/users/self/user_generated_tokens?page=first&per_page=10>; rel="current",' +
      '</api/v1/users/self/user_generated_tokens?page=bookmark:WyIyMDI1Il0&per_page=10>; rel="next"';
    const links = parseLinkHeader(
      header,
      'https://canvas.example.edu/api/v1/users/self/user_generated_tokens',
    );
    expect(links.next).toBe(
      'https://canvas.example.edu/api/v1/users/self/user_generated_tokens?page=bookmark:WyIyMDI1Il0&per_page=10',
    );
    expect(links.current).toBe(
      'https://canvas.example.edu/api/v1/users/self/user_generated_tokens?page=first&per_page=10',
    );
  });

  it('leaves missing rels undefined', () => {
    const links = parseLinkHeader('<https://h.test/a?page=1>; rel="current"', 'https://h.test/a');
    expect(links).toEqual({ current: 'https://h.test/a?page=1' });
    expect(links.next).toBeUndefined();
    expect(links.last).toBeUndefined();
  });

  it('returns no links for a missing or empty header', () => {
    expect(parseLinkHeader(null, REQUEST)).toEqual({});
    expect(parseLinkHeader('', REQUEST)).toEqual({});
  });

  it('ignores unknown rels and entries without rel', () => {
    expect(parseLinkHeader('<https://h.test/x>; rel="alternate", <https://h.test/y>', REQUEST)).toEqual({});
  });

  it('keeps percent-encoded brackets of Canvas links as they are', () => {
    const link = 'https://h.test/api/v1/accounts/1/courses?include%5B%5D=term&page=2&per_page=100';
    expect(parseLinkHeader(`<${link}>; rel="next"`, REQUEST).next).toBe(link);
  });
});

describe('page helpers', () => {
  it('reads numeric pages and rejects bookmarks', () => {
    expect(numericPageOf('https://h.test/a?page=12&per_page=100')).toBe(12);
    expect(numericPageOf('https://h.test/a?page=bookmark:abc&per_page=100')).toBeUndefined();
    expect(numericPageOf('https://h.test/a?page=first')).toBeUndefined();
    expect(numericPageOf(undefined)).toBeUndefined();
  });

  it('replaces only the page value', () => {
    expect(withPageNumber('https://h.test/a?include%5B%5D=term&page=2&per_page=100', 7)).toBe(
      'https://h.test/a?include%5B%5D=term&page=7&per_page=100',
    );
    expect(withPageNumber('https://h.test/a?page=2&subpage=3', 5)).toBe('https://h.test/a?page=5&subpage=3');
  });
});
