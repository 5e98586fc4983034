import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.ts';

/** A Rails params hash: what a Canvas controller sees after Rack has parsed the request. */
export type ParamValue = string | number | boolean | null | ParamValue[] | ParamHash;
export interface ParamHash {
  [key: string]: ParamValue;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Parses `a[b][]=1&a[c]=2` style keys into nested hashes and arrays, the way Rack does:
 * `x[]` appends, and in `list[][k]` a new element starts whenever `k` repeats.
 */
export function parseNestedPairs(pairs: Iterable<[string, string]>): ParamHash {
  const root: ParamHash = {};
  for (const [rawKey, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match?.[1]) {
      root[rawKey] = value;
      continue;
    }
    const segments = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
    assignNested(root, match[1], segments, value);
  }
  return root;
}

function assignNested(container: ParamHash, key: string, segments: string[], value: string): void {
  if (segments.length === 0) {
    container[key] = value;
    return;
  }
  const [next, ...rest] = segments;
  if (next === '') {
    let list = container[key];
    if (!Array.isArray(list)) {
      list = [];
      container[key] = list;
    }
    if (rest.length === 0) {
      list.push(value);
      return;
    }
    // Array of hashes: reuse the last element unless it already holds the first key that follows.
    const childKey = rest[0] ?? '';
    const last = list[list.length - 1];
    let element: ParamHash;
    if (isHash(last) && !(childKey in last && rest.length === 1)) {
      element = last;
    } else {
      element = {};
      list.push(element);
    }
    assignNested(element, childKey, rest.slice(1), value);
    return;
  }
  let child = container[key];
  if (!isHash(child)) {
    child = {};
    container[key] = child;
  }
  assignNested(child, next ?? '', rest, value);
}

export function isHash(value: unknown): value is ParamHash {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: ParamHash, source: ParamHash): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isHash(existing) && isHash(value)) mergeInto(existing, value);
    else target[key] = value;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, { errors: [{ message: 'Request entity too large' }] });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function jsonToParams(value: unknown): ParamValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (Array.isArray(value)) return value.map(jsonToParams);
  if (typeof value === 'object') {
    const hash: ParamHash = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) hash[k] = jsonToParams(v);
    return hash;
  }
  return null;
}

/** Query string, then the body (form, multipart or JSON) merged over it, as Rails merges them. */
export async function parseRequestParams(req: IncomingMessage, url: URL): Promise<ParamHash> {
  const params = parseNestedPairs(url.searchParams.entries());
  if (req.method === 'GET' || req.method === 'HEAD') return params;
  const body = await readBody(req);
  if (body.length === 0) return params;
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError(400, { errors: [{ message: 'The request body is not valid JSON.' }] });
    }
    // Rails exposes a top-level JSON array as params[:_json].
    const asParams = jsonToParams(parsed);
    mergeInto(params, isHash(asParams) ? asParams : { _json: asParams });
  } else if (contentType.includes('multipart/form-data')) {
    const form = await new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: new Uint8Array(body),
    }).formData();
    const pairs: [string, string][] = [];
    form.forEach((value, key) => {
      if (typeof value === 'string') pairs.push([key, value]);
    });
    mergeInto(params, parseNestedPairs(pairs));
  } else {
    mergeInto(params, parseNestedPairs(new URLSearchParams(body.toString('utf8')).entries()));
  }
  return params;
}

/** `Canvas::Plugin.value_to_boolean`: case-insensitive words, else the integer value. */
export function toBoolean(value: ParamValue | undefined): boolean {
  if (value === true || value === false) return value;
  if (value === null || value === undefined) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return false;
  const word = value.trim().toLowerCase();
  if (['true', 't', 'yes', 'y', 'on', '1'].includes(word)) return true;
  if (['false', 'f', 'no', 'n', 'off', '0'].includes(word)) return false;
  const integer = Number.parseInt(word, 10);
  return Number.isFinite(integer) && integer !== 0;
}

/** Absent and present-but-false differ on many Canvas filters: undefined when absent. */
export function optionalBoolean(value: ParamValue | undefined): boolean | undefined {
  return value === undefined ? undefined : toBoolean(value);
}

export function stringParam(value: ParamValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** `x[]` params: Canvas ignores a scalar where it expects an array. */
export function arrayParam(value: ParamValue | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v) => v !== null && !isHash(v) && !Array.isArray(v)).map((v) => String(v));
}

export function hashParam(value: ParamValue | undefined): ParamHash | undefined {
  return isHash(value) ? value : undefined;
}

/** Rails' `blank?`: nil, false, whitespace-only strings and empty arrays or hashes. */
export function isBlank(value: ParamValue | undefined): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isHash(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * Ruby's `to_i` on a param: the leading integer of a string (`"12abc"` → 12, `"1_000"` → 1000,
 * else 0), a truncated number, nil → 0. Arrays and hashes count as 0 (strong params drop them).
 */
export function rubyToI(value: ParamValue | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') {
    // `true.to_i` is a NoMethodError in Canvas: an error report and a 500, before anything is written.
    throw new TypeError(`undefined method 'to_i' for ${value}`);
  }
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string') return 0;
  const match = /^\s*([+-]?\d+(?:_\d+)*)/.exec(value);
  return match?.[1] ? Number.parseInt(match[1].replaceAll('_', ''), 10) : 0;
}
