import { Button, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface BulkActionBarProps {
  /** How many rows are selected; the bar stays in place (empty) at 0 so its live region is ready. */
  count: number;
  /** The selected things, e.g. count => `${count} tokens selected`. */
  selectionLabel: (count: number) => string;
  onClear: () => void;
  /** The bulk actions (buttons). */
  children: ReactNode;
}

/**
 * The bar above a table that acts on the selected rows. Its count is a polite live region, so
 * screen-reader users hear every change of the selection.
 */
export function BulkActionBar({ count, selectionLabel, onClear, children }: BulkActionBarProps) {
  return (
    <Paper withBorder={count > 0} p={count > 0 ? 'xs' : 0} radius="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" fw={500} role="status" aria-live="polite">
          {count > 0 ? selectionLabel(count) : ''}
        </Text>
        {count > 0 ? (
          <Group gap="xs">
            {children}
            <Button size="xs" variant="subtle" onClick={onClear}>
              Clear selection
            </Button>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
