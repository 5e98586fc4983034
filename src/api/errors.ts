export type CanvasErrorKind =
  | 'unauthenticated'
  | 'unauthorized'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'other';

export interface CanvasApiErrorInit {
  status: number;
  kind: CanvasErrorKind;
  messages?: string[];
  fieldErrors?: Record<string, string[]>;
  body?: unknown;
  /** Overrides the default "first message, else a sentence for the kind". */
  message?: string;
  cause?: unknown;
}

const defaultMessages: Record<CanvasErrorKind, string> = {
  unauthenticated: 'You are not signed in to Canvas, or the access token is invalid or expired.',
  unauthorized: 'You are not allowed to do that in Canvas.',
  not_found: 'The requested Canvas resource does not exist.',
  bad_request: 'Canvas rejected the request.',
  rate_limited: 'Canvas rate limit exceeded; try again in a moment.',
  server: 'Canvas had an internal error.',
  network: 'Could not reach Canvas.',
  other: 'Unexpected response from Canvas.',
};

// Canvas's throttle answers with this plain-text body (on 403, or 429 on newer versions).
const RATE_LIMIT_TEXT = /rate limit exceeded/i;

export class CanvasApiError extends Error {
  status: number;
  kind: CanvasErrorKind;
  messages: string[];
  fieldErrors: Record<string, string[]>;
  body: unknown;

  constructor(init: CanvasApiErrorInit) {
    const messages = init.messages ?? [];
    super(init.message ?? messages[0] ?? defaultMessages[init.kind], { cause: init.cause });
    this.name = 'CanvasApiError';
    this.status = init.status;
    this.kind = init.kind;
    this.messages = messages;
    this.fieldErrors = init.fieldErrors ?? {};
    this.body = init.body;
  }

  /**
   * Builds the error for a non-2xx response. `body` is the parsed JSON, or the raw text when the
   * body was not JSON; `headers` lets a 401 with `WWW-Authenticate` count as an auth failure.
   */
  static fromResponse(status: number, body: unknown, headers?: Headers): CanvasApiError {
    const { messages, fieldErrors } = extractCanvasErrors(body);
    const kind = classify(status, body, headers, Object.keys(fieldErrors).length > 0);
    return new CanvasApiError({ status, kind, messages, fieldErrors, body });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bodyStatus(body: unknown): unknown {
  return isRecord(body) ? body.status : undefined;
}

function isRateLimitBody(body: unknown): boolean {
  return typeof body === 'string' && RATE_LIMIT_TEXT.test(body);
}

function classify(
  status: number,
  body: unknown,
  headers: Headers | undefined,
  hasFieldErrors: boolean,
): CanvasErrorKind {
  if (status === 429 || (status === 403 && isRateLimitBody(body))) return 'rate_limited';
  if (status === 401) return classify401(body, headers, hasFieldErrors);
  if (status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 400 || status === 409 || status === 422) return 'bad_request';
  if (status >= 500) return 'server';
  return 'other';
}

/**
 * Canvas uses 401 both for "who are you?" and, on older versions and a few endpoints, for "you may
 * not". Treating a refusal as a lost session would sign the admin out, so only the real auth
 * failures count as unauthenticated: the explicit status, a `WWW-Authenticate` challenge (sent
 * with every token error), or a body that is not one of the endpoint-specific refusals (account
 * update's attribute-keyed errors, sub-account `{"message":...}`, course create `{"error":...}`).
 */
function classify401(body: unknown, headers: Headers | undefined, hasFieldErrors: boolean): CanvasErrorKind {
  const status = bodyStatus(body);
  if (status === 'unauthorized') return 'unauthorized';
  if (status === 'unauthenticated') return 'unauthenticated';
  if (headers?.has('www-authenticate')) return 'unauthenticated';
  const isEndpointRefusal =
    hasFieldErrors ||
    (isRecord(body) && (typeof body.message === 'string' || typeof body.error === 'string'));
  return isEndpointRefusal ? 'unauthorized' : 'unauthenticated';
}

interface ExtractedErrors {
  messages: string[];
  fieldErrors: Record<string, string[]>;
}

/** Collects every human message and attribute error from any of Canvas's error body shapes. */
function extractCanvasErrors(body: unknown): ExtractedErrors {
  const found: ExtractedErrors = { messages: [], fieldErrors: {} };
  if (typeof body === 'string') {
    const text = plainTextMessage(body);
    if (text) found.messages.push(text);
  } else if (Array.isArray(body)) {
    collectErrorList(body, found);
  } else if (isRecord(body)) {
    const { errors } = body;
    if (typeof errors === 'string') found.messages.push(errors);
    else if (Array.isArray(errors)) collectErrorList(errors, found);
    else if (isRecord(errors)) collectAttributeErrors(errors, [], found);
    if (typeof body.error === 'string') found.messages.push(body.error);
    if (typeof body.message === 'string') found.messages.push(body.message);
  }
  return found;
}

function addFieldError(found: ExtractedErrors, field: string, message: string): void {
  const list = found.fieldErrors[field] ?? [];
  if (!list.includes(message)) list.push(message);
  found.fieldErrors[field] = list;
}

// HTML error pages (proxies, maintenance pages) are noise to a user; short plain text is shown as is.
function plainTextMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('<')) return undefined;
  const firstLine = trimmed.split('\n', 1)[0] ?? trimmed;
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine;
}

/**
 * `[{message}]`, `[{field, message, error_code}]`, `[{field: 'search_term', code, message}]` and the
 * bookmark complaint `[{page: '...'}]`.
 */
function collectErrorList(entries: unknown[], found: ExtractedErrors): void {
  for (const entry of entries) {
    if (typeof entry === 'string') {
      found.messages.push(entry);
      continue;
    }
    if (!isRecord(entry)) continue;
    const message =
      typeof entry.message === 'string'
        ? entry.message
        : typeof entry.page === 'string'
          ? entry.page
          : undefined;
    if (message === undefined) continue;
    found.messages.push(message);
    const field =
      typeof entry.field === 'string'
        ? entry.field
        : typeof entry.attribute === 'string'
          ? entry.attribute
          : null;
    if (field) addFieldError(found, field, message);
  }
}

/**
 * `{name: [{attribute, type, message}]}`, `{unparsable_content: 'text'}`, and the composite
 * user-create body `{user: {name: [...]}, pseudonym: {unique_id: [...]}, observee: {}, recaptcha: null}`
 * whose groups are recorded both under the dotted path and the bare attribute.
 */
function collectAttributeErrors(
  errors: Record<string, unknown>,
  prefix: string[],
  found: ExtractedErrors,
): void {
  for (const [key, value] of Object.entries(errors)) {
    const path = [...prefix, key];
    if (isRecord(value)) {
      collectAttributeErrors(value, path, found);
      continue;
    }
    const messages = attributeMessages(value);
    for (const message of messages) {
      found.messages.push(message);
      addFieldError(found, path.join('.'), message);
      if (path.length > 1) addFieldError(found, key, message);
    }
  }
}

function attributeMessages(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  const messages: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') messages.push(item);
    else if (isRecord(item)) {
      // Canvas falls back to the validator code in `type` when a message has no text.
      const text = typeof item.message === 'string' ? item.message : item.type;
      if (typeof text === 'string') messages.push(text);
    }
  }
  return messages;
}
