import { ActionIcon, Checkbox, Code, Menu, Stack, Table, Text } from '@mantine/core';
import { IconDots, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import type { Token } from '../../../api/schemas/token.ts';
import { SortableHeader, type SortOrder } from '../../../components/table/SortableHeader.tsx';
import { formatDate, formatDateTime, formatRelative } from '../model/formatTime.ts';
import { type TokenFlag, type TokenRow, tokenLabelOf } from '../model/tokenStatus.ts';
import type { TokenSort } from '../model/tokenTableState.ts';
import { ScopeList } from './ScopeList.tsx';
import { TokenFlagBadge, TokenStateBadge } from './TokenBadges.tsx';

const EXPIRY_FLAGS: TokenFlag[] = ['expires_within_7_days', 'expires_within_30_days'];

export interface TokensTableProps {
  /** Accessible name of the table, e.g. "Tokens of Marcus Bell". */
  label: string;
  rows: TokenRow[];
  now: Date;
  sort: TokenSort;
  order: SortOrder;
  onSort: (sort: TokenSort) => void;
  selectedIds: ReadonlySet<number>;
  onSelectionChange: (ids: Set<number>) => void;
  onEdit: (token: Token) => void;
  onRegenerate: (token: Token) => void;
  onDelete: (token: Token) => void;
}

function DateCell({ iso, now, empty }: { iso: string | null; now: Date; empty: string }) {
  if (iso === null) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm">{formatRelative(iso, now)}</Text>
      <Text size="xs" c="dimmed" title={formatDateTime(iso)}>
        {formatDate(iso)}
      </Text>
    </Stack>
  );
}

/** One user's tokens with their state, flags and per-token actions; sorting and filtering happen upstream. */
export function TokensTable({
  label,
  rows,
  now,
  sort,
  order,
  onSort,
  selectedIds,
  onSelectionChange,
  onEdit,
  onRegenerate,
  onDelete,
}: TokensTableProps) {
  const visibleIds = rows.map((row) => row.token.id);
  const selectedVisible = visibleIds.filter((id) => selectedIds.has(id)).length;
  const allSelected = rows.length > 0 && selectedVisible === rows.length;

  const toggleAll = () => {
    const next = new Set(selectedIds);
    for (const id of visibleIds) {
      if (allSelected) next.delete(id);
      else next.add(id);
    }
    onSelectionChange(next);
  };
  const toggleOne = (id: number) => {
    const next = new Set(selectedIds);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectionChange(next);
  };
  const header = (column: TokenSort, title: string) => (
    <SortableHeader label={title} active={sort === column} order={order} onSort={() => onSort(column)} />
  );

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label={label} verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select all tokens shown"
                checked={allSelected}
                indeterminate={selectedVisible > 0 && !allSelected}
                disabled={rows.length === 0}
                onChange={toggleAll}
              />
            </Table.Th>
            {header('purpose', 'Purpose')}
            <Table.Th>Hint</Table.Th>
            <Table.Th>Scopes</Table.Th>
            {header('created_at', 'Created')}
            {header('last_used_at', 'Last used')}
            {header('expires_at', 'Expires')}
            {header('state', 'State')}
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ token, hint, state, flags }) => {
            const purpose = tokenLabelOf(token);
            return (
              <Table.Tr
                key={token.id}
                bg={selectedIds.has(token.id) ? 'var(--mantine-primary-color-light)' : undefined}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${purpose}`}
                    checked={selectedIds.has(token.id)}
                    onChange={() => toggleOne(token.id)}
                  />
                </Table.Td>
                <Table.Td maw={260}>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {purpose}
                  </Text>
                  {token.real_user_id !== null ? (
                    <Text size="xs" c="dimmed">
                      Created by an admin acting as this user
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{hint ? <Code>{hint}…</Code> : '—'}</Table.Td>
                <Table.Td maw={280}>
                  <ScopeList scopes={token.scopes} label={purpose} />
                </Table.Td>
                <Table.Td>
                  <DateCell iso={token.created_at} now={now} empty="—" />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <DateCell iso={token.last_used_at} now={now} empty="Never" />
                    {flags.includes('unused_90_days') ? <TokenFlagBadge flag="unused_90_days" /> : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <DateCell iso={token.expires_at} now={now} empty="Never" />
                    {flags
                      .filter((flag) => EXPIRY_FLAGS.includes(flag))
                      .map((flag) => (
                        <TokenFlagBadge key={flag} flag={flag} />
                      ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <TokenStateBadge state={state} />
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${purpose}`}>
                        <IconDots size={18} aria-hidden />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item
                        leftSection={<IconPencil size={16} aria-hidden />}
                        onClick={() => onEdit(token)}
                      >
                        Edit
                      </Menu.Item>
                      <Menu.Item
                        leftSection={<IconRefresh size={16} aria-hidden />}
                        onClick={() => onRegenerate(token)}
                        disabled={token.visible_token === null}
                      >
                        Regenerate
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item
                        color="red"
                        leftSection={<IconTrash size={16} aria-hidden />}
                        onClick={() => onDelete(token)}
                      >
                        Delete
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
