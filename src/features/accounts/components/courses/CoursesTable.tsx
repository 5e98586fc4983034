import { Badge, Skeleton, Table, Text } from '@mantine/core';
import type { Course } from '../../../../api/schemas/course.ts';
import { SortableHeader } from '../../../../components/table/SortableHeader.tsx';
import type { CourseSort } from '../../api/getAccountCourses.ts';
import classes from './CoursesTable.module.css';

const STATUS_BADGES: Record<Course['workflow_state'], { label: string; color: string }> = {
  unpublished: { label: 'Unpublished', color: 'gray' },
  available: { label: 'Published', color: 'green' },
  completed: { label: 'Concluded', color: 'blue' },
  deleted: { label: 'Deleted', color: 'red' },
};

const COLUMNS: { label: string; sort?: CourseSort }[] = [
  { label: 'Course', sort: 'course_name' },
  { label: 'SIS ID', sort: 'sis_course_id' },
  { label: 'Status', sort: 'course_status' },
  { label: 'Term' },
  { label: 'Teachers', sort: 'teacher' },
  { label: 'Students' },
  { label: 'Sub-account', sort: 'account_name' },
];

export interface CoursesTableProps {
  /** Accessible name of the table, e.g. "Courses in College of Engineering". */
  label: string;
  courses: Course[] | undefined;
  sort: CourseSort | undefined;
  order: 'asc' | 'desc';
  onSort: (sort: CourseSort) => void;
  /** A newer page is loading; the rows shown are the previous ones. */
  stale: boolean;
  skeletonRows: number;
}

function teacherNames(course: Course): string {
  if (course.teachers && course.teachers.length > 0)
    return course.teachers.map((t) => t.display_name).join(', ');
  if (course.teacher_count !== undefined) return `${course.teacher_count} teachers`;
  return '—';
}

export function CoursesTable({
  label,
  courses,
  sort,
  order,
  onSort,
  stale,
  skeletonRows,
}: CoursesTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table
        aria-label={label}
        aria-busy={stale || courses === undefined}
        striped
        highlightOnHover
        verticalSpacing="xs"
        className={stale ? classes.stale : undefined}
      >
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) =>
              column.sort ? (
                <SortableHeader
                  key={column.label}
                  label={column.label}
                  active={sort === column.sort}
                  order={order}
                  onSort={() => onSort(column.sort as CourseSort)}
                />
              ) : (
                <Table.Th key={column.label}>{column.label}</Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {courses === undefined
            ? Array.from({ length: skeletonRows }, (_, row) => (
                // Placeholder rows have no identity beyond their position.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <Table.Tr key={row}>
                  {COLUMNS.map((column) => (
                    <Table.Td key={column.label}>
                      <Skeleton height={14} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : courses.map((course) => {
                const status = STATUS_BADGES[course.workflow_state];
                return (
                  <Table.Tr key={course.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {course.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {course.course_code}
                        {course.blueprint ? ' · Blueprint' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{course.sis_course_id ?? '—'}</Table.Td>
                    <Table.Td className={classes.statusCell}>
                      <Badge variant="light" color={status.color} tt="none">
                        {status.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{course.term?.name ?? '—'}</Table.Td>
                    <Table.Td>{teacherNames(course)}</Table.Td>
                    <Table.Td>{course.total_students ?? '—'}</Table.Td>
                    <Table.Td>{course.account_name ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
