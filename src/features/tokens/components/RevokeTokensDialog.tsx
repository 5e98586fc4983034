import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Token } from '../../../api/schemas/token.ts';
import { describeError } from '../../../lib/canvasErrors.ts';
import { type RevokeTokensResult, useRevokeTokens } from '../api/deleteToken.ts';
import type { TokenOwner } from '../model/tokenOwner.ts';
import { tokenLabelOf } from '../model/tokenStatus.ts';

export interface RevokeTokensDialogProps {
  /** The tokens to revoke; an empty list keeps the dialog closed. */
  tokens: Token[];
  opened: boolean;
  owner: TokenOwner;
  onClose: () => void;
  /** Called once the run ends, with what was revoked (possibly only part of the selection). */
  onFinished: (result: RevokeTokensResult) => void;
}

/** The phrase that must be typed, which names the count so that a surprise selection shows up. */
export function revokeConfirmationPhrase(count: number): string {
  return `revoke ${count} ${count === 1 ? 'token' : 'tokens'}`;
}

function RevokeForm({
  tokens: selected,
  owner,
  onClose,
  onFinished,
}: Omit<RevokeTokensDialogProps, 'opened'>) {
  // The batch is fixed when the dialog opens: the selection shrinks as tokens are revoked.
  const [tokens] = useState(selected);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<RevokeTokensResult | null>(null);
  const revoke = useRevokeTokens();
  const phrase = revokeConfirmationPhrase(tokens.length);
  const confirmed = typed.trim().toLowerCase() === phrase;
  const labels = new Map(tokens.map((token) => [token.id, tokenLabelOf(token)]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    revoke.mutate(
      { owner: owner.id, tokenIds: tokens.map((token) => token.id) },
      {
        onSuccess: (outcome) => {
          onFinished(outcome);
          // Stay open on a partial failure so the reasons can be read.
          if (outcome.failures.length === 0) onClose();
          else setResult(outcome);
        },
      },
    );
  };

  if (result) {
    return (
      <Stack gap="md">
        <Alert
          color="red"
          variant="light"
          title={`${result.failures.length} of ${tokens.length} not revoked`}
          role="alert"
        >
          <List size="sm">
            {result.failures.map(({ tokenId, error }) => (
              <List.Item key={tokenId}>
                {labels.get(tokenId)}: {describeError(error)}
              </List.Item>
            ))}
          </List>
        </Alert>
        {result.revokedIds.length > 0 ? <Text size="sm">{result.revokedIds.length} revoked.</Text> : null}
        <Group justify="flex-end">
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Canvas revokes these tokens{owner.isSelf ? '' : ` of ${owner.name}`} at once; every request made
          with them is refused from then on. This cannot be undone.
        </Text>
        <ScrollArea.Autosize mah={200} type="auto">
          <List size="sm" spacing={2}>
            {tokens.map((token) => (
              <List.Item key={token.id}>{tokenLabelOf(token)}</List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
        <TextInput
          label={`Type “${phrase}” to confirm`}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          autoComplete="off"
          data-autofocus
        />
        {revoke.error ? (
          <Alert color="red" title="Revoking failed">
            {describeError(revoke.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={!confirmed} loading={revoke.isPending}>
            Revoke {tokens.length} {tokens.length === 1 ? 'token' : 'tokens'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Revokes the selected tokens after the count is typed out; failures are listed, token by token. */
export function RevokeTokensDialog({ opened, ...props }: RevokeTokensDialogProps) {
  const count = props.tokens.length;
  return (
    <Modal
      opened={opened && count > 0}
      onClose={props.onClose}
      title={`Revoke ${count} ${count === 1 ? 'token' : 'tokens'}?`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
    >
      {opened && count > 0 ? <RevokeForm {...props} /> : null}
    </Modal>
  );
}
