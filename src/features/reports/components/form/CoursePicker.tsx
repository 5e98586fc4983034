import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { MIN_COURSE_SEARCH_LENGTH, useAccountCourseSearch } from '../../api/searchAccountCourses.ts';

export interface CoursePickerProps {
  label: string;
  description: string;
  required: boolean;
  accountId: number;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

const SEARCH_DELAY_MS = 300;

/** Searches the account's courses as the admin types; the value is the chosen course's id. */
export function CoursePicker({
  label,
  description,
  required,
  accountId,
  value,
  onChange,
  error,
}: CoursePickerProps) {
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState<{ value: string; label: string } | null>(null);
  const [debounced] = useDebouncedValue(search, SEARCH_DELAY_MS);
  const courses = useAccountCourseSearch(accountId, debounced);
  const data = useMemo(() => {
    const options = (courses.data ?? []).map((course) => ({
      value: String(course.id),
      label:
        course.course_code && course.course_code !== course.name
          ? `${course.name} (${course.course_code})`
          : course.name,
    }));
    // The chosen course stays selectable (and labelled) after the results change.
    if (chosenLabel && chosenLabel.value === value && !options.some((option) => option.value === value)) {
      options.unshift(chosenLabel);
    }
    return options;
  }, [courses.data, chosenLabel, value]);
  const tooShort = debounced.trim().length < MIN_COURSE_SEARCH_LENGTH;
  return (
    <Select
      label={label}
      description={description || 'Type part of a course name, code or SIS id'}
      placeholder={required ? 'Search courses' : 'All courses'}
      data={data}
      value={value === '' ? null : value}
      onChange={(next, option) => {
        setChosenLabel(next && option ? { value: next, label: option.label } : null);
        onChange(next ?? '');
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search term.
      filter={({ options }) => options}
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
      nothingFoundMessage={
        tooShort
          ? `Type at least ${MIN_COURSE_SEARCH_LENGTH} characters`
          : courses.isFetching
            ? 'Searching…'
            : 'No course matches'
      }
      withAsterisk={required}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
