import { Select } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { type AccountSummary, useAllSubAccounts } from '../lib/administeredAccounts.ts';

export interface AccountPickerProps {
  administered: readonly AccountSummary[];
  value: number;
  /** The chosen account, which may be a sub-account not loaded into the options yet. */
  selected: AccountSummary | undefined;
  onChange: (accountId: number) => void;
  /** What choosing an account means on this page, e.g. that its sub-accounts are included. */
  description: string;
}

const OPTION_LIMIT = 100;

/**
 * The account a page works on: the accounts the admin administers, and on opening the list every
 * sub-account below them (loaded once, searched in memory).
 */
export function AccountPicker({ administered, value, selected, onChange, description }: AccountPickerProps) {
  const [wantsSubAccounts, setWantsSubAccounts] = useState(false);
  const rootIds = useMemo(() => administered.map((account) => account.id), [administered]);
  const subAccounts = useAllSubAccounts(rootIds, wantsSubAccounts);

  const data = useMemo(() => {
    const seen = new Set<number>();
    const option = (account: AccountSummary) => {
      seen.add(account.id);
      return { value: String(account.id), label: account.name };
    };
    const groups = [{ group: 'Accounts you administer', items: administered.map(option) }];
    const below = (subAccounts.data ?? []).filter((account) => !seen.has(account.id)).map(option);
    if (selected && !seen.has(selected.id)) below.unshift(option(selected));
    if (below.length > 0) groups.push({ group: 'Sub-accounts', items: below });
    return groups;
  }, [administered, subAccounts.data, selected]);

  return (
    <Select
      label="Account"
      description={description}
      data={data}
      value={String(value)}
      onChange={(next) => {
        if (next) onChange(Number(next));
      }}
      onDropdownOpen={() => setWantsSubAccounts(true)}
      searchable
      limit={OPTION_LIMIT}
      allowDeselect={false}
      nothingFoundMessage={subAccounts.isFetching ? 'Loading sub-accounts…' : 'No account matches'}
      leftSection={<IconBuildingCommunity size={16} aria-hidden />}
      w={{ base: '100%', sm: 380 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
