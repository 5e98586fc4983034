/** Pagination links of one response, as absolute URLs. */
export interface PageLinks {
  current?: string;
  next?: string;
  prev?: string;
  first?: string;
  last?: string;
}

const RELS = ['current', 'next', 'prev', 'first', 'last'] as const;
type Rel = (typeof RELS)[number];

function isRel(value: string): value is Rel {
  return (RELS as readonly string[]).includes(value);
}

// One entry is `<URL>` followed by its parameters up to the next `<`; this copes with Canvas's bare
// `,` separators as well as `, ` and stray whitespace.
const LINK_ENTRY = /<([^>]*)>([^<]*)/g;
const REL_PARAM = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i;

/**
 * Parses a `Link` header. Canvas sends absolute URLs almost everywhere but host-relative ones on
 * the token list, so every URL is resolved against the URL that was requested.
 */
export function parseLinkHeader(header: string | null, requestUrl: string): PageLinks {
  const links: PageLinks = {};
  if (!header) return links;
  for (const [, target = '', params = ''] of header.matchAll(LINK_ENTRY)) {
    const relMatch = REL_PARAM.exec(params);
    const relValue = relMatch?.[1] ?? relMatch?.[2];
    if (!relValue) continue;
    const url = resolveUrl(target.trim(), requestUrl);
    if (!url) continue;
    for (const rel of relValue.trim().split(/\s+/)) {
      if (isRel(rel) && links[rel] === undefined) links[rel] = url;
    }
  }
  return links;
}

function resolveUrl(target: string, base: string): string | undefined {
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

/** The `page` value of a link when it is an ordinal page number; undefined for bookmarks. */
export function numericPageOf(url: string | undefined): number | undefined {
  return url === undefined ? undefined : numericQueryValue(url, 'page');
}

export function numericQueryValue(url: string, name: string): number | undefined {
  const value = queryValue(url, name);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function queryValue(url: string, name: string): string | undefined {
  try {
    return new URL(url).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The same link pointing at another ordinal page. Only the `page` value is replaced so the rest of
 * the URL Canvas built stays byte for byte as it was.
 */
export function withPageNumber(url: string, page: number): string {
  return url.replace(/([?&])page=[^&#]*/, `$1page=${page}`);
}
