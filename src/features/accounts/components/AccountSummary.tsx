import { Anchor, Badge, Card, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Account } from '../../../api/schemas/account.ts';

export interface AccountSummaryProps {
  account: Account;
  /** Readable ancestors (root first), to name the parent and root instead of showing bare ids. */
  ancestors: readonly Account[];
}

function formatQuota(megabytes: number | undefined): string | undefined {
  if (megabytes === undefined) return undefined;
  return megabytes >= 1024 && megabytes % 1024 === 0
    ? `${megabytes / 1024} GB`
    : `${megabytes.toLocaleString()} MB`;
}

function AccountLink({ id, ancestors }: { id: number; ancestors: readonly Account[] }) {
  const name = ancestors.find((ancestor) => ancestor.id === id)?.name ?? `Account ${id}`;
  return (
    <Anchor component={Link} to={`/accounts/${id}`} size="sm">
      {name}
    </Anchor>
  );
}

/** The account's own fields. Managers get the full form; read-only viewers see fewer rows. */
export function AccountSummary({ account, ancestors }: AccountSummaryProps) {
  const rows: [string, ReactNode][] = [
    ['Name', account.name],
    ['Account ID', account.id],
    [
      'SIS ID',
      account.sis_account_id ?? (account.parent_account_id === null ? 'None (root account)' : 'None'),
    ],
    [
      'Parent account',
      account.parent_account_id === null ? (
        'None (root account)'
      ) : (
        <AccountLink key="parent" id={account.parent_account_id} ancestors={ancestors} />
      ),
    ],
  ];
  if (account.root_account_id !== null && account.root_account_id !== account.parent_account_id) {
    rows.push([
      'Root account',
      <AccountLink key="root" id={account.root_account_id} ancestors={ancestors} />,
    ]);
  }
  rows.push([
    'Workflow state',
    <Badge key="state" variant="light" color={account.workflow_state === 'active' ? 'green' : 'red'}>
      {account.workflow_state}
    </Badge>,
  ]);
  rows.push([
    'Time zone',
    account.default_time_zone_friendly_name
      ? `${account.default_time_zone_friendly_name} (${account.default_time_zone})`
      : account.default_time_zone,
  ]);
  const quotas: [string, number | undefined][] = [
    ['Course storage quota', account.default_storage_quota_mb],
    ['User storage quota', account.default_user_storage_quota_mb],
    ['Group storage quota', account.default_group_storage_quota_mb],
  ];
  for (const [label, value] of quotas) {
    const formatted = formatQuota(value);
    if (formatted) rows.push([label, formatted]);
  }
  if (account.course_count !== undefined)
    rows.push(['Courses (directly in this account)', account.course_count]);
  if (account.sub_account_count !== undefined) rows.push(['Sub-accounts', account.sub_account_count]);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="account-details-heading">
      <Title order={2} size="h4" id="account-details-heading" mb="xs">
        Details
      </Title>
      <Table
        variant="vertical"
        layout="fixed"
        withTableBorder={false}
        aria-labelledby="account-details-heading"
      >
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="45%" scope="row">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
