import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import type { CalendarIndex } from '../model/calendarIndex.ts';
import {
  CALENDAR_CSV_COLUMNS,
  type CsvImportResult,
  parseCalendarsCsv,
  summarizeImport,
} from '../model/calendarsCsv.ts';
import type { PendingEdits } from '../model/pendingEdits.ts';
import { plural } from '../plural.ts';
import classes from './ImportCsvDialog.module.css';

export interface ImportCsvDialogProps {
  opened: boolean;
  index: CalendarIndex;
  pending: PendingEdits;
  onApply: (result: CsvImportResult) => void;
  onClose: () => void;
}

interface LoadedFile {
  name: string;
  result: CsvImportResult;
}

/**
 * Reads a CSV in the export's format and shows what it would change and what is wrong with it.
 * Nothing reaches the pending edits until the admin confirms, and nothing reaches Canvas until they
 * review and save as usual.
 */
export function ImportCsvDialog({ opened, index, pending, onApply, onClose }: ImportCsvDialogProps) {
  const inputId = useId();
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const close = () => {
    setLoaded(null);
    setReadError(null);
    onClose();
  };

  const readFile = async (file: File | undefined) => {
    setLoaded(null);
    setReadError(null);
    if (!file) return;
    try {
      const text = await file.text();
      setLoaded({ name: file.name, result: parseCalendarsCsv(text, index, pending) });
    } catch (error) {
      setReadError(error instanceof Error ? error.message : 'The file could not be read.');
    }
  };

  const result = loaded?.result;
  const summary = result ? summarizeImport(result, pending) : null;
  const changeCount = result?.changes.length ?? 0;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import calendar settings from CSV"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close import' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Use the columns of the export: <code>{CALENDAR_CSV_COLUMNS.join(', ')}</code>. Rows are matched by{' '}
          <code>id</code>; <code>visible</code> and <code>auto_subscribe</code> take true or false (blank
          keeps the current value). The other columns are not read.
        </Text>
        <div>
          <label htmlFor={inputId} className={classes.label}>
            CSV file
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className={classes.file}
            onChange={(event) => void readFile(event.currentTarget.files?.[0])}
          />
        </div>
        {readError ? (
          <Alert color="red" variant="light" role="alert" title="Could not read the file">
            {readError}
          </Alert>
        ) : null}
        {result?.fileError ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={`Nothing can be imported from ${loaded?.name}`}
          >
            {result.fileError}
          </Alert>
        ) : null}
        {result && !result.fileError && summary ? (
          <Stack gap="xs" role="status">
            <Text size="sm" fw={600}>
              {loaded?.name}: {plural(result.rowCount, 'row', 'rows')} read,{' '}
              {plural(changeCount, 'change', 'changes')}, {result.unchangedCount.toLocaleString('en-US')}{' '}
              already as shown, {plural(result.problems.length, 'problem', 'problems')}.
            </Text>
            {changeCount > 0 ? (
              <ul className={classes.counts}>
                {summary.becomeVisible > 0 ? (
                  <li>{plural(summary.becomeVisible, 'calendar', 'calendars')} shown</li>
                ) : null}
                {summary.becomeHidden > 0 ? (
                  <li>{plural(summary.becomeHidden, 'calendar', 'calendars')} hidden</li>
                ) : null}
                {summary.autoOn > 0 ? (
                  <li>auto-subscribe on for {plural(summary.autoOn, 'calendar', 'calendars')}</li>
                ) : null}
                {summary.autoOff > 0 ? (
                  <li>auto-subscribe off for {plural(summary.autoOff, 'calendar', 'calendars')}</li>
                ) : null}
              </ul>
            ) : null}
          </Stack>
        ) : null}
        {result && result.problems.length > 0 ? (
          <Stack gap={6}>
            <Group gap={6}>
              <IconAlertTriangle size={16} aria-hidden className={classes.warningIcon} />
              <Text size="sm" fw={600}>
                These rows will not be applied:
              </Text>
            </Group>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable */}
            <div className={classes.problems} tabIndex={0}>
              <Table striped withTableBorder aria-label="Rows with problems" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Line</Table.Th>
                    <Table.Th>id</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.problems.map((problem) => (
                    <Table.Tr key={`${problem.line}-${problem.message}`}>
                      <Table.Td>{problem.line}</Table.Td>
                      <Table.Td>{problem.id ?? '—'}</Table.Td>
                      <Table.Td>{problem.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </Stack>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={changeCount === 0}
            onClick={() => {
              if (!result) return;
              onApply(result);
              setLoaded(null);
            }}
          >
            {changeCount > 0
              ? `Add ${plural(changeCount, 'change', 'changes')} to pending edits`
              : 'Add changes'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
