import { Button, Group, Stack } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import type { Ref } from 'react';
import { timestampToWallString, wallStringToTimestamp } from '../../../../lib/zonedTime.ts';

export interface QuickChoiceButton {
  label: string;
  /** The timestamp the choice stands for, computed when clicked so "now" is the moment of the click. */
  resolve: () => string;
}

export interface DateTimeFieldProps {
  label: string;
  /** A Canvas timestamp (UTC), or null when not chosen. */
  value: string | null;
  onChange: (timestamp: string | null) => void;
  /** The IANA zone whose clock the picker shows and reads. */
  zone: string;
  zoneLabel: string;
  quickChoices: readonly QuickChoiceButton[];
  error?: string;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * Mantine's date-time picker on the admin's clock rather than the browser's: the picker works in wall
 * time strings, converted to and from UTC in `zone` here. Quick choices sit under it.
 */
export function DateTimeField({
  label,
  value,
  onChange,
  zone,
  zoneLabel,
  quickChoices,
  error,
  ref,
}: DateTimeFieldProps) {
  const wallValue = value === null ? null : timestampToWallString(value, zone);
  return (
    <Stack gap={6}>
      <DateTimePicker
        ref={ref}
        label={label}
        description={`In ${zoneLabel}`}
        placeholder="Pick a date and time"
        valueFormat="MMM D, YYYY h:mm A"
        value={wallValue}
        onChange={(wall) => onChange(wall ? wallStringToTimestamp(wall, zone) : null)}
        clearable
        clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
        withAsterisk
        error={error}
        timePickerProps={{ format: '12h', withDropdown: true }}
        popoverProps={{ withinPortal: true }}
      />
      <Group gap={6} role="group" aria-label={`Quick choices for ${label.toLowerCase()}`}>
        {quickChoices.map((choice) => (
          <Button
            key={choice.label}
            size="compact-xs"
            variant="light"
            onClick={() => onChange(choice.resolve())}
          >
            {choice.label}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
