import { Badge, Button, Code, Group, List, Popover, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { describeScope } from '../scopes/scopeCatalogue.ts';

const INLINE_SCOPES = 2;

/** A route that may wrap after a slash, never inside a segment. */
function BreakablePath({ path }: { path: string }) {
  const [first, ...rest] = path.split('/');
  return (
    <>
      {first}
      {rest.map((segment, index) => (
        // Segments repeat (two `:id`s), so their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={index}>
          /<wbr />
          {segment}
        </Fragment>
      ))}
    </>
  );
}

function ScopeLine({ scope }: { scope: string }) {
  const { method, path, summary } = describeScope(scope);
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Badge size="xs" variant="light" color="gray" tt="none" miw={52}>
        {method || '?'}
      </Badge>
      <Code fz="xs" title={summary ?? undefined}>
        <BreakablePath path={path} />
      </Code>
    </Group>
  );
}

/**
 * A token's scopes in a table cell: "All endpoints" for an unrestricted token, the first few routes
 * inline, and the rest one click away.
 */
export function ScopeList({ scopes, label }: { scopes: string[] | null; label: string }) {
  if (!scopes || scopes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        All endpoints
      </Text>
    );
  }
  const inline = scopes.length <= INLINE_SCOPES + 1 ? scopes : scopes.slice(0, INLINE_SCOPES);
  const hidden = scopes.length - inline.length;
  return (
    <Stack gap={4}>
      {inline.map((scope) => (
        <ScopeLine key={scope} scope={scope} />
      ))}
      {hidden > 0 ? (
        <Popover width={460} position="bottom-start" shadow="md" withinPortal>
          <Popover.Target>
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label={`+${hidden} more: show all ${scopes.length} scopes of ${label}`}
            >
              +{hidden} more
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Text size="sm" fw={500} mb="xs">
              {scopes.length} scopes of {label}
            </Text>
            <List listStyleType="none" spacing={4}>
              {scopes.map((scope) => (
                <List.Item key={scope}>
                  <ScopeLine scope={scope} />
                </List.Item>
              ))}
            </List>
          </Popover.Dropdown>
        </Popover>
      ) : null}
    </Stack>
  );
}
