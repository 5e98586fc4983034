import { Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { User } from '../../../api/schemas/user.ts';
import { describeError } from '../../../lib/canvasErrors.ts';
import { USER_SEARCH_MIN_LENGTH, useAccountUserSearch } from '../api/searchAccountUsers.ts';

export interface TokenOwnerPickerProps {
  /** The root account whose users are searched. */
  accountId: number;
  onSelect: (user: User) => void;
}

function userDetails(user: User): string {
  return [user.login_id, user.sis_user_id ? `SIS ${user.sis_user_id}` : null].filter(Boolean).join(' · ');
}

/** Finds a user by name, login or SIS id (Canvas's account user search) to manage their tokens. */
export function TokenOwnerPicker({ accountId, onSelect }: TokenOwnerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const results = useAccountUserSearch(accountId, debounced);
  const users = debounced.length >= USER_SEARCH_MIN_LENGTH ? (results.data ?? []) : [];
  const byId = new Map(users.map((user) => [String(user.id), user]));

  let nothingFound = 'No user matches';
  if (search.trim().length < USER_SEARCH_MIN_LENGTH)
    nothingFound = `Type at least ${USER_SEARCH_MIN_LENGTH} characters`;
  else if (results.isFetching || debounced !== search.trim()) nothingFound = 'Searching…';
  else if (results.isError) nothingFound = describeError(results.error);

  return (
    <Select
      label="Manage another user’s tokens"
      placeholder="Search by name, login or SIS ID"
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={results.isFetching ? <Loader size="xs" aria-label="Searching users" /> : undefined}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // Canvas has already filtered by name, login and SIS id; a second, label-only filter would hide those.
      filter={({ options }) => options}
      data={users.map((user) => ({ value: String(user.id), label: user.name }))}
      value={null}
      onChange={(value) => {
        const user = value === null ? undefined : byId.get(value);
        if (!user) return;
        setSearch('');
        onSelect(user);
      }}
      renderOption={({ option }) => {
        const user = byId.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {user && userDetails(user) ? (
              <Text size="xs" c="dimmed">
                {userDetails(user)}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      nothingFoundMessage={nothingFound}
      comboboxProps={{ withinPortal: true }}
      w={{ base: '100%', sm: 380 }}
    />
  );
}
