import { Card, Skeleton, Spoiler, Table, Text, Title } from '@mantine/core';
import type { TermsOfService } from '../../../api/schemas/termsOfService.ts';
import { describeError } from '../../../lib/canvasErrors.ts';
import { useTermsOfService } from '../api/getTermsOfService.ts';

const TERMS_TYPES: Record<TermsOfService['terms_type'], string> = {
  default: "Canvas's default terms",
  custom: 'Custom terms',
  no_terms: 'No terms',
};

const SELF_REGISTRATION: Record<TermsOfService['self_registration_type'], string> = {
  none: 'Off',
  observer: 'Observers only',
  all: 'Everyone',
};

/**
 * Custom terms are HTML written by an admin; they are shown as plain text because rendering
 * someone else's markup here would run whatever it contains.
 */
function htmlToText(html: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html');
  return (document.body.textContent ?? '').trim();
}

/** GET /accounts/:id/terms_of_service: always the root account's terms. */
export function TermsOfServiceCard({ accountId, isRoot }: { accountId: number; isRoot: boolean }) {
  const terms = useTermsOfService(accountId);
  let body: React.ReactNode;
  if (terms.isPending) {
    body = <Skeleton height={60} />;
  } else if (terms.isError) {
    body = (
      <Text size="sm" c="red">
        Could not load the terms of service: {describeError(terms.error)}
      </Text>
    );
  } else {
    const content = terms.data.content ? htmlToText(terms.data.content) : '';
    body = (
      <>
        {isRoot ? null : (
          <Text size="xs" c="dimmed" mb="xs">
            Terms of service are set on the root account; self-registration is this account's own.
          </Text>
        )}
        <Table variant="vertical" layout="fixed" aria-label="Terms of service">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w="45%" scope="row">
                Terms
              </Table.Th>
              <Table.Td>{TERMS_TYPES[terms.data.terms_type]}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Users must accept</Table.Th>
              <Table.Td>{terms.data.passive ? 'No (passive)' : 'Yes'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">Self-registration</Table.Th>
              <Table.Td>{SELF_REGISTRATION[terms.data.self_registration_type]}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {content ? (
          <Spoiler maxHeight={96} showLabel="Show full terms" hideLabel="Show less" mt="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {content}
            </Text>
          </Spoiler>
        ) : null}
      </>
    );
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="terms-heading">
      <Title order={2} size="h4" id="terms-heading" mb="xs">
        Terms of service
      </Title>
      {body}
    </Card>
  );
}
