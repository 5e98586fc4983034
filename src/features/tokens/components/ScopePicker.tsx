import {
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Code,
  Group,
  Input,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconSearch } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import type { EndpointAreaId } from '../scopes/endpointCatalogue.ts';
import {
  describeScope,
  groupCatalogue,
  readOnlyScopesOf,
  selectionOf,
  toggleScopes,
  unknownScopes,
} from '../scopes/scopeCatalogue.ts';
import classes from './ScopePicker.module.css';

export interface ScopePickerProps {
  value: string[];
  onChange: (scopes: string[]) => void;
  error?: string;
}

function EndpointLabel({ entry }: { entry: { method: string; path: string } }) {
  return (
    <Group gap={6} wrap="nowrap" component="span">
      <Badge size="xs" variant="light" color="gray" tt="none" miw={52} component="span">
        {entry.method}
      </Badge>{' '}
      <Code fz="xs" component="span">
        {entry.path}
      </Code>
    </Group>
  );
}

/**
 * Chooses the endpoints a token may call, from the catalogue grouped by area: a search over method,
 * route and description, per-area and overall "read-only" shortcuts, and the token's scopes the
 * catalogue does not know, kept and removable.
 */
export function ScopePicker({ value, onChange, error }: ScopePickerProps) {
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query, 150);
  const groups = useMemo(() => groupCatalogue(debouncedQuery), [debouncedQuery]);
  const selected = useMemo(() => new Set(value), [value]);
  const shownEntries = useMemo(() => groups.flatMap((group) => group.entries), [groups]);
  const others = unknownScopes(value);
  const searching = debouncedQuery.trim() !== '';
  const errorId = useId();
  const pickerId = useId();
  const [openAreas, setOpenAreas] = useState<ReadonlySet<EndpointAreaId>>(() => new Set());
  const toggleArea = (area: EndpointAreaId) =>
    setOpenAreas((previous) => {
      const next = new Set(previous);
      if (next.has(area)) next.delete(area);
      else next.add(area);
      return next;
    });

  const set = (scopes: string[], on: boolean) => onChange(toggleScopes(value, scopes, on));

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label="Search endpoints"
          placeholder="e.g. courses, GET reports, /api/v1/accounts/1/users"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            query ? (
              <CloseButton size="sm" aria-label="Clear endpoint search" onClick={() => setQuery('')} />
            ) : null
          }
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          flex={1}
          miw={240}
        />
        <Button variant="default" onClick={() => set(readOnlyScopesOf(shownEntries), true)}>
          {searching ? 'Add read-only matches' : 'Add all read-only'}
        </Button>
        <Button variant="subtle" color="gray" disabled={value.length === 0} onClick={() => onChange([])}>
          Clear all
        </Button>
      </Group>
      <Text size="sm" role="status" aria-live="polite">
        {value.length === 0
          ? 'No endpoints selected.'
          : `${value.length} ${value.length === 1 ? 'endpoint' : 'endpoints'} selected.`}
        {searching ? ` ${shownEntries.length} match “${debouncedQuery.trim()}”.` : ''}
      </Text>
      {error ? (
        <Input.Error id={errorId} role="alert">
          {error}
        </Input.Error>
      ) : null}
      <Paper withBorder radius="sm">
        <ScrollArea.Autosize mah={340} type="auto" offsetScrollbars>
          <Stack gap="sm" p="sm" aria-describedby={error ? errorId : undefined}>
            {groups.length === 0 ? (
              <Text size="sm" c="dimmed">
                No endpoint matches “{debouncedQuery.trim()}”.
              </Text>
            ) : null}
            {groups.map((group) => {
              const scopes = group.entries.map((entry) => entry.scope);
              const readOnly = readOnlyScopesOf(group.entries);
              const selection = selectionOf(selected, scopes);
              const chosen = scopes.filter((scope) => selected.has(scope)).length;
              // A search shows every match; otherwise areas open on demand, keeping the list short.
              const expanded = searching || openAreas.has(group.area);
              const listId = `${pickerId}-${group.area}`;
              return (
                <fieldset key={group.area} aria-label={group.label} className={classes.group}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Checkbox
                      label={
                        <Text span fw={600} size="sm">
                          {group.label}{' '}
                          <Text span c="dimmed" size="xs">
                            ({chosen} of {scopes.length})
                          </Text>
                        </Text>
                      }
                      checked={selection === 'all'}
                      indeterminate={selection === 'some'}
                      onChange={() => set(scopes, selection !== 'all')}
                    />
                    <Group gap={4} wrap="nowrap">
                      {readOnly.length > 0 ? (
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={`Add the read-only endpoints of ${group.label}`}
                          onClick={() => set(readOnly, true)}
                        >
                          Read-only
                        </Button>
                      ) : null}
                      {searching ? null : (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          aria-expanded={expanded}
                          aria-controls={expanded ? listId : undefined}
                          aria-label={`${expanded ? 'Hide' : 'Show'} endpoints of ${group.label}`}
                          rightSection={
                            <IconChevronDown
                              size={14}
                              aria-hidden
                              style={{ transform: expanded ? 'rotate(180deg)' : undefined }}
                            />
                          }
                          onClick={() => toggleArea(group.area)}
                        >
                          {expanded ? 'Hide' : 'Show'} endpoints
                        </Button>
                      )}
                    </Group>
                  </Group>
                  {expanded ? (
                    <Stack gap={6} pl="lg" mt={6} id={listId}>
                      {group.entries.map((entry) => (
                        <Checkbox
                          key={entry.scope}
                          size="xs"
                          label={<EndpointLabel entry={entry} />}
                          description={entry.summary}
                          checked={selected.has(entry.scope)}
                          onChange={(event) => set([entry.scope], event.currentTarget.checked)}
                        />
                      ))}
                    </Stack>
                  ) : null}
                </fieldset>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      </Paper>
      {others.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Other scopes on this token
          </Text>
          {others.map((scope) => (
            <Group key={scope} gap="xs" wrap="nowrap">
              <EndpointLabel entry={describeScope(scope)} />
              <CloseButton size="sm" aria-label={`Remove ${scope}`} onClick={() => set([scope], false)} />
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
