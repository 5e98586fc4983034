import { Checkbox, Fieldset, Group, Skeleton, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx';
import type { RoleGroups, RoleOption } from '../../model/roleOptions.ts';

export interface RolePickerProps {
  /** Null while the account's roles load. */
  groups: RoleGroups | null;
  loadError: unknown;
  onRetry: () => void;
  value: readonly string[];
  onChange: (roles: string[]) => void;
  error?: string;
}

function RoleGroup({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly RoleOption[];
  value: readonly string[];
  onChange: (roles: string[]) => void;
}) {
  const values = options.map((option) => option.value);
  return (
    <Checkbox.Group
      label={label}
      value={value.filter((role) => values.includes(role))}
      // Choices from the other group (and roles this list doesn't know) are kept as they are.
      onChange={(selected) => onChange([...value.filter((role) => !values.includes(role)), ...selected])}
    >
      <Stack gap={6} mt={6}>
        {options.map((option) => (
          <Checkbox key={option.value} value={option.value} label={option.label} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** Which users see the banner, grouped as Canvas's own form groups roles. No role chosen means everyone. */
export function RolePicker({ groups, loadError, onRetry, value, onChange, error }: RolePickerProps) {
  return (
    <Fieldset
      legend={
        <Text component="span" size="sm" fw={500}>
          Show to
        </Text>
      }
      variant="unstyled"
      aria-describedby="notification-roles-help"
    >
      <Text id="notification-roles-help" size="xs" c="dimmed" mb="xs">
        {value.length === 0
          ? 'Everyone in the account and its sub-accounts. Choose roles to narrow it down.'
          : 'Only users who hold one of the chosen roles in the account or its sub-accounts.'}
      </Text>
      {loadError ? (
        <ErrorAlert title="Could not load the account's roles" error={loadError} onRetry={onRetry} />
      ) : groups === null ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading roles">
          <Skeleton height={18} width="40%" />
          <Skeleton height={18} width="55%" />
          <Skeleton height={18} width="35%" />
        </Stack>
      ) : (
        <Group align="flex-start" gap="xl">
          <RoleGroup label="Course roles" options={groups.course} value={value} onChange={onChange} />
          <RoleGroup label="Account roles" options={groups.account} value={value} onChange={onChange} />
        </Group>
      )}
      {error ? (
        <Text size="sm" c="var(--mantine-color-error)" mt={6} role="alert">
          {error}
        </Text>
      ) : null}
    </Fieldset>
  );
}
