import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { CanvasApiError } from '../../api/errors.ts';

/** One of the sandbox's demo users that "Sign in as" can switch to. */
export const DemoUser = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
});
export type DemoUser = z.infer<typeof DemoUser>;

export const SessionUser = z.object({
  id: z.number(),
  name: z.string(),
  sortable_name: z.string().nullish(),
  short_name: z.string().nullish(),
  login_id: z.string().nullish(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/**
 * `GET /auth/session`: who the dashboard acts as. Connected to a real Canvas (`mode: 'canvas'`)
 * `demo_users` is empty and `auth` says whether admins signed in (`oauth`) or the server holds one
 * token (`token`, no sign-out).
 */
export const Session = z.object({
  mode: z.enum(['sandbox', 'canvas']),
  auth: z.enum(['oauth', 'token']).optional(),
  user: SessionUser.nullable(),
  canvas_url: z.string().optional(),
  demo_user: z.string().nullable(),
  demo_users: z.array(DemoUser),
});
export type Session = z.infer<typeof Session>;

/** The 401 body of `/auth/session` (and of the API) when the browser must sign in with Canvas. */
export const SignInRequired = z.object({
  sign_in_url: z.string(),
  canvas_url: z.string(),
  reason: z.enum(['signed_out', 'session_ended']),
});
export type SignInRequired = z.infer<typeof SignInRequired>;

/** What to show on the sign-in page, when `error` says the server wants a Canvas sign-in. */
export function signInRequiredBy(error: unknown): SignInRequired | undefined {
  if (!(error instanceof CanvasApiError) || error.status !== 401) return undefined;
  const parsed = SignInRequired.safeParse(error.body);
  return parsed.success ? parsed.data : undefined;
}

export const sessionKeys = {
  all: ['session'] as const,
};

interface AuthRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST';
  body?: unknown;
  schema: S;
  signal?: AbortSignal;
}

/**
 * The `/auth/*` endpoints belong to our server, not to Canvas's `/api/v1`, so they are called
 * directly; errors and validation still follow the typed client's rules (CanvasApiError, zod).
 */
async function authRequest<S extends z.ZodType>(
  path: string,
  { method = 'GET', body, schema, signal }: AuthRequest<S>,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'canvas-admin' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new CanvasApiError({ status: 0, kind: 'network', cause: error });
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.trim() === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): keep the text for the error message.
  }
  if (!response.ok) throw CanvasApiError.fromResponse(response.status, parsed, response.headers);
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new CanvasApiError({
      status: response.status,
      kind: 'other',
      body: parsed,
      message: `Unexpected response from ${method} ${path}`,
      cause: result.error,
    });
  }
  return result.data;
}

export function fetchSession(signal?: AbortSignal): Promise<Session> {
  return authRequest('/auth/session', { schema: Session, signal });
}

export const sessionQueryOptions = queryOptions({
  queryKey: sessionKeys.all,
  queryFn: ({ signal }) => fetchSession(signal),
  // The session changes only through this app (sign in as), which writes the new value itself.
  staleTime: Number.POSITIVE_INFINITY,
});

/** The current session; every API call depends on it because the first GET starts the cookie session. */
export function useSession() {
  return useQuery(sessionQueryOptions);
}

export const SignInAsInput = z.object({ user: z.string().min(1) });
export type SignInAsInput = z.infer<typeof SignInAsInput>;

export function signInAs(input: SignInAsInput): Promise<Session> {
  return authRequest('/auth/sandbox/sign-in-as', {
    method: 'POST',
    body: SignInAsInput.parse(input),
    schema: Session,
  });
}

/**
 * Switches the sandbox session to another demo user. Everything cached belonged to the previous
 * user, so the whole cache goes; `onSwitched` lets the caller move to a page every role can open.
 */
export function useSignInAs({ onSwitched }: { onSwitched?: (session: Session) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signInAs,
    onSuccess: async (session) => {
      await queryClient.cancelQueries();
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.all, session);
      onSwitched?.(session);
    },
  });
}

export const SignedOut = z.object({ signed_out: z.literal(true) });

export function signOut(): Promise<z.infer<typeof SignedOut>> {
  return authRequest('/auth/sign-out', { method: 'POST', schema: SignedOut });
}

/**
 * Ends the Canvas session (the server deletes the token at Canvas). The cache belonged to the
 * signed-in user, so it goes; refetching the session then brings up the sign-in page.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      await queryClient.cancelQueries();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
      await queryClient.resetQueries({ queryKey: sessionKeys.all });
    },
  });
}
