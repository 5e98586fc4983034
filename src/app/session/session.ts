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

/** `GET /auth/session`: who the dashboard acts as. In proxy mode `demo_users` is empty. */
export const Session = z.object({
  mode: z.enum(['sandbox', 'proxy']),
  user: SessionUser.nullable(),
  demo_user: z.string().nullable(),
  demo_users: z.array(DemoUser),
});
export type Session = z.infer<typeof Session>;

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
