import { z } from 'zod';
import {
  STUDENT_TOKEN_MAX_EXPIRY_DAYS,
  TOKEN_PURPOSE_MAX_LENGTH,
  TokenScope,
} from '../../../api/schemas/token.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The expiry rules Canvas applies to the person creating a token (always the signed-in user, also
 * when an admin creates a token for someone else).
 */
export interface ExpiryPolicy {
  /** An expiry must be given ("none" is not offered). */
  required: boolean;
  /** The expiry may be at most this many days ahead; null = no cap. */
  maxDays: number | null;
  /** The rule in a sentence, shown next to the field; null when there is no rule. */
  reason: string | null;
}

export const UNRESTRICTED_EXPIRY: ExpiryPolicy = { required: false, maxDays: null, reason: null };

/** `TokensController#create`: users whose only enrollments are student ones. */
export const STUDENT_EXPIRY_POLICY: ExpiryPolicy = {
  required: true,
  maxDays: STUDENT_TOKEN_MAX_EXPIRY_DAYS,
  reason: `Canvas requires students to set an expiry at most ${STUDENT_TOKEN_MAX_EXPIRY_DAYS} days ahead.`,
};

export const EXPIRY_PRESET_DAYS = [30, 90, 120] as const;
export const EXPIRY_CHOICES = ['keep', '30', '90', '120', 'custom', 'never'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

/**
 * What the form is for: a new token, changes to an existing one (its expiry may stay as it is),
 * or a regeneration, which needs a new expiry when the token has expired.
 */
export type TokenFormMode =
  | { kind: 'create' }
  | { kind: 'edit'; currentExpiresAt: string | null }
  | { kind: 'regenerate'; expired: boolean };

export interface ExpiryChoiceOption {
  value: ExpiryChoice;
  label: string;
  /** Why the choice is unavailable, if it is. */
  disabledReason?: string;
}

export const PURPOSE_REQUIRED = 'Purpose is required';
export const PURPOSE_TOO_LONG = `Purpose is too long (maximum is ${TOKEN_PURPOSE_MAX_LENGTH} characters)`;
// The next three are Canvas's own messages (bare-array 400 bodies of TokensController).
export const EXPIRY_REQUIRED = 'Expiration date is required';
export const EXPIRY_INVALID = 'Invalid expiration date format';
export const expiryTooFar = (maxDays: number) =>
  `Expiration date cannot be more than ${maxDays} days in the future`;
export const EXPIRY_IN_PAST =
  'Choose a time in the future: Canvas refuses an expired token from its first use';
export const SCOPES_REQUIRED = 'Choose at least one endpoint, or allow every endpoint';
export const REGENERATE_NEEDS_EXPIRY = 'An expired token needs a new expiry to be regenerated';

function formatDate(date: Date): string {
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The expiry choices the form offers, with the unavailable ones explained rather than hidden. */
export function expiryChoicesFor(mode: TokenFormMode, policy: ExpiryPolicy, now: Date): ExpiryChoiceOption[] {
  const options: ExpiryChoiceOption[] = [];
  if (mode.kind === 'edit') {
    const current = mode.currentExpiresAt ? formatDate(new Date(mode.currentExpiresAt)) : 'never';
    options.push({ value: 'keep', label: `Keep current (${current})` });
  }
  if (mode.kind === 'regenerate' && !mode.expired) {
    options.push({ value: 'keep', label: 'Keep current expiry' });
  }
  for (const days of EXPIRY_PRESET_DAYS) {
    const tooFar = policy.maxDays !== null && days > policy.maxDays;
    options.push({
      value: String(days) as ExpiryChoice,
      label: `${days} days (${formatDate(new Date(now.getTime() + days * DAY_MS))})`,
      disabledReason: tooFar ? expiryTooFar(policy.maxDays ?? days) : undefined,
    });
  }
  options.push({ value: 'custom', label: 'Custom date' });
  const neverBlocked = policy.required
    ? EXPIRY_REQUIRED
    : mode.kind === 'regenerate' && mode.expired
      ? REGENERATE_NEEDS_EXPIRY
      : undefined;
  options.push({ value: 'never', label: 'No expiry', disabledReason: neverBlocked });
  return options;
}

/** The choice a fresh form starts on: the longest preset the rules allow, or "keep" when editing. */
export function defaultExpiryChoice(mode: TokenFormMode, policy: ExpiryPolicy): ExpiryChoice {
  if (mode.kind === 'edit' || (mode.kind === 'regenerate' && !mode.expired)) return 'keep';
  const allowed = EXPIRY_PRESET_DAYS.filter((days) => policy.maxDays === null || days <= policy.maxDays);
  // 90 days balances convenience against exposure; a tighter cap picks the longest allowed.
  const preferred = allowed.includes(90) ? 90 : allowed[allowed.length - 1];
  return preferred === undefined ? 'custom' : (String(preferred) as ExpiryChoice);
}

/** `YYYY-MM-DDTHH:mm` in local time, the value format of `<input type="datetime-local">`. */
export function toDateTimeLocalValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}`;
}

const DATE_TIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** Parses a datetime-local value as local time; null when it is not one. */
export function parseDateTimeLocal(value: string): Date | null {
  if (!DATE_TIME_LOCAL.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface ExpiryValue {
  choice: ExpiryChoice;
  /** The custom expiry as typed, a datetime-local value; read only when `choice` is `custom`. */
  custom: string;
}

export interface TokenFormValues {
  purpose: string;
  expiry: ExpiryValue;
  /** Limit the token to `scopes`; otherwise it may call every endpoint its user may. */
  restrict: boolean;
  scopes: string[];
}

/**
 * What the form sends. `expires_at`: a date, null for "no expiry", undefined to leave it as it is.
 */
export interface TokenFormOutput {
  purpose: string;
  expires_at: Date | null | undefined;
  scopes: string[];
}

/** Presets count whole minutes from now, so the date shown and the date sent agree. */
function presetDate(days: number, now: Date): Date {
  const date = new Date(now.getTime() + days * DAY_MS);
  date.setSeconds(0, 0);
  return date;
}

function customExpiryProblem(custom: string, policy: ExpiryPolicy, now: Date): string | null {
  if (custom.trim() === '') return EXPIRY_REQUIRED;
  const parsed = parseDateTimeLocal(custom.trim());
  if (parsed === null) return EXPIRY_INVALID;
  if (parsed.getTime() <= now.getTime()) return EXPIRY_IN_PAST;
  if (policy.maxDays !== null && parsed.getTime() > now.getTime() + policy.maxDays * DAY_MS) {
    return expiryTooFar(policy.maxDays);
  }
  return null;
}

/**
 * The expiry field: the caller's policy (required, at most N days ahead), a custom date that parses
 * and lies in the future, and a new expiry to regenerate an expired token. Output: the date to send,
 * null for "no expiry", undefined to leave the token's expiry alone.
 */
export function expirySchema(mode: TokenFormMode, policy: ExpiryPolicy, now: Date) {
  return z
    .object({ choice: z.enum(EXPIRY_CHOICES), custom: z.string() })
    .transform((value, context): Date | null | undefined => {
      const option = expiryChoicesFor(mode, policy, now).find(
        (candidate) => candidate.value === value.choice,
      );
      const refusal = option ? option.disabledReason : EXPIRY_REQUIRED;
      if (refusal) {
        context.addIssue({ code: 'custom', path: ['choice'], message: refusal });
        return z.NEVER;
      }
      if (value.choice === 'keep') return undefined;
      if (value.choice === 'never') return null;
      if (value.choice !== 'custom') return presetDate(Number(value.choice), now);
      const problem = customExpiryProblem(value.custom, policy, now);
      if (problem) {
        context.addIssue({ code: 'custom', path: ['custom'], message: problem });
        return z.NEVER;
      }
      return parseDateTimeLocal(value.custom.trim());
    });
}

/**
 * The form's validation, mirroring Canvas's rules so that the usual mistakes are caught before a
 * round trip: purpose 1–255 characters, the expiry rules above, and well-formed
 * `url:METHOD|/path` scopes. Every field is checked, so all problems show at once. The server
 * still decides; its field errors are mapped back onto these fields.
 */
export function tokenFormSchema(mode: TokenFormMode, policy: ExpiryPolicy, now: Date) {
  return (
    z
      .object({
        purpose: z.string().trim().min(1, PURPOSE_REQUIRED).max(TOKEN_PURPOSE_MAX_LENGTH, PURPOSE_TOO_LONG),
        expiry: expirySchema(mode, policy, now),
        restrict: z.boolean(),
        scopes: z.array(TokenScope).transform((scopes) => [...new Set(scopes)]),
      })
      // Canvas reads an empty scope list as "unrestricted", the opposite of what was asked for.
      .refine((values) => !(values.restrict && values.scopes.length === 0), {
        path: ['scopes'],
        message: SCOPES_REQUIRED,
        // Checked even when other fields failed, so that every problem shows at once.
        when: ({ value }) => {
          const candidate = value as { restrict?: unknown; scopes?: unknown };
          return typeof candidate.restrict === 'boolean' && Array.isArray(candidate.scopes);
        },
      })
      .transform(
        ({ purpose, expiry, restrict, scopes }): TokenFormOutput => ({
          purpose,
          expires_at: expiry,
          scopes: restrict ? scopes : [],
        }),
      )
  );
}

/** Regenerating asks for an expiry only (a new one when the token has expired). */
export function regenerateFormSchema(mode: TokenFormMode, policy: ExpiryPolicy, now: Date) {
  return z.object({ expiry: expirySchema(mode, policy, now) });
}

export type TokenFormErrors = Partial<Record<'purpose' | 'expiry' | 'customExpiry' | 'scopes', string>>;

/** The first message per field; the custom date has its own slot next to its input. */
export function formErrorsOf(error: z.ZodError): TokenFormErrors {
  const errors: TokenFormErrors = {};
  for (const issue of error.issues) {
    const [field, subfield] = issue.path;
    const key =
      field === 'expiry'
        ? subfield === 'custom'
          ? 'customExpiry'
          : 'expiry'
        : field === 'purpose' || field === 'scopes'
          ? field
          : undefined;
    if (key) errors[key] ??= issue.message;
  }
  return errors;
}

/** The latest custom expiry the policy allows, for the date input's `max`. */
export function latestAllowedExpiry(policy: ExpiryPolicy, now: Date): Date | null {
  return policy.maxDays === null ? null : new Date(now.getTime() + policy.maxDays * DAY_MS);
}
