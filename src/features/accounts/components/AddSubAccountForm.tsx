import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Account } from '../../../api/schemas/account.ts';
import { describeError, fieldErrorOf } from '../../../lib/canvasErrors.ts';
import { NewSubAccountInput, useCreateSubAccount } from '../api/createSubAccount.ts';

export interface AddSubAccountFormProps {
  parent: Pick<Account, 'id' | 'name'>;
  onCreated: (account: Account) => void;
  onCancel: () => void;
}

/** The inline "new sub-account" field shown under an account, as on Canvas's sub-accounts page. */
export function AddSubAccountForm({ parent, onCreated, onCancel }: AddSubAccountFormProps) {
  const [name, setName] = useState('');
  const [validationError, setValidationError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // The field appears because the user asked for it, so it takes focus.
  useEffect(() => inputRef.current?.focus(), []);
  const createSubAccount = useCreateSubAccount();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewSubAccountInput.safeParse({ name });
    if (!parsed.success) {
      setValidationError(parsed.error.issues[0]?.message ?? 'Invalid name');
      return;
    }
    setValidationError(null);
    createSubAccount.mutate({ parentId: parent.id, input: parsed.data }, { onSuccess: onCreated });
  };

  const serverError = createSubAccount.error
    ? (fieldErrorOf(createSubAccount.error, 'name') ?? describeError(createSubAccount.error))
    : null;

  return (
    <form onSubmit={submit} noValidate>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label={`Name of the new sub-account of ${parent.name}`}
          placeholder="New sub-account name"
          size="xs"
          flex={1}
          maw={420}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel();
          }}
          error={validationError ?? serverError}
          ref={inputRef}
        />
        <Group gap={6} mt={22} wrap="nowrap">
          <Button type="submit" size="xs" loading={createSubAccount.isPending}>
            Add
          </Button>
          <Button size="xs" variant="default" onClick={onCancel} disabled={createSubAccount.isPending}>
            Cancel
          </Button>
        </Group>
      </Group>
    </form>
  );
}
