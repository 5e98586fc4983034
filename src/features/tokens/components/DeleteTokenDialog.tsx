import { Text } from '@mantine/core';
import type { Token } from '../../../api/schemas/token.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useDeleteToken } from '../api/deleteToken.ts';
import type { TokenOwner } from '../model/tokenOwner.ts';
import { tokenLabelOf } from '../model/tokenStatus.ts';

export interface DeleteTokenDialogProps {
  /** null keeps the dialog closed. */
  token: Token | null;
  owner: TokenOwner;
  onClose: () => void;
  onDeleted: (token: Token) => void;
}

/** Confirms deleting one token; Canvas's refusal stays in the dialog. */
export function DeleteTokenDialog({ token, owner, onClose, onDeleted }: DeleteTokenDialogProps) {
  const deleteToken = useDeleteToken();
  const close = () => {
    deleteToken.reset();
    onClose();
  };
  const label = token ? tokenLabelOf(token) : '';
  return (
    <ConfirmDialog
      opened={token !== null}
      title={token ? `Delete ${label}?` : 'Delete token?'}
      confirmLabel="Delete token"
      danger
      pending={deleteToken.isPending}
      error={deleteToken.error}
      errorTitle="Canvas did not delete the token"
      onClose={close}
      onConfirm={() => {
        if (!token) return;
        deleteToken.mutate(
          { owner: owner.id, tokenId: token.id },
          {
            onSuccess: () => {
              deleteToken.reset();
              onDeleted(token);
            },
          },
        );
      }}
    >
      <Text size="sm">
        Canvas revokes {label} at once: every request made with it is refused from now on. This cannot be
        undone; a replacement is a new token with a new value.
      </Text>
    </ConfirmDialog>
  );
}
