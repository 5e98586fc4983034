import { Button, Group, Select, Text, Title } from '@mantine/core';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { memo } from 'react';
import classes from './CalendarEditor.module.css';

export interface EditorHeaderProps {
  accountId: number;
  accountOptions: { value: string; label: string }[];
  /** "94 visible calendars in Northfield State University", from Canvas's count. */
  visibleCountText: string;
  csvDisabled: boolean;
  onPickAccount: (accountId: number) => void;
  onExport: () => void;
  onImport: () => void;
}

/** Title, Canvas's visible-calendars count, the account picker and the CSV buttons. */
export const EditorHeader = memo(function EditorHeader({
  accountId,
  accountOptions,
  visibleCountText,
  csvDisabled,
  onPickAccount,
  onExport,
  onImport,
}: EditorHeaderProps) {
  return (
    <>
      <div>
        <Group gap="md" align="center" wrap="wrap">
          <Title order={1}>Calendars</Title>
          <Text size="sm" role="status" className={classes.visibleCount}>
            {visibleCountText}
          </Text>
        </Group>
        <Text c="dimmed" size="sm" maw={760}>
          Choose which account calendars users can add in their Canvas calendar, and which ones they are
          subscribed to automatically. Nothing is written until you review and save.
        </Text>
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Account"
          data={accountOptions}
          value={String(accountId)}
          onChange={(value) => {
            if (value && Number(value) !== accountId) onPickAccount(Number(value));
          }}
          allowDeselect={false}
          searchable={accountOptions.length > 8}
          w={{ base: '100%', sm: 340 }}
        />
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          disabled={csvDisabled}
          onClick={onExport}
        >
          Export CSV
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileImport size={16} aria-hidden />}
          disabled={csvDisabled}
          onClick={onImport}
        >
          Import CSV
        </Button>
      </Group>
    </>
  );
});
