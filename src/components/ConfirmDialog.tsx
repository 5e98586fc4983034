import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** Destructive actions get a red confirm button. */
  danger?: boolean;
  pending?: boolean;
  /** The refusal from the server, shown inside the dialog so the user sees why nothing happened. */
  error?: unknown;
  errorTitle?: string;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  danger = false,
  pending = false,
  error,
  errorTitle = 'Canvas refused',
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
    >
      <Stack gap="md">
        {children}
        {error ? <ErrorAlert title={errorTitle} error={error} /> : null}
        <Group justify="flex-end">
          {/* Focus starts on the safe choice when the action destroys something. */}
          <Button variant="default" onClick={onClose} disabled={pending} data-autofocus={danger || undefined}>
            Cancel
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            onClick={onConfirm}
            loading={pending}
            data-autofocus={danger ? undefined : true}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
