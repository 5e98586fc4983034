import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { IssuedToken } from '../model/issuedToken.ts';
import type { TokenOwner } from '../model/tokenOwner.ts';
import { tokenLabelOf } from '../model/tokenStatus.ts';

type Issued = IssuedToken & { kind: 'created' | 'regenerated' };

export interface IssuedTokenDialogProps {
  /** The fresh token and its secret; null keeps the dialog closed. The caller forgets it on close. */
  issued: Issued | null;
  owner: TokenOwner;
  onClose: () => void;
}

function IssuedTokenBody({ issued, owner, onClose }: IssuedTokenDialogProps & { issued: Issued }) {
  const { secret } = issued;
  const label = tokenLabelOf(issued.token);
  const pending = issued.token.workflow_state === 'pending';
  return (
    <Stack gap="md">
      {secret ? (
        <>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Copy it now">
            This is the only time the token is shown. Canvas keeps only a fingerprint of it: once you close
            this dialog nobody can see it again, and a lost token can only be regenerated.
          </Alert>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={`Access token for ${label}`}
              value={secret}
              readOnly
              flex={1}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={secret} timeout={4000}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? 'teal' : undefined}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                >
                  {copied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </>
      ) : (
        <Alert color="red" variant="light" title="Canvas did not return the token">
          The token {label} was saved, but its value was not in Canvas’s answer. Regenerate it to get a new
          value.
        </Alert>
      )}
      {pending ? (
        <Text size="sm">
          The token is pending: it works once {owner.name} activates it in Canvas. Give it to them only
          through a channel you trust.
        </Text>
      ) : null}
      {issued.kind === 'regenerated' ? (
        <Text size="sm">The previous value of this token no longer works.</Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Shows a new secret the only time Canvas returns it, with a copy button and the warning that it
 * cannot be shown again. The secret lives in the page's state only while this dialog is open.
 */
export function IssuedTokenDialog(props: IssuedTokenDialogProps) {
  const { issued, onClose } = props;
  return (
    <Modal
      opened={issued !== null}
      onClose={onClose}
      title={issued?.kind === 'regenerated' ? 'Token regenerated' : 'Token created'}
      size="lg"
      // A stray click outside must not throw away the only copy of the secret.
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': 'Close dialog' }}
    >
      {issued ? <IssuedTokenBody {...props} issued={issued} /> : null}
    </Modal>
  );
}
