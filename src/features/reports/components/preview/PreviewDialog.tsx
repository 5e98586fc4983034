import { Alert, Group, Loader, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx';
import type { PreviewTable } from '../../model/csvPreview.ts';
import { usePreviewTables } from './usePreviewTables.ts';
import { VirtualCsvTable } from './VirtualCsvTable.tsx';

export interface PreviewDialogProps {
  /** The file to show; null keeps the dialog closed. */
  file: { url: string; name: string } | null;
  onClose: () => void;
}

const numberFormat = new Intl.NumberFormat();

function TableSummary({ table }: { table: PreviewTable }) {
  return (
    <Text size="sm" aria-live="polite">
      {numberFormat.format(table.totalRows)} {table.totalRows === 1 ? 'row' : 'rows'}, {table.header.length}{' '}
      {table.header.length === 1 ? 'column' : 'columns'}
      {table.truncated && ` · showing the first ${numberFormat.format(table.rows.length)}`}
    </Text>
  );
}

function TableView({ table }: { table: PreviewTable }) {
  return (
    <Stack gap="xs">
      <TableSummary table={table} />
      {table.truncated && (
        <Alert color="yellow" variant="light" p="xs">
          The preview stops at {numberFormat.format(table.rows.length)} rows; download the file for all of
          them.
        </Alert>
      )}
      <VirtualCsvTable table={table} />
    </Stack>
  );
}

/** A report file's CSVs in a table, one tab per CSV of a zip. */
export function PreviewDialog({ file, onClose }: PreviewDialogProps) {
  const tables = usePreviewTables(file?.url ?? null, file?.name ?? '');
  const [tab, setTab] = useState<string | null>(null);
  const list = tables.data ?? [];
  const activeTab = tab && list.some((table) => table.name === tab) ? tab : (list[0]?.name ?? null);

  return (
    <Modal
      opened={file !== null}
      onClose={onClose}
      title={file ? `Preview of ${file.name}` : 'Preview'}
      size="90rem"
      closeButtonProps={{ 'aria-label': 'Close preview' }}
    >
      {tables.isPending ? (
        <Group gap="xs" aria-live="polite">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Downloading and reading the file…</Text>
        </Group>
      ) : tables.isError ? (
        <ErrorAlert
          title="The file could not be previewed"
          error={tables.error}
          onRetry={() => tables.refetch()}
        />
      ) : list.length === 0 ? (
        <Text size="sm">The file holds no CSV.</Text>
      ) : list.length === 1 && list[0] ? (
        <TableView table={list[0]} />
      ) : (
        <Tabs value={activeTab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {list.map((table) => (
              <Tabs.Tab key={table.name} value={table.name}>
                {table.name}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {list.map((table) => (
            <Tabs.Panel key={table.name} value={table.name} pt="sm">
              <TableView table={table} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Modal>
  );
}
