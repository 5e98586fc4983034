// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/test-utils.tsx';
import { buildCalendarIndex } from '../model/calendarIndex.ts';
import { applyEdit, NO_PENDING_EDITS, summarizeChanges } from '../model/pendingEdits.ts';
import { calendar } from '../model/testCalendars.ts';
import { AUTO_SUBSCRIBE_WARNING_THRESHOLD, ReviewChangesDialog } from './ReviewChangesDialog.tsx';

function summaryWithAutoSubscribed(count: number) {
  const calendars = [calendar(1, 'Root', null)];
  for (let id = 2; id <= count + 1; id++) calendars.push(calendar(id, `Unit ${id}`, 1, { visible: true }));
  const index = buildCalendarIndex(1, calendars, undefined);
  const pending = applyEdit(NO_PENDING_EDITS, index.rows.slice(1), { auto_subscribe: true }).pending;
  return summarizeChanges(pending, index);
}

function renderDialog(count: number) {
  renderWithProviders(
    <ReviewChangesDialog
      opened
      accountName="Root"
      summary={summaryWithAutoSubscribed(count)}
      requestCount={1}
      saving={false}
      error={null}
      partialSave={null}
      onSave={() => {}}
      onClose={() => {}}
    />,
  );
}

describe('ReviewChangesDialog', () => {
  it('warns when many calendars start auto-subscribing users', () => {
    renderDialog(AUTO_SUBSCRIBE_WARNING_THRESHOLD);
    expect(
      screen.getByText(`${AUTO_SUBSCRIBE_WARNING_THRESHOLD} calendars turn auto-subscribe on`),
    ).toBeTruthy();
    expect(
      screen.getByText(`Auto-subscribing users to ${AUTO_SUBSCRIBE_WARNING_THRESHOLD} calendars`),
    ).toBeTruthy();
  });

  it('only notes a few', () => {
    renderDialog(2);
    expect(screen.queryByText(/Auto-subscribing users to/)).toBeNull();
    expect(screen.getByText(/2 calendars will be added automatically to the Canvas calendar/)).toBeTruthy();
  });
});
