import { Text } from '@mantine/core';
import { memo } from 'react';
import type { Blocker } from 'react-router-dom';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { plural } from '../plural.ts';

export interface DiscardChangesDialogProps {
  opened: boolean;
  changeCount: number;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before throwing every pending edit away; memoized, so a closed dialog costs nothing per keystroke. */
export const DiscardChangesDialog = memo(function DiscardChangesDialog({
  opened,
  changeCount,
  onConfirm,
  onClose,
}: DiscardChangesDialogProps) {
  return (
    <ConfirmDialog
      opened={opened}
      title={`Discard ${plural(changeCount, 'change', 'changes')}?`}
      confirmLabel="Discard changes"
      danger
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <Text size="sm">The calendars go back to what Canvas has saved. This cannot be undone.</Text>
    </ConfirmDialog>
  );
});

export interface LeavePageDialogProps {
  blocker: Blocker;
  changeCount: number;
}

/** Shown while react-router holds a navigation that would lose pending edits. */
export const LeavePageDialog = memo(function LeavePageDialog({ blocker, changeCount }: LeavePageDialogProps) {
  return (
    <ConfirmDialog
      opened={blocker.state === 'blocked'}
      title="Leave with unsaved changes?"
      confirmLabel="Discard and leave"
      danger
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    >
      <Text size="sm">
        {plural(changeCount, 'account has', 'accounts have')} calendar changes that are not saved in Canvas.
        Leaving discards them.
      </Text>
    </ConfirmDialog>
  );
});
