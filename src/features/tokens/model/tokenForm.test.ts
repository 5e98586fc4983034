import { describe, expect, it } from 'vitest';
import { expiryPolicyFor } from './expiryPolicy.ts';
import {
  defaultExpiryChoice,
  EXPIRY_IN_PAST,
  EXPIRY_INVALID,
  EXPIRY_REQUIRED,
  expiryChoicesFor,
  expiryTooFar,
  formErrorsOf,
  PURPOSE_REQUIRED,
  PURPOSE_TOO_LONG,
  parseDateTimeLocal,
  REGENERATE_NEEDS_EXPIRY,
  SCOPES_REQUIRED,
  STUDENT_EXPIRY_POLICY,
  type TokenFormMode,
  type TokenFormValues,
  toDateTimeLocalValue,
  tokenFormSchema,
  UNRESTRICTED_EXPIRY,
} from './tokenForm.ts';

const NOW = new Date(2025, 5, 1, 12, 0, 30);
const DAY = 24 * 60 * 60 * 1000;
const CREATE: TokenFormMode = { kind: 'create' };

function values(overrides: Partial<TokenFormValues> = {}): TokenFormValues {
  return {
    purpose: 'SIS export',
    expiry: { choice: '30', custom: '' },
    restrict: false,
    scopes: [],
    ...overrides,
  };
}

function errorsOf(mode: TokenFormMode, policy = UNRESTRICTED_EXPIRY, input = values()) {
  const result = tokenFormSchema(mode, policy, NOW).safeParse(input);
  return result.success ? {} : formErrorsOf(result.error);
}

describe('tokenFormSchema', () => {
  it('sends a trimmed purpose, the preset date to the minute, and de-duplicated scopes', () => {
    const scope = 'url:GET|/api/v1/accounts';
    const parsed = tokenFormSchema(CREATE, UNRESTRICTED_EXPIRY, NOW).parse(
      values({ purpose: '  SIS export ', restrict: true, scopes: [scope, scope] }),
    );
    const expected = new Date(NOW.getTime() + 30 * DAY);
    expected.setSeconds(0, 0);
    expect(parsed).toEqual({ purpose: 'SIS export', expires_at: expected, scopes: [scope] });
  });

  it('sends no scopes for an unrestricted token, and refuses a restricted one without any', () => {
    const schema = tokenFormSchema(CREATE, UNRESTRICTED_EXPIRY, NOW);
    expect(schema.parse(values({ restrict: false, scopes: ['url:GET|/api/v1/accounts'] })).scopes).toEqual(
      [],
    );
    expect(errorsOf(CREATE, UNRESTRICTED_EXPIRY, values({ restrict: true, scopes: [] })).scopes).toBe(
      SCOPES_REQUIRED,
    );
  });

  it('requires a purpose of at most 255 characters, as Canvas validates it', () => {
    expect(errorsOf(CREATE, UNRESTRICTED_EXPIRY, values({ purpose: '   ' })).purpose).toBe(PURPOSE_REQUIRED);
    expect(errorsOf(CREATE, UNRESTRICTED_EXPIRY, values({ purpose: 'x'.repeat(256) })).purpose).toBe(
      PURPOSE_TOO_LONG,
    );
    expect(errorsOf(CREATE, UNRESTRICTED_EXPIRY, values({ purpose: 'x'.repeat(255) }))).toEqual({});
  });

  it('reports every field at once', () => {
    const errors = errorsOf(
      CREATE,
      UNRESTRICTED_EXPIRY,
      values({
        purpose: '',
        expiry: { choice: 'custom', custom: 'soon' },
        restrict: true,
        scopes: ['GET /api/v1/accounts'],
      }),
    );
    expect(errors).toEqual({
      purpose: PURPOSE_REQUIRED,
      customExpiry: EXPIRY_INVALID,
      scopes: 'Expected url:<METHOD>|/api/v1/...',
    });
  });

  it('lets admins and teachers create tokens that never expire', () => {
    expect(
      tokenFormSchema(CREATE, UNRESTRICTED_EXPIRY, NOW).parse(
        values({ expiry: { choice: 'never', custom: '' } }),
      ).expires_at,
    ).toBeNull();
  });

  it('holds students to an expiry within 120 days, with Canvas messages', () => {
    expect(
      errorsOf(CREATE, STUDENT_EXPIRY_POLICY, values({ expiry: { choice: 'never', custom: '' } })).expiry,
    ).toBe(EXPIRY_REQUIRED);
    expect(
      errorsOf(CREATE, STUDENT_EXPIRY_POLICY, values({ expiry: { choice: '120', custom: '' } })),
    ).toEqual({});
    const tooFar = toDateTimeLocalValue(new Date(NOW.getTime() + 121 * DAY));
    expect(
      errorsOf(CREATE, STUDENT_EXPIRY_POLICY, values({ expiry: { choice: 'custom', custom: tooFar } }))
        .customExpiry,
    ).toBe(expiryTooFar(120));
    const fine = toDateTimeLocalValue(new Date(NOW.getTime() + 119 * DAY));
    expect(
      errorsOf(CREATE, STUDENT_EXPIRY_POLICY, values({ expiry: { choice: 'custom', custom: fine } })),
    ).toEqual({});
  });

  it('refuses a custom date that is missing, malformed or past', () => {
    const custom = (text: string) =>
      errorsOf(CREATE, UNRESTRICTED_EXPIRY, values({ expiry: { choice: 'custom', custom: text } }))
        .customExpiry;
    expect(custom('')).toBe(EXPIRY_REQUIRED);
    expect(custom('2025-13-45T99:99')).toBe(EXPIRY_INVALID);
    expect(custom(toDateTimeLocalValue(new Date(NOW.getTime() - 60_000)))).toBe(EXPIRY_IN_PAST);
  });

  it('keeps the expiry when editing unless told otherwise', () => {
    const edit: TokenFormMode = { kind: 'edit', currentExpiresAt: null };
    const parsed = tokenFormSchema(edit, UNRESTRICTED_EXPIRY, NOW).parse(
      values({ expiry: { choice: 'keep', custom: '' } }),
    );
    expect(parsed.expires_at).toBeUndefined();
    expect(
      errorsOf(CREATE, UNRESTRICTED_EXPIRY, values({ expiry: { choice: 'keep', custom: '' } })).expiry,
    ).toBe(EXPIRY_REQUIRED);
  });

  it('needs a new expiry to regenerate an expired token', () => {
    const expired: TokenFormMode = { kind: 'regenerate', expired: true };
    expect(
      errorsOf(expired, UNRESTRICTED_EXPIRY, values({ expiry: { choice: 'never', custom: '' } })).expiry,
    ).toBe(REGENERATE_NEEDS_EXPIRY);
    expect(
      errorsOf(expired, UNRESTRICTED_EXPIRY, values({ expiry: { choice: 'keep', custom: '' } })).expiry,
    ).toBe(EXPIRY_REQUIRED);
    expect(errorsOf(expired, UNRESTRICTED_EXPIRY, values({ expiry: { choice: '30', custom: '' } }))).toEqual(
      {},
    );
  });
});

describe('expiry choices', () => {
  it('explains rather than hides what the policy forbids', () => {
    const options = expiryChoicesFor(CREATE, { required: true, maxDays: 60, reason: 'x' }, NOW);
    expect(options.map((option) => option.value)).toEqual(['30', '90', '120', 'custom', 'never']);
    expect(options.find((option) => option.value === '90')?.disabledReason).toBe(expiryTooFar(60));
    expect(options.find((option) => option.value === 'never')?.disabledReason).toBe(EXPIRY_REQUIRED);
    expect(options.find((option) => option.value === '30')?.disabledReason).toBeUndefined();
  });

  it('offers "keep" only where a token already has an expiry to keep', () => {
    expect(
      expiryChoicesFor({ kind: 'edit', currentExpiresAt: null }, UNRESTRICTED_EXPIRY, NOW)[0]?.value,
    ).toBe('keep');
    expect(expiryChoicesFor({ kind: 'regenerate', expired: true }, UNRESTRICTED_EXPIRY, NOW)[0]?.value).toBe(
      '30',
    );
  });

  it('starts on 90 days, or the longest preset the cap allows', () => {
    expect(defaultExpiryChoice(CREATE, UNRESTRICTED_EXPIRY)).toBe('90');
    expect(defaultExpiryChoice(CREATE, { required: true, maxDays: 30, reason: null })).toBe('30');
    expect(defaultExpiryChoice(CREATE, { required: true, maxDays: 7, reason: null })).toBe('custom');
    expect(defaultExpiryChoice({ kind: 'edit', currentExpiresAt: null }, UNRESTRICTED_EXPIRY)).toBe('keep');
  });
});

describe('datetime-local values', () => {
  it('round-trip in local time', () => {
    const date = new Date(2025, 0, 2, 3, 4);
    expect(toDateTimeLocalValue(date)).toBe('2025-01-02T03:04');
    expect(parseDateTimeLocal('2025-01-02T03:04')?.getTime()).toBe(date.getTime());
    expect(parseDateTimeLocal('2025-01-02')).toBeNull();
  });
});

describe('expiryPolicyFor', () => {
  it('frees admins and teachers and holds everyone else to the student rule', () => {
    expect(expiryPolicyFor({ administersAccounts: true, teachesCourses: false })).toBe(UNRESTRICTED_EXPIRY);
    expect(expiryPolicyFor({ administersAccounts: false, teachesCourses: true })).toBe(UNRESTRICTED_EXPIRY);
    expect(expiryPolicyFor({ administersAccounts: false, teachesCourses: false })).toBe(
      STUDENT_EXPIRY_POLICY,
    );
  });
});
