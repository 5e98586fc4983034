import { Radio, Stack, TextInput } from '@mantine/core';
import {
  type ExpiryChoice,
  type ExpiryPolicy,
  type ExpiryValue,
  expiryChoicesFor,
  latestAllowedExpiry,
  type TokenFormMode,
  toDateTimeLocalValue,
} from '../model/tokenForm.ts';

export interface ExpiryFieldProps {
  mode: TokenFormMode;
  policy: ExpiryPolicy;
  now: Date;
  value: ExpiryValue;
  onChange: (value: ExpiryValue) => void;
  error?: string;
  customError?: string;
}

/**
 * The expiry presets (30, 90, 120 days, a custom date, none) with the choices the caller's rules
 * forbid shown disabled with the reason, and the custom date limited to what the rules allow.
 */
export function ExpiryField({ mode, policy, now, value, onChange, error, customError }: ExpiryFieldProps) {
  const options = expiryChoicesFor(mode, policy, now);
  const latest = latestAllowedExpiry(policy, now);
  return (
    <Stack gap="xs">
      <Radio.Group
        label="Expires"
        description={policy.reason ?? 'A token that never expires stays valid until someone deletes it.'}
        value={value.choice}
        onChange={(choice) => onChange({ ...value, choice: choice as ExpiryChoice })}
        error={error}
        withAsterisk={policy.required}
      >
        <Stack gap={6} mt="xs">
          {options.map((option) => (
            <Radio
              key={option.value}
              value={option.value}
              label={option.label}
              disabled={option.disabledReason !== undefined}
              description={option.disabledReason}
            />
          ))}
        </Stack>
      </Radio.Group>
      {value.choice === 'custom' ? (
        <TextInput
          type="datetime-local"
          label="Expiry date and time"
          description="In your time zone"
          value={value.custom}
          onChange={(event) => onChange({ ...value, custom: event.currentTarget.value })}
          min={toDateTimeLocalValue(now)}
          max={latest ? toDateTimeLocalValue(latest) : undefined}
          error={customError}
          required
          w={260}
        />
      ) : null}
    </Stack>
  );
}
