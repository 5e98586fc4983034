import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { PreviewTable } from '../../model/csvPreview.ts';
import classes from './VirtualCsvTable.module.css';

const ROW_HEIGHT = 30;
const COLUMN_WIDTH = 180;
const NUMBER_WIDTH = 64;

/**
 * The rows of one CSV as a table with only the visible rows in the DOM. Row and column counts are
 * given so a screen reader knows the table's real size while scrolling.
 */
export function VirtualCsvTable({ table }: { table: PreviewTable }) {
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: table.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const width = NUMBER_WIDTH + table.header.length * COLUMN_WIDTH;
  const template = `${NUMBER_WIDTH}px repeat(${table.header.length}, ${COLUMN_WIDTH}px)`;

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section ref={scrollRef} className={classes.scroller} tabIndex={0} aria-label={`Rows of ${table.name}`}>
      <table
        className={classes.table}
        aria-label={`Preview of ${table.name}`}
        aria-rowcount={table.rows.length + 1}
        aria-colcount={table.header.length + 1}
        style={{ width }}
      >
        <thead className={classes.head}>
          <tr aria-rowindex={1} className={classes.row} style={{ gridTemplateColumns: template }}>
            <th scope="col" className={classes.number}>
              #
            </th>
            {table.header.map((name, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: CSV headers may repeat; the position is the identity.
              <th scope="col" key={index} className={classes.cell} title={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = table.rows[item.index] ?? [];
            return (
              <tr
                key={item.key}
                aria-rowindex={item.index + 2}
                className={classes.row}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                <td className={classes.number}>
                  <Text span size="xs" c="dimmed">
                    {item.index + 1}
                  </Text>
                </td>
                {table.header.map((_name, column) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                  <td key={column} className={classes.cell} title={row[column] ?? ''}>
                    {row[column] ?? ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
