import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { ReportType } from '../../../api/schemas/accountReport.ts';
import { htmlToPlainText } from '../../../lib/sanitizeHtml.ts';
import { statusColor, statusLabel } from '../model/runStatus.ts';
import classes from './ReportCatalogue.module.css';

export interface ReportCatalogueProps {
  types: readonly ReportType[];
  selected: string | undefined;
  onSelect: (report: string) => void;
}

/** Every report the account can run, with a line of its description and how its last run went. */
export function ReportCatalogue({ types, selected, onSelect }: ReportCatalogueProps) {
  return (
    <nav aria-label="Available reports">
      <Stack gap={4} component="ul" className={classes.list}>
        {types.map((type) => {
          const description = type.description_html ? htmlToPlainText(type.description_html) : '';
          const lastRun = type.last_run;
          const isSelected = type.report === selected;
          return (
            <li key={type.report}>
              <UnstyledButton
                className={classes.item}
                data-selected={isSelected || undefined}
                aria-current={isSelected ? 'true' : undefined}
                onClick={() => onSelect(type.report)}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Text fw={600} size="sm">
                    {type.title}
                  </Text>
                  {lastRun ? (
                    <Badge
                      size="xs"
                      variant="light"
                      color={statusColor(lastRun.status)}
                      className={classes.badge}
                    >
                      <span className={classes.hidden}>Last run: </span>
                      {statusLabel(lastRun.status)}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed" className={classes.badge}>
                      Never run
                    </Text>
                  )}
                </Group>
                {description && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {description}
                  </Text>
                )}
              </UnstyledButton>
            </li>
          );
        })}
      </Stack>
    </nav>
  );
}
