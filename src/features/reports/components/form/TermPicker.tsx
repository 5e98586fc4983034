import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useEnrollmentTerms } from '../../../../lib/enrollmentTerms.ts';
import { ACTIVE_TERMS } from '../../model/parameterForm.ts';

export interface TermPickerProps {
  label: string;
  description: string;
  required: boolean;
  rootAccountId: number | null;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** The root account's terms, plus Canvas's "active_terms"; empty means every term (not sent). */
export function TermPicker({
  label,
  description,
  required,
  rootAccountId,
  value,
  onChange,
  error,
}: TermPickerProps) {
  const terms = useEnrollmentTerms(rootAccountId);
  const data = useMemo(
    () => [
      { value: ACTIVE_TERMS, label: 'All active terms' },
      ...(terms.data ?? [])
        .filter((term) => term.workflow_state === 'active')
        .map((term) => ({ value: String(term.id), label: term.name })),
    ],
    [terms.data],
  );
  // A sub-account admin may not read the root's terms; the fixed choice still works.
  const loadNote = terms.isError
    ? 'Terms could not be loaded; only "All active terms" can be chosen.'
    : undefined;
  return (
    <Select
      label={label}
      description={loadNote ?? description}
      placeholder={required ? 'Choose a term' : 'All terms'}
      data={data}
      value={value === '' ? null : value}
      onChange={(next) => onChange(next ?? '')}
      searchable
      clearable={!required}
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
      nothingFoundMessage={terms.isPending ? 'Loading terms…' : 'No term matches'}
      withAsterisk={required}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
