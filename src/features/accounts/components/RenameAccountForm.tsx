import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Account } from '../../../api/schemas/account.ts';
import { describeError, fieldErrorOf } from '../../../lib/canvasErrors.ts';
import { RenameAccountInput, useRenameAccount } from '../api/renameAccount.ts';

export interface RenameAccountFormProps {
  account: Pick<Account, 'id' | 'name'>;
  onRenamed: (account: Account) => void;
  onCancel: () => void;
}

/** Edits an account's name in place. */
export function RenameAccountForm({ account, onRenamed, onCancel }: RenameAccountFormProps) {
  const [name, setName] = useState(account.name);
  const [validationError, setValidationError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // The field appears because the user asked for it, so it takes focus.
  useEffect(() => inputRef.current?.focus(), []);
  const renameAccount = useRenameAccount();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = RenameAccountInput.safeParse({ name });
    if (!parsed.success) {
      setValidationError(parsed.error.issues[0]?.message ?? 'Invalid name');
      return;
    }
    setValidationError(null);
    if (parsed.data.name === account.name) {
      onCancel();
      return;
    }
    renameAccount.mutate({ accountId: account.id, input: parsed.data }, { onSuccess: onRenamed });
  };

  const serverError = renameAccount.error
    ? (fieldErrorOf(renameAccount.error, 'name') ?? describeError(renameAccount.error))
    : null;

  return (
    <form onSubmit={submit} noValidate>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={`New name for ${account.name}`}
          size="xs"
          flex={1}
          maw={420}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel();
          }}
          onFocus={(event) => event.currentTarget.select()}
          error={validationError ?? serverError}
          ref={inputRef}
        />
        <Group gap={6} wrap="nowrap">
          <Button type="submit" size="xs" loading={renameAccount.isPending}>
            Save
          </Button>
          <Button size="xs" variant="default" onClick={onCancel} disabled={renameAccount.isPending}>
            Cancel
          </Button>
        </Group>
      </Group>
    </form>
  );
}
