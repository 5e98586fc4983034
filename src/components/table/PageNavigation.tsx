import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';

export interface PageNavigationProps {
  /** What is being paged, for the landmark's name, e.g. "Courses". */
  label: string;
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  perPage: number;
  perPageOptions: readonly number[];
  onPageChange: (page: number) => void;
  onPerPageChange: (perPage: number) => void;
  /** A new page is on its way; the buttons wait for it. */
  pending?: boolean;
}

/**
 * Previous/next paging for lists whose total is unknown (Canvas omits rel="last" on several lists),
 * so it shows "Page N" rather than "N of M".
 */
export function PageNavigation({
  label,
  page,
  hasPrevious,
  hasNext,
  perPage,
  perPageOptions,
  onPageChange,
  onPerPageChange,
  pending = false,
}: PageNavigationProps) {
  return (
    <Group component="nav" aria-label={`${label} pages`} justify="space-between" wrap="wrap" gap="sm">
      <NativeSelect
        label="Rows per page"
        size="xs"
        w={120}
        value={String(perPage)}
        data={perPageOptions.map(String)}
        onChange={(event) => onPerPageChange(Number(event.currentTarget.value))}
      />
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} aria-hidden />}
          disabled={!hasPrevious || pending}
          onClick={() => onPageChange(page - 1)}
        >
          Previous
        </Button>
        <Text size="sm" aria-live="polite" aria-atomic>
          Page {page}
        </Text>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} aria-hidden />}
          disabled={!hasNext || pending}
          onClick={() => onPageChange(page + 1)}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
