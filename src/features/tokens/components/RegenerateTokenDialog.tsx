import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Token } from '../../../api/schemas/token.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useRegenerateToken } from '../api/regenerateToken.ts';
import type { IssuedToken } from '../model/issuedToken.ts';
import { tokenFormServerErrors } from '../model/serverErrors.ts';
import {
  defaultExpiryChoice,
  type ExpiryPolicy,
  type ExpiryValue,
  formErrorsOf,
  regenerateFormSchema,
  type TokenFormErrors,
  type TokenFormMode,
} from '../model/tokenForm.ts';
import type { TokenOwner } from '../model/tokenOwner.ts';
import { isExpired, tokenLabelOf } from '../model/tokenStatus.ts';
import { ExpiryField } from './ExpiryField.tsx';

export interface RegenerateTokenDialogProps {
  /** null keeps the dialog closed. */
  token: Token | null;
  owner: TokenOwner;
  policy: ExpiryPolicy;
  now: Date;
  onClose: () => void;
  onIssued: (issued: IssuedToken) => void;
}

function RegenerateForm({
  token,
  owner,
  policy,
  now,
  onClose,
  onIssued,
}: RegenerateTokenDialogProps & { token: Token }) {
  const mode: TokenFormMode = { kind: 'regenerate', expired: isExpired(token, now) };
  const [expiry, setExpiry] = useState<ExpiryValue>({
    choice: defaultExpiryChoice(mode, policy),
    custom: '',
  });
  const [errors, setErrors] = useState<TokenFormErrors>({});
  const regenerate = useRegenerateToken({ onIssued });
  const server = tokenFormServerErrors(regenerate.error);
  const label = tokenLabelOf(token);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = regenerateFormSchema(mode, policy, new Date()).safeParse({ expiry });
    if (!parsed.success) {
      setErrors(formErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    regenerate.mutate(
      { owner: owner.id, tokenId: token.id, input: { expires_at: parsed.data.expiry } },
      { onSuccess: () => onClose() },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Canvas replaces the token with a new value. <strong>The current token stops working at once</strong>
          : every script and integration using it is refused until it is given the new value, which is shown
          once.
        </Text>
        {!owner.isSelf ? (
          <Text size="sm">
            The token goes back to pending: it works again only after {owner.name} activates it.
          </Text>
        ) : null}
        {mode.expired ? (
          <>
            <Text size="sm">{label} has expired, so Canvas needs a new expiry to regenerate it.</Text>
            <ExpiryField
              mode={mode}
              policy={policy}
              now={now}
              value={expiry}
              onChange={(value) => {
                setExpiry(value);
                setErrors({});
              }}
              error={errors.expiry ?? server.fields.expiry}
              customError={errors.customExpiry}
            />
          </>
        ) : null}
        {regenerate.error && !server.placed ? (
          <ErrorAlert title="Canvas did not regenerate the token" error={regenerate.error} />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={regenerate.isPending} data-autofocus>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={regenerate.isPending}>
            Regenerate token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Confirms a regeneration, saying plainly that the old value stops working. */
export function RegenerateTokenDialog(props: RegenerateTokenDialogProps) {
  const { token, onClose } = props;
  return (
    <Modal
      opened={token !== null}
      onClose={onClose}
      title={token ? `Regenerate ${tokenLabelOf(token)}?` : 'Regenerate token?'}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
    >
      {token ? <RegenerateForm {...props} token={token} /> : null}
    </Modal>
  );
}
