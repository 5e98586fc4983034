import { Button, CloseButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useId } from 'react';
import {
  TOKEN_FLAG_LABELS,
  TOKEN_FLAGS,
  TOKEN_STATE_LABELS,
  type TokenFlag,
  type TokenRow,
  type TokenState,
} from '../model/tokenStatus.ts';
import { hasActiveFilters, type TokenFilters as TokenFilterValues } from '../model/tokenTableState.ts';

const FILTERABLE_STATES: TokenState[] = ['active', 'pending', 'expired'];

interface ToggleGroupProps<T extends string> {
  label: string;
  options: { value: T; label: string }[];
  value: T[];
  onChange: (value: T[]) => void;
}

/** A row of toggle buttons (aria-pressed); any number may be on, none means "all". */
function ToggleGroup<T extends string>({ label, options, value, onChange }: ToggleGroupProps<T>) {
  const labelId = useId();
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-labelledby={labelId}>
      <Text size="sm" fw={500} id={labelId} w={48}>
        {label}
      </Text>
      {options.map((option) => {
        const pressed = value.includes(option.value);
        return (
          <Button
            key={option.value}
            size="compact-sm"
            radius="xl"
            variant={pressed ? 'filled' : 'default'}
            aria-pressed={pressed}
            onClick={() =>
              onChange(pressed ? value.filter((item) => item !== option.value) : [...value, option.value])
            }
          >
            {option.label}
          </Button>
        );
      })}
    </Group>
  );
}

export interface TokenFiltersProps {
  filters: TokenFilterValues;
  /** What the search field shows right now (the URL follows after a pause). */
  searchDraft: string;
  onSearchDraftChange: (value: string) => void;
  /** Every row of the list, for the counts next to each choice. */
  rows: readonly TokenRow[];
  onChange: (patch: Partial<TokenFilterValues>) => void;
  onReset: () => void;
}

/** Search, state and flag filters; each state and flag chip shows how many tokens it would match. */
export function TokenFilters({
  filters,
  searchDraft,
  onSearchDraftChange,
  rows,
  onChange,
  onReset,
}: TokenFiltersProps) {
  const stateCount = (state: TokenState) => rows.filter((row) => row.state === state).length;
  const flagCount = (flag: TokenFlag) => rows.filter((row) => row.flags.includes(flag)).length;
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Filter tokens"
          placeholder="Purpose, hint or endpoint"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            searchDraft ? (
              <CloseButton
                size="sm"
                aria-label="Clear token filter"
                onClick={() => onSearchDraftChange('')}
              />
            ) : null
          }
          value={searchDraft}
          onChange={(event) => onSearchDraftChange(event.currentTarget.value)}
          w={{ base: '100%', sm: 300 }}
        />
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          disabled={!hasActiveFilters(filters) && searchDraft === ''}
          onClick={onReset}
        >
          Reset filters
        </Button>
      </Group>
      <ToggleGroup
        label="State"
        options={FILTERABLE_STATES.map((state) => ({
          value: state,
          label: `${TOKEN_STATE_LABELS[state]} (${stateCount(state)})`,
        }))}
        value={filters.state}
        onChange={(state) => onChange({ state })}
      />
      <ToggleGroup
        label="Flags"
        options={TOKEN_FLAGS.map((flag) => ({
          value: flag,
          label: `${TOKEN_FLAG_LABELS[flag]} (${flagCount(flag)})`,
        }))}
        value={filters.flag}
        onChange={(flag) => onChange({ flag })}
      />
    </Stack>
  );
}
