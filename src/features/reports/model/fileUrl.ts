/**
 * Report files always come through the dashboard's own origin: Canvas names its own host in
 * `file_url` and sends no CORS headers, and our server forwards the same path with the admin's token.
 */
export function sameOriginFileUrl(url: string): string {
  const parsed = new URL(url, 'http://same-origin.invalid');
  return `${parsed.pathname}${parsed.search}`;
}
