import { Checkbox, CloseButton, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { memo, useId } from 'react';
import type { SubscriptionFilter, VisibilityFilter } from '../model/filters.ts';

export interface FilterTextInputProps {
  value: string;
  onChange: (text: string) => void;
}

/** The name / SIS id filter. Matching runs on every keystroke; nothing is debounced. */
export function FilterTextInput({ value, onChange }: FilterTextInputProps) {
  return (
    <TextInput
      label="Filter by name or SIS ID"
      placeholder="e.g. Engineering"
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        value ? <CloseButton aria-label="Clear filter text" size="sm" onClick={() => onChange('')} /> : null
      }
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      w={{ base: '100%', sm: 300 }}
    />
  );
}

export interface FacetFilterControlsProps {
  visibility: VisibilityFilter;
  subscription: SubscriptionFilter;
  changedOnly: boolean;
  onVisibilityChange: (value: VisibilityFilter) => void;
  onSubscriptionChange: (value: SubscriptionFilter) => void;
  onChangedOnlyChange: (value: boolean) => void;
}

const VISIBILITY_OPTIONS: { value: VisibilityFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'visible', label: 'Visible' },
  { value: 'hidden', label: 'Hidden' },
];

const SUBSCRIPTION_OPTIONS: { value: SubscriptionFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'auto', label: 'On' },
  { value: 'manual', label: 'Off' },
];

/** Visibility, auto-subscribe and "changed only"; memoized so that typing in the text filter skips them. */
export const FacetFilterControls = memo(function FacetFilterControls({
  visibility,
  subscription,
  changedOnly,
  onVisibilityChange,
  onSubscriptionChange,
  onChangedOnlyChange,
}: FacetFilterControlsProps) {
  const visibilityLabelId = useId();
  const subscriptionLabelId = useId();
  return (
    <>
      <Stack gap={4}>
        <Text id={visibilityLabelId} size="sm" fw={500}>
          Visibility
        </Text>
        <SegmentedControl
          aria-labelledby={visibilityLabelId}
          size="xs"
          data={VISIBILITY_OPTIONS}
          value={visibility}
          onChange={(value) => onVisibilityChange(value as VisibilityFilter)}
        />
      </Stack>
      <Stack gap={4}>
        <Text id={subscriptionLabelId} size="sm" fw={500}>
          Auto-subscribe
        </Text>
        <SegmentedControl
          aria-labelledby={subscriptionLabelId}
          size="xs"
          data={SUBSCRIPTION_OPTIONS}
          value={subscription}
          onChange={(value) => onSubscriptionChange(value as SubscriptionFilter)}
        />
      </Stack>
      <Checkbox
        label="Changed only"
        checked={changedOnly}
        onChange={(event) => onChangedOnlyChange(event.currentTarget.checked)}
        mb={6}
      />
    </>
  );
});
