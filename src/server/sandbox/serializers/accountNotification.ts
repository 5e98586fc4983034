import { NIL_ENROLLMENT_ROLE } from '../../../api/schemas/accountNotification.ts';
import type { Db } from '../db/connection.ts';

export interface AccountNotificationRow {
  id: number;
  account_id: number;
  /** The author. */
  user_id: number | null;
  subject: string;
  message: string;
  icon: string;
  start_at: string;
  end_at: string;
  send_message: number;
  required_account_service: string | null;
  months_in_display_cycle: number | null;
  domain_specific: number;
  workflow_state: 'active' | 'deleted';
  created_at: string;
  updated_at: string;
}

/** A targeted role; `role_id` null is the NilEnrollment pseudo-role. */
export interface NotificationRoleTarget {
  role_id: number | null;
  role_name: string | null;
}

/** The targeted roles of each notification, in the order they were added (as Canvas lists them). */
export function preloadNotificationRoles(
  db: Db,
  notificationIds: number[],
): Map<number, NotificationRoleTarget[]> {
  const rows = db
    .prepare(
      `SELECT anr.account_notification_id, anr.role_id, r.name AS role_name
       FROM account_notification_roles anr LEFT JOIN roles r ON r.id = anr.role_id
       WHERE anr.account_notification_id IN (SELECT value FROM json_each(?))
       ORDER BY anr.id`,
    )
    .all(JSON.stringify(notificationIds)) as (NotificationRoleTarget & { account_notification_id: number })[];
  const byNotification = new Map<number, NotificationRoleTarget[]>(notificationIds.map((id) => [id, []]));
  for (const row of rows) {
    byNotification.get(row.account_notification_id)?.push({ role_id: row.role_id, role_name: row.role_name });
  }
  return byNotification;
}

export interface AccountNotificationJsonOptions {
  roles: NotificationRoleTarget[];
  /** Only the admin `include_all` index names the author (`display_author`); null elsewhere. */
  author?: { id: number; short_name: string } | null;
  /** Only with `show_is_closed=true`. */
  closed?: boolean;
}

/** `account_notification_json` (`lib/api/v1/account_notifications.rb`). */
export function accountNotificationJson(
  row: AccountNotificationRow,
  options: AccountNotificationJsonOptions,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: row.id,
    subject: row.subject,
    // Canvas sanitizes again on the way out; stored messages are already clean, so this is a no-op
    // for them and a safety net for rows written by anything but the API.
    message: sanitizeNotificationHtml(row.message),
    start_at: row.start_at,
    end_at: row.end_at,
    icon: row.icon,
    role_ids: options.roles.map((role) => role.role_id),
    roles: options.roles.map((role) => role.role_name ?? NIL_ENROLLMENT_ROLE),
    author: options.author ? { id: options.author.id, name: options.author.short_name } : null,
  };
  if (options.closed !== undefined) json.closed = options.closed;
  return json;
}

// ---------------------------------------------------------------------------------------------
// HTML sanitizing
//
// Canvas runs notification messages through its allow-list sanitizer on save. The server has no
// DOM (DOMPurify needs one), so this is a small allow-list sanitizer of its own: it tokenizes the
// input the way an HTML tokenizer does and writes a brand-new document from the tokens it keeps.
// Nothing of the input is passed through unparsed: tag and attribute names come from the lists
// below, every attribute value is re-quoted and escaped, text is escaped, and URLs are checked
// after decoding the character references a browser would decode. Whatever a browser makes of
// the output, it can only contain what was written here.

const GLOBAL_ATTRIBUTES = ['style', 'title', 'dir', 'lang'] as const;

/** Elements a banner may contain, with their own attributes beyond the global ones. */
const ALLOWED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  // `rel` is never taken from the input: links opening a new tab get their own.
  a: ['href', 'target'],
  abbr: [],
  b: [],
  blockquote: [],
  br: [],
  caption: [],
  code: [],
  del: [],
  div: [],
  em: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ['src', 'alt', 'width', 'height'],
  ins: [],
  li: [],
  mark: [],
  ol: ['start'],
  p: [],
  pre: [],
  s: [],
  small: [],
  span: [],
  strike: [],
  strong: [],
  sub: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['colspan', 'rowspan'],
  tfoot: [],
  th: ['colspan', 'rowspan', 'scope'],
  thead: [],
  tr: [],
  u: [],
  ul: [],
};

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Elements whose content is text to the tokenizer up to their own end tag; all are dropped whole. */
const RAW_TEXT_ELEMENTS = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);

/** Elements dropped with everything inside them (other disallowed elements keep their content). */
const DROPPED_WITH_CONTENT = new Set([
  'template',
  'svg',
  'math',
  'object',
  'select',
  'head',
  'button',
  'frameset',
]);

const URL_SCHEMES: Readonly<Record<string, readonly string[]>> = {
  href: ['http', 'https', 'mailto', 'tel', 'ftp'],
  src: ['http', 'https'],
};

const STYLE_PROPERTIES = new Set([
  'color',
  'background-color',
  'text-align',
  'text-decoration',
  'font-weight',
  'font-style',
]);
/** Plain words, numbers, colours and rgb()/hsl(); no url(), escapes, entities or expressions. */
const SAFE_STYLE_VALUE = /^(?:[#a-z0-9 .,%-]|(?:rgba?|hsla?)\([0-9 .,%]*\))+$/i;

const CHARACTER_REFERENCE = /&(?:#[0-9]{1,8}|#x[0-9a-f]{1,8}|[a-z][a-z0-9]{0,31});/iy;

function startsCharacterReference(text: string, offset: number): boolean {
  CHARACTER_REFERENCE.lastIndex = offset;
  return CHARACTER_REFERENCE.test(text);
}

/** Escapes text so that it stays text; existing character references are kept as they are. */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char, offset: number) => {
    if (char === '<') return '&lt;';
    if (char === '>') return '&gt;';
    return startsCharacterReference(text, offset) ? '&' : '&amp;';
  });
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

const NAMED_URL_REFERENCES: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  quest: '?',
  num: '#',
  amp: '&',
};

/** The URL a browser would see, as far as the scheme check needs it. */
function decodeForUrlCheck(value: string): string {
  return value
    .replace(
      /&#(?:x([0-9a-f]+)|([0-9]+));?/gi,
      (_match, hex: string | undefined, decimal: string | undefined) => {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      },
    )
    .replace(/&([a-z]+);/gi, (match, name: string) => NAMED_URL_REFERENCES[name.toLowerCase()] ?? match);
}

function isSafeUrl(value: string, schemes: readonly string[]): boolean {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const compact = decodeForUrlCheck(value).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const schemePart = /^[^/?#]*/.exec(compact)?.[0] ?? '';
  // A reference the decoder left alone could hide a colon; refuse rather than guess.
  if (schemePart.includes('&')) return false;
  const colon = schemePart.indexOf(':');
  if (colon === -1) return true;
  return schemes.includes(schemePart.slice(0, colon).toLowerCase());
}

function sanitizeStyle(value: string): string | undefined {
  const declarations: string[] = [];
  for (const declaration of value.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const propertyValue = declaration.slice(colon + 1).trim();
    if (
      STYLE_PROPERTIES.has(property) &&
      propertyValue !== '' &&
      propertyValue.length <= 64 &&
      SAFE_STYLE_VALUE.test(propertyValue)
    ) {
      declarations.push(`${property}: ${propertyValue}`);
    }
  }
  return declarations.length > 0 ? declarations.join('; ') : undefined;
}

function sanitizeAttribute(element: string, name: string, value: string): string | undefined {
  if (
    !(GLOBAL_ATTRIBUTES as readonly string[]).includes(name) &&
    !ALLOWED_ELEMENTS[element]?.includes(name)
  ) {
    return undefined;
  }
  const schemes = URL_SCHEMES[name];
  if (schemes) return isSafeUrl(value, schemes) ? value.trim() : undefined;
  if (name === 'style') return sanitizeStyle(value);
  if (name === 'target') return value === '_blank' || value === '_self' ? value : undefined;
  if (['width', 'height', 'colspan', 'rowspan', 'start'].includes(name)) {
    return /^\d{1,4}$/.test(value.trim()) ? value.trim() : undefined;
  }
  return value;
}

interface Tag {
  name: string;
  attributes: [string, string][];
  /** Index just past the tag's `>`. */
  end: number;
}

const WHITESPACE = /[\t\n\f\r ]/;

/** Reads a start tag whose name begins at `start` (just after `<`); undefined when the input ends inside it. */
function readStartTag(html: string, start: number): Tag | undefined {
  let i = start;
  while (i < html.length && !WHITESPACE.test(html[i] ?? '') && html[i] !== '/' && html[i] !== '>') i++;
  const name = html.slice(start, i).toLowerCase();
  const attributes: [string, string][] = [];
  while (i < html.length) {
    const char = html[i] ?? '';
    if (WHITESPACE.test(char) || char === '/') {
      i++;
      continue;
    }
    if (char === '>') return { name, attributes, end: i + 1 };
    const nameStart = i;
    i++; // a leading '=' belongs to the name
    while (i < html.length && !/[\t\n\f\r />=]/.test(html[i] ?? '')) i++;
    const attributeName = html.slice(nameStart, i).toLowerCase();
    while (i < html.length && WHITESPACE.test(html[i] ?? '')) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < html.length && WHITESPACE.test(html[i] ?? '')) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close === -1) return undefined;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < html.length && !WHITESPACE.test(html[i] ?? '') && html[i] !== '>') i++;
        value = html.slice(valueStart, i);
      }
    }
    // The first occurrence of an attribute wins, as in browsers.
    if (!attributes.some(([existing]) => existing === attributeName)) attributes.push([attributeName, value]);
  }
  return undefined;
}

/** Index just past the end tag of raw-text element `name` from `from`, or the input's length. */
function skipRawText(html: string, from: number, name: string): number {
  const closing = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'ig');
  closing.lastIndex = from;
  const match = closing.exec(html);
  if (!match) return html.length;
  const close = html.indexOf('>', match.index);
  return close === -1 ? html.length : close + 1;
}

/** Allow-list sanitizing of user HTML: unsafe elements, attributes, styles and URLs are removed. */
export function sanitizeNotificationHtml(html: string): string {
  let out = '';
  const open: string[] = [];
  /** Names of dropped-with-content elements we are inside, innermost last. */
  const dropping: string[] = [];
  let i = 0;
  const emitText = (text: string) => {
    if (dropping.length === 0) out += escapeText(text);
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      emitText(html.slice(i));
      break;
    }
    emitText(html.slice(i, lt));
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      // `<!-->` and `<!--->` are complete (empty) comments; `--!>` also closes one.
      const body = lt + 4;
      if (html.startsWith('>', body) || html.startsWith('->', body)) {
        i = html.indexOf('>', body) + 1;
        continue;
      }
      const close = /--!?>/g;
      close.lastIndex = body;
      const match = close.exec(html);
      i = match ? match.index + match[0].length : html.length;
      continue;
    }
    if (next === '!' || next === '?' || (next === '/' && !/[a-z]/i.test(html[lt + 2] ?? ''))) {
      // Bogus comments (doctype, CDATA, processing instructions, `</3`) run to the next `>`.
      const close = html.indexOf('>', lt + 2);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    if (next === '/') {
      const nameMatch = /^[^\t\n\f\r />]+/.exec(html.slice(lt + 2));
      const name = (nameMatch?.[0] ?? '').toLowerCase();
      const close = html.indexOf('>', lt + 2);
      i = close === -1 ? html.length : close + 1;
      if (close === -1) break;
      if (dropping.length > 0) {
        if (dropping[dropping.length - 1] === name) dropping.pop();
        continue;
      }
      const index = open.lastIndexOf(name);
      if (index !== -1) {
        for (const element of open.splice(index).reverse()) out += `</${element}>`;
      }
      continue;
    }
    if (!/[a-z]/i.test(next)) {
      emitText('<');
      i = lt + 1;
      continue;
    }
    const tag = readStartTag(html, lt + 1);
    if (!tag) break; // a tag cut off by the end of the input is dropped, as browsers do
    i = tag.end;
    if (tag.name === 'plaintext') break;
    if (RAW_TEXT_ELEMENTS.has(tag.name)) {
      i = skipRawText(html, i, tag.name);
      continue;
    }
    if (dropping.length > 0) {
      if (DROPPED_WITH_CONTENT.has(tag.name) && !VOID_ELEMENTS.has(tag.name)) dropping.push(tag.name);
      continue;
    }
    if (DROPPED_WITH_CONTENT.has(tag.name)) {
      dropping.push(tag.name);
      continue;
    }
    if (!ALLOWED_ELEMENTS[tag.name]) continue;
    let attributes = '';
    for (const [name, value] of tag.attributes) {
      const safe = sanitizeAttribute(tag.name, name, value);
      if (safe !== undefined) attributes += ` ${name}="${escapeAttribute(safe)}"`;
    }
    // A new tab must not get a handle on this page.
    if (tag.name === 'a' && attributes.includes(' target="_blank"'))
      attributes += ' rel="noopener noreferrer"';
    out += `<${tag.name}${attributes}>`;
    if (!VOID_ELEMENTS.has(tag.name)) open.push(tag.name);
  }
  for (const element of open.reverse()) out += `</${element}>`;
  return out;
}
