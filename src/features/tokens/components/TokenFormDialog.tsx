import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { TOKEN_PURPOSE_MAX_LENGTH, type Token } from '../../../api/schemas/token.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCreateToken } from '../api/createToken.ts';
import { useUpdateToken } from '../api/updateToken.ts';
import type { IssuedToken } from '../model/issuedToken.ts';
import { tokenFormServerErrors } from '../model/serverErrors.ts';
import {
  defaultExpiryChoice,
  type ExpiryPolicy,
  formErrorsOf,
  type TokenFormErrors,
  type TokenFormMode,
  type TokenFormValues,
  tokenFormSchema,
} from '../model/tokenForm.ts';
import type { TokenOwner } from '../model/tokenOwner.ts';
import { tokenLabelOf } from '../model/tokenStatus.ts';
import { ExpiryField } from './ExpiryField.tsx';
import { ScopePicker } from './ScopePicker.tsx';

export type TokenFormTarget = { kind: 'create' } | { kind: 'edit'; token: Token };

export interface TokenFormDialogProps {
  /** null keeps the dialog closed. */
  target: TokenFormTarget | null;
  owner: TokenOwner;
  policy: ExpiryPolicy;
  now: Date;
  onClose: () => void;
  /** A new token: its secret is handed over here and nowhere else. */
  onIssued: (issued: IssuedToken) => void;
  onSaved: (token: Token) => void;
}

function initialValues(target: TokenFormTarget, mode: TokenFormMode, policy: ExpiryPolicy): TokenFormValues {
  const scopes = target.kind === 'edit' ? (target.token.scopes ?? []) : [];
  return {
    purpose: target.kind === 'edit' ? (target.token.purpose ?? '') : '',
    expiry: { choice: defaultExpiryChoice(mode, policy), custom: '' },
    restrict: scopes.length > 0,
    scopes,
  };
}

function TokenForm({
  target,
  owner,
  policy,
  now,
  onClose,
  onIssued,
  onSaved,
}: TokenFormDialogProps & { target: TokenFormTarget }) {
  const mode: TokenFormMode =
    target.kind === 'create'
      ? { kind: 'create' }
      : { kind: 'edit', currentExpiresAt: target.token.expires_at };
  const [values, setValues] = useState(() => initialValues(target, mode, policy));
  const [errors, setErrors] = useState<TokenFormErrors>({});
  const createToken = useCreateToken({ onIssued });
  const updateToken = useUpdateToken();
  const mutation = target.kind === 'create' ? createToken : updateToken;
  const server = tokenFormServerErrors(mutation.error);
  const shown: TokenFormErrors = { ...server.fields, ...errors };

  const change = (patch: Partial<TokenFormValues>) => {
    setValues((previous) => ({ ...previous, ...patch }));
    // A field's old complaint goes once the field changes.
    setErrors((previous) => {
      const next = { ...previous };
      for (const key of Object.keys(patch)) {
        delete next[key as keyof TokenFormErrors];
        if (key === 'expiry') delete next.customExpiry;
      }
      return next;
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The rules are checked against the moment of submitting, not of opening the form.
    const parsed = tokenFormSchema(mode, policy, new Date()).safeParse(values);
    if (!parsed.success) {
      setErrors(formErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    const output = parsed.data;
    if (target.kind === 'create') {
      createToken.mutate(
        {
          owner: owner.id,
          input: { purpose: output.purpose, expires_at: output.expires_at ?? null, scopes: output.scopes },
        },
        { onSuccess: () => onClose() },
      );
    } else {
      updateToken.mutate(
        { owner: owner.id, tokenId: target.token.id, input: output },
        { onSuccess: (token) => onSaved(token) },
      );
    }
  };

  const ownerName = owner.isSelf ? 'you' : owner.name;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {target.kind === 'create' && !owner.isSelf ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconInfoCircle aria-hidden />}
            title="The token starts pending"
          >
            A token you create for {owner.name} works only after {owner.name} activates it in Canvas. Canvas
            tells them it was created on their behalf.
          </Alert>
        ) : null}
        <TextInput
          label="Purpose"
          description={`What the token is for, so it can be recognized later (${values.purpose.length}/${TOKEN_PURPOSE_MAX_LENGTH})`}
          value={values.purpose}
          onChange={(event) => change({ purpose: event.currentTarget.value })}
          error={shown.purpose}
          required
          data-autofocus
        />
        <ExpiryField
          mode={mode}
          policy={policy}
          now={now}
          value={values.expiry}
          onChange={(expiry) => change({ expiry })}
          error={shown.expiry}
          customError={shown.customExpiry}
        />
        <Radio.Group
          label="Access"
          value={values.restrict ? 'restrict' : 'all'}
          onChange={(choice) => change({ restrict: choice === 'restrict' })}
        >
          <Stack gap={6} mt="xs">
            <Radio
              value="all"
              label="Every endpoint"
              description={`The token may call everything ${ownerName} may.`}
            />
            <Radio
              value="restrict"
              label="Only the endpoints chosen below"
              description="Canvas refuses any other request with “Insufficient scopes on access token.”"
            />
          </Stack>
        </Radio.Group>
        {values.restrict ? (
          <ScopePicker value={values.scopes} onChange={(scopes) => change({ scopes })} error={shown.scopes} />
        ) : null}
        {mutation.error && !server.placed ? (
          <ErrorAlert
            title={
              target.kind === 'create' ? 'Canvas did not create the token' : 'Canvas did not save the changes'
            }
            error={mutation.error}
          />
        ) : null}
        {Object.keys(shown).length > 0 ? (
          <Text size="sm" c="red" role="alert">
            Check the highlighted fields.
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {target.kind === 'create' ? 'Create token' : 'Save changes'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Creates a token, or edits the purpose, expiry and scopes of one, with Canvas's rules checked as you go. */
export function TokenFormDialog(props: TokenFormDialogProps) {
  const { target, owner, onClose } = props;
  const title =
    target?.kind === 'edit'
      ? `Edit ${tokenLabelOf(target.token)}`
      : owner.isSelf
        ? 'New access token'
        : `New access token for ${owner.name}`;
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
    >
      {/* Mounted per opening, so every opening starts from a fresh form and a fresh mutation. */}
      {target ? <TokenForm {...props} target={target} /> : null}
    </Modal>
  );
}
