import { Button, Group, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { Token } from '../../api/schemas/token.ts';
import { useSession } from '../../app/session/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { BulkActionBar } from '../../components/table/BulkActionBar.tsx';
import { useUrlState } from '../../lib/urlState.ts';
import { useDebouncedUrlValue } from '../../lib/useDebouncedUrlValue.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNow } from '../../lib/useNow.ts';
import { useUser } from './api/getUser.ts';
import { useUserTokens } from './api/getUserTokens.ts';
import { useTokenPermissions } from './api/useTokenPermissions.ts';
import { DeleteTokenDialog } from './components/DeleteTokenDialog.tsx';
import { IssuedTokenDialog } from './components/IssuedTokenDialog.tsx';
import { RegenerateTokenDialog } from './components/RegenerateTokenDialog.tsx';
import { RevokeTokensDialog } from './components/RevokeTokensDialog.tsx';
import { TokenFilters } from './components/TokenFilters.tsx';
import { TokenFormDialog, type TokenFormTarget } from './components/TokenFormDialog.tsx';
import { TokenOwnerPicker } from './components/TokenOwnerPicker.tsx';
import { TokensTable } from './components/TokensTable.tsx';
import type { IssuedToken } from './model/issuedToken.ts';
import type { TokenOwner } from './model/tokenOwner.ts';
import { tokenLabelOf, toTokenRow } from './model/tokenStatus.ts';
import {
  type TokenFilters as Filters,
  filterTokenRows,
  sortTokenRows,
  TokenPageSearch,
  type TokenSort,
} from './model/tokenTableState.ts';

const SEARCH_DEBOUNCE_MS = 250;
const NO_SELECTION: ReadonlySet<number> = new Set();

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function TableSkeleton() {
  return (
    <Stack gap={6} aria-busy="true" aria-label="Loading tokens">
      {[90, 80, 85].map((width) => (
        <Skeleton key={width} height={44} width={`${width}%`} />
      ))}
    </Stack>
  );
}

/** One user's tokens: the table, its filters and every action on them. Remounted per owner. */
function OwnerTokens({ owner, onSwitchBack }: { owner: TokenOwner; onSwitchBack: () => void }) {
  const now = useNow();
  const [state, setState] = useUrlState(TokenPageSearch);
  const commitSearch = useCallback((q: string) => setState({ q }, { replace: true }), [setState]);
  const [searchDraft, setSearchDraft] = useDebouncedUrlValue(state.q, commitSearch, SEARCH_DEBOUNCE_MS);
  const tokens = useUserTokens(owner.id);
  const { policy } = useTokenPermissions();

  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(NO_SELECTION);
  const [formTarget, setFormTarget] = useState<TokenFormTarget | null>(null);
  const [regenerating, setRegenerating] = useState<Token | null>(null);
  const [deleting, setDeleting] = useState<Token | null>(null);
  const [revoking, setRevoking] = useState(false);
  // The only place a new secret is kept, and only until its dialog closes.
  const [issued, setIssued] = useState<(IssuedToken & { kind: 'created' | 'regenerated' }) | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const allRows = useMemo(
    () => (tokens.data ?? []).map((token) => toTokenRow(token, now)),
    [tokens.data, now],
  );
  const filters: Filters = { q: state.q, state: state.state, flag: state.flag };
  const rows = useMemo(
    () =>
      sortTokenRows(
        filterTokenRows(allRows, { q: state.q, state: state.state, flag: state.flag }),
        state.sort,
        state.order,
      ),
    [allRows, state.q, state.state, state.flag, state.sort, state.order],
  );
  // Selection only ever holds tokens that still exist.
  const selectedTokens = (tokens.data ?? []).filter((token) => selectedIds.has(token.id));

  const sortBy = (sort: TokenSort) => {
    const order = state.sort === sort && state.order === 'asc' ? 'desc' : 'asc';
    setState({ sort, order }, { replace: true });
  };

  const heading = owner.isSelf ? 'My tokens' : `Tokens of ${owner.name}`;
  let body: React.ReactNode;
  if (tokens.isPending) body = <TableSkeleton />;
  else if (tokens.isError) {
    body = (
      <ErrorAlert title="Could not load the tokens" error={tokens.error} onRetry={() => tokens.refetch()} />
    );
  } else if (allRows.length === 0) {
    body = (
      <Text c="dimmed" py="md">
        {owner.isSelf ? 'You have no access tokens.' : `${owner.name} has no access tokens.`}
      </Text>
    );
  } else {
    body = (
      <>
        <TokensTable
          label={heading}
          rows={rows}
          now={now}
          sort={state.sort}
          order={state.order}
          onSort={sortBy}
          selectedIds={selectedIds}
          onSelectionChange={setSelectedIds}
          onEdit={(token) => setFormTarget({ kind: 'edit', token })}
          onRegenerate={setRegenerating}
          onDelete={setDeleting}
        />
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">
            No token matches these filters.
          </Text>
        ) : null}
      </>
    );
  }

  return (
    <Stack gap="md" component="section" aria-labelledby="tokens-heading">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={0}>
          <Title order={2} id="tokens-heading">
            {heading}
          </Title>
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {tokens.data ? `${plural(rows.length, 'token', 'tokens')} shown of ${allRows.length}.` : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          {!owner.isSelf ? (
            <Button
              variant="default"
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              onClick={onSwitchBack}
            >
              Back to my tokens
            </Button>
          ) : null}
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={policy === undefined}
            onClick={() => setFormTarget({ kind: 'create' })}
          >
            New token
          </Button>
        </Group>
      </Group>

      {allRows.length > 0 ? (
        <TokenFilters
          filters={filters}
          searchDraft={searchDraft}
          onSearchDraftChange={setSearchDraft}
          rows={allRows}
          onChange={(patch) => setState(patch, { replace: true })}
          onReset={() => {
            setSearchDraft('');
            setState({ q: '', state: [], flag: [] }, { replace: true });
          }}
        />
      ) : null}

      <BulkActionBar
        count={selectedTokens.length}
        selectionLabel={(count) => `${plural(count, 'token', 'tokens')} selected`}
        onClear={() => setSelectedIds(NO_SELECTION)}
      >
        <Button
          size="xs"
          color="red"
          leftSection={<IconTrash size={14} aria-hidden />}
          onClick={() => setRevoking(true)}
        >
          Revoke selected
        </Button>
      </BulkActionBar>

      {body}

      {policy ? (
        <TokenFormDialog
          target={formTarget}
          owner={owner}
          policy={policy}
          now={now}
          onClose={() => setFormTarget(null)}
          onIssued={(fresh) => {
            setIssued({ ...fresh, kind: 'created' });
            setAnnouncement(`Created ${tokenLabelOf(fresh.token)}`);
          }}
          onSaved={(token) => {
            setFormTarget(null);
            setAnnouncement(`Saved ${tokenLabelOf(token)}`);
          }}
        />
      ) : null}
      {policy ? (
        <RegenerateTokenDialog
          token={regenerating}
          owner={owner}
          policy={policy}
          now={now}
          onClose={() => setRegenerating(null)}
          onIssued={(fresh) => {
            setIssued({ ...fresh, kind: 'regenerated' });
            setAnnouncement(`Regenerated ${tokenLabelOf(fresh.token)}`);
          }}
        />
      ) : null}
      <DeleteTokenDialog
        token={deleting}
        owner={owner}
        onClose={() => setDeleting(null)}
        onDeleted={(token) => {
          setDeleting(null);
          setSelectedIds((previous) => new Set([...previous].filter((id) => id !== token.id)));
          setAnnouncement(`Deleted ${tokenLabelOf(token)}`);
        }}
      />
      <RevokeTokensDialog
        opened={revoking}
        tokens={selectedTokens}
        owner={owner}
        onClose={() => setRevoking(false)}
        onFinished={(result) => {
          const revoked = new Set(result.revokedIds);
          setSelectedIds((previous) => new Set([...previous].filter((id) => !revoked.has(id))));
          setAnnouncement(`Revoked ${plural(result.revokedIds.length, 'token', 'tokens')}`);
        }}
      />
      <IssuedTokenDialog issued={issued} owner={owner} onClose={() => setIssued(null)} />
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}

/**
 * `/tokens`: the signed-in user's access tokens and, for root-account admins, any other user's,
 * with state, flags, create, edit, regenerate, delete and bulk revoke.
 */
export function TokensPage() {
  useDocumentTitle('Access tokens');
  const session = useSession();
  const [{ user: userParam }, setState] = useUrlState(TokenPageSearch);
  const { rootAccountId } = useTokenPermissions();
  const me = session.data?.user ?? null;
  const otherUserId = userParam !== undefined && userParam !== me?.id ? userParam : undefined;
  const otherUser = useUser(otherUserId);

  const owner: TokenOwner =
    otherUserId === undefined
      ? { id: 'self', name: me?.name ?? 'you', isSelf: true }
      : { id: otherUserId, name: otherUser.data?.name ?? `user ${otherUserId}`, isSelf: false };

  const showOwner = (userId: number | undefined) => setState({ user: userId, q: '', state: [], flag: [] });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Access tokens</Title>
        <Text c="dimmed" size="sm" maw={760}>
          Tokens let scripts and integrations act in Canvas as a user, without multi-factor sign-in. Keep them
          few, limited to the endpoints they need, and short-lived; revoke the ones nobody uses.
        </Text>
      </div>
      {rootAccountId !== undefined ? (
        <Paper withBorder p="sm" radius="sm">
          <TokenOwnerPicker accountId={rootAccountId} onSelect={(user) => showOwner(user.id)} />
        </Paper>
      ) : null}
      <OwnerTokens key={String(owner.id)} owner={owner} onSwitchBack={() => showOwner(undefined)} />
    </Stack>
  );
}
