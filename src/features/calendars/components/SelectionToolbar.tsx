import { Button, Group, Text } from '@mantine/core';
import {
  IconEye,
  IconEyeOff,
  IconSquareCheck,
  IconSquareOff,
  IconUserCheck,
  IconUserMinus,
} from '@tabler/icons-react';
import { memo } from 'react';
import type { CalendarEdit } from '../model/pendingEdits.ts';
import { plural } from '../plural.ts';
import classes from './CalendarEditor.module.css';

export interface SelectionToolbarProps {
  selectedCount: number;
  /** Selected rows that the filter currently hides. */
  hiddenSelectedCount: number;
  shownCount: number;
  filtering: boolean;
  onSelectAllShown: () => void;
  onClearSelection: () => void;
  onBulkEdit: (edit: CalendarEdit) => void;
}

const SHOW: CalendarEdit = { visible: true };
const HIDE: CalendarEdit = { visible: false };
const AUTO_ON: CalendarEdit = { auto_subscribe: true };
const AUTO_OFF: CalendarEdit = { auto_subscribe: false };

/**
 * Selection count and the bulk actions. The count is a polite live region, so every change of the
 * selection is announced; memoized so that typing in the filter does not re-render it.
 */
export const SelectionToolbar = memo(function SelectionToolbar({
  selectedCount,
  hiddenSelectedCount,
  shownCount,
  filtering,
  onSelectAllShown,
  onClearSelection,
  onBulkEdit,
}: SelectionToolbarProps) {
  const none = selectedCount === 0;
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" className={classes.toolbar}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" role="status" aria-live="polite" aria-atomic className={classes.selectionCount}>
          {plural(selectedCount, 'account', 'accounts')} selected
          {hiddenSelectedCount > 0 ? ` (${hiddenSelectedCount.toLocaleString('en-US')} not shown)` : ''}
        </Text>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconSquareCheck size={14} aria-hidden />}
          disabled={shownCount === 0}
          onClick={onSelectAllShown}
        >
          {filtering ? `Select all ${shownCount.toLocaleString('en-US')} matching` : 'Select all'}
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconSquareOff size={14} aria-hidden />}
          disabled={none}
          onClick={onClearSelection}
        >
          Clear selection
        </Button>
      </Group>
      <Group gap="xs" wrap="wrap" role="group" aria-label="Change the selected calendars">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconEye size={14} aria-hidden />}
          disabled={none}
          onClick={() => onBulkEdit(SHOW)}
        >
          Show
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconEyeOff size={14} aria-hidden />}
          disabled={none}
          onClick={() => onBulkEdit(HIDE)}
        >
          Hide
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUserCheck size={14} aria-hidden />}
          disabled={none}
          onClick={() => onBulkEdit(AUTO_ON)}
        >
          Auto-subscribe on
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUserMinus size={14} aria-hidden />}
          disabled={none}
          onClick={() => onBulkEdit(AUTO_OFF)}
        >
          Auto-subscribe off
        </Button>
      </Group>
    </Group>
  );
});
