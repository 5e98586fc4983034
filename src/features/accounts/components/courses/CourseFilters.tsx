import { Button, Group, MultiSelect, NativeSelect, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import type { EnrollmentTerm } from '../../../../api/schemas/enrollmentTerm.ts';
import { describeError, isCanvasErrorKind } from '../../../../lib/canvasErrors.ts';
import type { CourseStateFilter } from '../../api/getAccountCourses.ts';
import { type CourseTableState, hasActiveFilters, type TriState } from './courseTableState.ts';

const STATE_OPTIONS: { value: CourseStateFilter; label: string }[] = [
  { value: 'created', label: 'Unpublished (new)' },
  { value: 'claimed', label: 'Unpublished (claimed)' },
  { value: 'available', label: 'Published' },
  { value: 'completed', label: 'Concluded' },
  { value: 'deleted', label: 'Deleted' },
  { value: 'all', label: 'All, including deleted' },
];

/** Terms live on the root account; sub-account admins usually may not list them. */
function termsUnavailableReason(error: unknown): string {
  return isCanvasErrorKind(error, 'unauthorized')
    ? 'Listing terms needs the root account'
    : describeError(error);
}

function triStateOptions(yes: string, no: string): { value: TriState; label: string }[] {
  return [
    { value: 'any', label: 'Any' },
    { value: 'yes', label: yes },
    { value: 'no', label: no },
  ];
}

export interface CourseFiltersProps {
  state: CourseTableState;
  /** What the search field shows right now (the URL follows after a pause). */
  searchDraft: string;
  onSearchDraftChange: (value: string) => void;
  /** Canvas's complaint about the search term (e.g. "2 or more characters is required"). */
  searchError: string | undefined;
  terms: EnrollmentTerm[] | undefined;
  termsError: unknown;
  onChange: (patch: Partial<CourseTableState>) => void;
  onReset: () => void;
}

/** The account courses list's filters, one control per Canvas parameter. */
export function CourseFilters({
  state,
  searchDraft,
  onSearchDraftChange,
  searchError,
  terms,
  termsError,
  onChange,
  onReset,
}: CourseFiltersProps) {
  const termOptions = [
    { value: '', label: termsError ? 'Terms unavailable' : 'All terms' },
    ...(terms ?? []).map((term) => ({ value: String(term.id), label: term.name })),
  ];
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <TextInput
        label="Search courses"
        placeholder={state.search_by === 'teacher' ? 'Teacher name' : 'Name, code or SIS ID'}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={searchDraft}
        onChange={(event) => onSearchDraftChange(event.currentTarget.value)}
        error={searchError}
        w={{ base: '100%', sm: 260 }}
      />
      <NativeSelect
        label="Search by"
        value={state.search_by}
        data={[
          { value: 'course', label: 'Course' },
          { value: 'teacher', label: 'Teacher' },
        ]}
        onChange={(event) =>
          onChange({ search_by: event.currentTarget.value as CourseTableState['search_by'] })
        }
        w={120}
      />
      <MultiSelect
        label="Course state"
        placeholder={state.state.length === 0 ? 'Any except deleted' : undefined}
        data={STATE_OPTIONS}
        value={state.state}
        onChange={(values) => onChange({ state: values as CourseStateFilter[] })}
        clearable
        w={{ base: '100%', sm: 260 }}
        comboboxProps={{ withinPortal: true }}
      />
      <NativeSelect
        label="Published"
        value={state.published}
        data={triStateOptions('Published only', 'Unpublished only')}
        onChange={(event) => onChange({ published: event.currentTarget.value as TriState })}
        w={150}
      />
      <NativeSelect
        label="Enrollments"
        value={state.with_enrollments}
        data={triStateOptions('With enrollments', 'Without enrollments')}
        onChange={(event) => onChange({ with_enrollments: event.currentTarget.value as TriState })}
        w={170}
      />
      <NativeSelect
        label="Blueprint"
        value={state.blueprint}
        data={triStateOptions('Blueprints only', 'No blueprints')}
        onChange={(event) => onChange({ blueprint: event.currentTarget.value as TriState })}
        w={150}
      />
      <NativeSelect
        label="Term"
        value={state.enrollment_term_id === undefined ? '' : String(state.enrollment_term_id)}
        data={termOptions}
        disabled={Boolean(termsError)}
        description={termsError ? termsUnavailableReason(termsError) : undefined}
        onChange={(event) => {
          const value = event.currentTarget.value;
          onChange({ enrollment_term_id: value === '' ? undefined : Number(value) });
        }}
        w={180}
      />
      <Button
        variant="subtle"
        mt={25}
        leftSection={<IconFilterOff size={16} aria-hidden />}
        disabled={!hasActiveFilters(state)}
        onClick={onReset}
      >
        Reset filters
      </Button>
    </Group>
  );
}
