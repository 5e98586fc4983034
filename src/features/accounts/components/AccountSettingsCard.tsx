import { Card, List, Skeleton, Table, Text, Title } from '@mantine/core';
import { describeError, isCanvasErrorKind } from '../../../lib/canvasErrors.ts';
import { useAccountSettings } from '../api/getAccountSettings.ts';

const SETTING_LABELS: Record<string, string> = {
  microsoft_sync_enabled: 'Microsoft Teams sync',
  microsoft_sync_tenant: 'Microsoft tenant',
  microsoft_sync_login_attribute: 'Microsoft sync login attribute',
  microsoft_sync_login_attribute_suffix: 'Microsoft sync login suffix',
  microsoft_sync_remote_attribute: 'Microsoft sync remote attribute',
  enable_as_k5_account: 'Canvas for Elementary (K-5)',
  use_classic_font_in_k5: 'Classic font in K-5',
  allow_assign_to_differentiation_tags: 'Assign to differentiation tags',
  horizon_account: 'Canvas Career (Horizon)',
  password_policy: 'Password policy',
};

function labelOf(key: string): string {
  const known = SETTING_LABELS[key];
  if (known) return known;
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Booleans read as On/Off; `{value, locked}` pairs add "locked"; objects list their keys. */
function SettingValue({ value }: { value: unknown }) {
  if (typeof value === 'boolean') return <>{value ? 'On' : 'Off'}</>;
  if (isRecord(value) && typeof value.value === 'boolean') {
    return (
      <>
        {value.value ? 'On' : 'Off'}
        {value.locked ? ' (locked for sub-accounts)' : ''}
      </>
    );
  }
  if (isRecord(value)) {
    return (
      <List size="sm" spacing={2}>
        {Object.entries(value).map(([key, nested]) => (
          <List.Item key={key}>
            {labelOf(key)}: {typeof nested === 'object' ? JSON.stringify(nested) : String(nested)}
          </List.Item>
        ))}
      </List>
    );
  }
  return <>{String(value)}</>;
}

/** GET /accounts/:id/settings, which only account managers may read and which often holds nothing. */
export function AccountSettingsCard({ accountId }: { accountId: number }) {
  const settings = useAccountSettings(accountId);
  let body: React.ReactNode;
  if (settings.isPending) {
    body = <Skeleton height={60} />;
  } else if (settings.isError) {
    body = isCanvasErrorKind(settings.error, 'unauthorized') ? (
      <Text size="sm" c="dimmed">
        You're not allowed to view this account's settings (Canvas: {describeError(settings.error)}).
      </Text>
    ) : (
      <Text size="sm" c="red">
        Could not load settings: {describeError(settings.error)}
      </Text>
    );
  } else {
    const entries = Object.entries(settings.data).filter(
      ([, value]) => value !== undefined && value !== null,
    );
    body =
      entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No settings are stored on this account; it uses Canvas's defaults.
        </Text>
      ) : (
        <Table variant="vertical" layout="fixed" aria-label="Account settings">
          <Table.Tbody>
            {entries.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th w="45%" scope="row">
                  {labelOf(key)}
                </Table.Th>
                <Table.Td>
                  <SettingValue value={value} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="account-settings-heading">
      <Title order={2} size="h4" id="account-settings-heading" mb="xs">
        Settings
      </Title>
      {body}
    </Card>
  );
}
