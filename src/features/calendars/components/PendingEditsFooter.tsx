import { Button, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { plural } from '../plural.ts';
import classes from './CalendarEditor.module.css';

export interface PendingEditsFooterProps {
  changeCount: number;
  reviewDisabled: boolean;
  onDiscard: () => void;
  onReview: () => void;
}

/** Sticks to the bottom of the window: how many accounts have unsaved changes, Discard and Review. */
export const PendingEditsFooter = memo(function PendingEditsFooter({
  changeCount,
  reviewDisabled,
  onDiscard,
  onReview,
}: PendingEditsFooterProps) {
  return (
    <div className={classes.footer} data-has-changes={changeCount > 0 || undefined}>
      <Text size="sm" fw={changeCount > 0 ? 600 : 400}>
        {changeCount > 0
          ? `${plural(changeCount, 'account', 'accounts')} changed, not saved yet`
          : 'No unsaved changes'}
      </Text>
      <Group gap="xs">
        <Button variant="default" disabled={changeCount === 0} onClick={onDiscard}>
          Discard
        </Button>
        <Button disabled={changeCount === 0 || reviewDisabled} onClick={onReview}>
          Review {changeCount > 0 ? plural(changeCount, 'change', 'changes') : 'changes'}
        </Button>
      </Group>
    </div>
  );
});
