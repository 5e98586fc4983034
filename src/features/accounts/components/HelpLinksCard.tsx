import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { HelpLink } from '../../../api/schemas/helpLinks.ts';
import { describeError } from '../../../lib/canvasErrors.ts';
import { useHelpLinks } from '../api/getHelpLinks.ts';

// Only web links are rendered as links; anything else (javascript:, data:) is shown as text.
function isWebUrl(url: string): boolean {
  return /^(https?:|mailto:|tel:|\/)/i.test(url);
}

function HelpLinkItem({ link }: { link: HelpLink }) {
  return (
    <Stack gap={2} component="li">
      <Group gap={6} wrap="wrap">
        {isWebUrl(link.url) ? (
          <Anchor href={link.url} target="_blank" rel="noreferrer" size="sm" fw={500}>
            {link.text} <IconExternalLink size={12} aria-label="(opens in a new tab)" />
          </Anchor>
        ) : (
          <Text size="sm" fw={500}>
            {link.text}
          </Text>
        )}
        <Badge size="xs" variant="light" color={link.type === 'custom' ? 'indigo' : 'gray'}>
          {link.type === 'custom' ? 'Custom' : 'Default'}
        </Badge>
        {link.is_featured ? (
          <Badge size="xs" variant="light" color="teal">
            Featured
          </Badge>
        ) : null}
      </Group>
      {link.subtext ? (
        <Text size="xs" c="dimmed">
          {link.subtext}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        Shown to: {link.available_to.length > 0 ? link.available_to.join(', ') : 'nobody'}
      </Text>
    </Stack>
  );
}

/** GET /accounts/:id/help_links: the root account's Help menu; Canvas answers `{}` for sub-accounts. */
export function HelpLinksCard({ accountId }: { accountId: number }) {
  const helpLinks = useHelpLinks(accountId);
  let body: React.ReactNode;
  if (helpLinks.isPending) {
    body = <Skeleton height={60} />;
  } else if (helpLinks.isError) {
    body = (
      <Text size="sm" c="red">
        Could not load help links: {describeError(helpLinks.error)}
      </Text>
    );
  } else {
    const { help_link_name, custom_help_links, default_help_links } = helpLinks.data;
    const links =
      custom_help_links && custom_help_links.length > 0 ? custom_help_links : (default_help_links ?? []);
    body =
      help_link_name === undefined && links.length === 0 ? (
        <Text size="sm" c="dimmed">
          Help links are configured on the root account only.
        </Text>
      ) : (
        <Stack gap="xs">
          {help_link_name ? (
            <Text size="sm">
              Menu name: <strong>{help_link_name}</strong>
            </Text>
          ) : null}
          {links.length === 0 ? (
            <Text size="sm" c="dimmed">
              No help links.
            </Text>
          ) : (
            <Stack
              gap="xs"
              component="ul"
              aria-label="Help links"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {links.map((link) => (
                <HelpLinkItem key={link.id} link={link} />
              ))}
            </Stack>
          )}
        </Stack>
      );
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="help-links-heading">
      <Title order={2} size="h4" id="help-links-heading" mb="xs">
        Help links
      </Title>
      {body}
    </Card>
  );
}
