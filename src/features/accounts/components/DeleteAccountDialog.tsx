import { Text } from '@mantine/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useDeleteSubAccount } from '../api/deleteSubAccount.ts';

export interface DeleteAccountDialogProps {
  /** The account to delete and the parent it is deleted from; null keeps the dialog closed. */
  target: { accountId: number; name: string; parentId: number } | null;
  onDeleted: (target: { accountId: number; name: string; parentId: number }) => void;
  onClose: () => void;
}

/** Confirms a sub-account deletion; Canvas's refusal (courses or sub-accounts inside) stays in the dialog. */
export function DeleteAccountDialog({ target, onDeleted, onClose }: DeleteAccountDialogProps) {
  const deleteSubAccount = useDeleteSubAccount();
  const close = () => {
    deleteSubAccount.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={target !== null}
      title={target ? `Delete ${target.name}?` : 'Delete sub-account?'}
      confirmLabel="Delete"
      danger
      pending={deleteSubAccount.isPending}
      error={deleteSubAccount.error}
      errorTitle="Canvas did not delete the account"
      onClose={close}
      onConfirm={() => {
        if (!target) return;
        deleteSubAccount.mutate(
          { parentId: target.parentId, accountId: target.accountId },
          {
            onSuccess: () => {
              deleteSubAccount.reset();
              onDeleted(target);
            },
          },
        );
      }}
    >
      <Text size="sm">
        {target?.name} will be deleted. Canvas only deletes sub-accounts that hold no courses and no
        sub-accounts.
      </Text>
    </ConfirmDialog>
  );
}
