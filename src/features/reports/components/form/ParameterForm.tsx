import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlayerPlay } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import type { ReportType } from '../../../../api/schemas/accountReport.ts';
import {
  buildParameterFields,
  initialParameterValues,
  isEntityField,
  type ParameterErrors,
  type ParameterField,
  type ParameterValue,
  type ParameterValues,
  validateParameters,
} from '../../model/parameterForm.ts';
import { placeServerError } from '../../model/serverErrors.ts';
import { CoursePicker } from './CoursePicker.tsx';
import { TermPicker } from './TermPicker.tsx';

export interface ParameterFormProps {
  type: ReportType;
  accountId: number;
  rootAccountId: number | null;
  pending: boolean;
  /** The refusal of the last start, placed next to its field when Canvas names one. */
  serverError: unknown;
  onRun: (parameters: Record<string, unknown>) => void;
}

function todayIso(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface FieldProps {
  field: ParameterField;
  value: ParameterValue | undefined;
  error: string | undefined;
  accountId: number;
  rootAccountId: number | null;
  onChange: (value: ParameterValue) => void;
}

function ParameterInput({ field, value, error, accountId, rootAccountId, onChange }: FieldProps) {
  const text = typeof value === 'string' ? value : '';
  const described = { label: field.label, description: field.description, error };
  const common = { ...described, withAsterisk: field.required };
  switch (field.kind) {
    case 'term':
      return (
        <TermPicker
          {...described}
          required={field.required}
          rootAccountId={rootAccountId}
          value={text}
          onChange={onChange}
        />
      );
    case 'course':
      return (
        <CoursePicker
          {...described}
          required={field.required}
          accountId={accountId}
          value={text}
          onChange={onChange}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          placeholder="YYYY-MM-DD"
          valueFormat="YYYY-MM-DD"
          value={text === '' ? null : text}
          onChange={(next) => onChange(next ?? '')}
          clearable
          clearButtonProps={{ 'aria-label': `Clear ${field.label.toLowerCase()}` }}
          popoverProps={{ withinPortal: true }}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={field.options ? [...field.options] : []}
          placeholder={field.emptyLabel}
          value={text === '' ? null : text}
          onChange={(next) => onChange(next ?? '')}
          clearable
          clearButtonProps={{ 'aria-label': `Clear ${field.label.toLowerCase()}` }}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          data={field.options ? [...field.options] : []}
          placeholder={Array.isArray(value) && value.length > 0 ? undefined : 'All'}
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          clearable
          clearButtonProps={{ 'aria-label': `Clear ${field.label.toLowerCase()}` }}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'text':
      return <TextInput {...common} value={text} onChange={(event) => onChange(event.currentTarget.value)} />;
    case 'boolean':
      return (
        <Checkbox
          label={field.label}
          description={field.description}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          error={error}
        />
      );
  }
}

/**
 * A report's parameters as typed inputs, checked with the rules Canvas's reports apply before the run
 * is started. The export entities (users, courses…) form one group that needs at least one choice.
 */
export function ParameterForm({
  type,
  accountId,
  rootAccountId,
  pending,
  serverError,
  onRun,
}: ParameterFormProps) {
  const fields = useMemo(() => buildParameterFields(type.parameters), [type.parameters]);
  const [values, setValues] = useState<ParameterValues>(() => initialParameterValues(fields));
  const [errors, setErrors] = useState<ParameterErrors>({});
  const placed = serverError
    ? placeServerError(
        serverError,
        fields.map((field) => field.name),
      )
    : null;

  const pickers = fields.filter((field) => field.kind !== 'boolean');
  const entities = fields.filter((field) => isEntityField(type.report, field));
  const options = fields.filter((field) => field.kind === 'boolean' && !isEntityField(type.report, field));

  const setValue = (name: string, value: ParameterValue) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      if (!(name in current) && !('entities' in current)) return current;
      const { [name]: _cleared, entities: _entities, ...rest } = current;
      return rest;
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateParameters(type.report, fields, values, todayIso());
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onRun(result.parameters);
  };

  const errorOf = (name: string) => errors[name] ?? (placed?.field === name ? placed.message : undefined);
  const input = (field: ParameterField) => (
    <ParameterInput
      key={field.name}
      field={field}
      value={values[field.name]}
      error={errorOf(field.name)}
      accountId={accountId}
      rootAccountId={rootAccountId}
      onChange={(value) => setValue(field.name, value)}
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-label={`Parameters of ${type.title}`}>
      <Stack gap="md">
        {fields.length === 0 && (
          <Text size="sm" c="dimmed">
            This report has no parameters.
          </Text>
        )}
        {pickers.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {pickers.map(input)}
          </SimpleGrid>
        )}
        {entities.length > 0 && (
          <Checkbox.Group
            label="Data to export"
            description="One CSV per choice; several are zipped together"
            withAsterisk
            error={errors.entities}
            value={entities.filter((field) => values[field.name] === true).map((field) => field.name)}
            onChange={(checked) => {
              for (const field of entities) setValue(field.name, checked.includes(field.name));
            }}
          >
            <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs" mt="xs">
              {entities.map((field) => (
                <Checkbox key={field.name} value={field.name} label={field.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        {options.length > 0 && (
          <Stack gap="xs" role="group" aria-label="Options">
            <Text size="sm" fw={500}>
              Options
            </Text>
            {options.map(input)}
          </Stack>
        )}
        {placed && placed.field === null && (
          <Alert color="red" variant="light" title="Canvas did not start the report" role="alert">
            {placed.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={pending} leftSection={<IconPlayerPlay size={16} aria-hidden />}>
            Run report
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
