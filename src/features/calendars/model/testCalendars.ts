import type { AccountCalendar } from '../../../api/schemas/accountCalendar.ts';

/** An AccountCalendar as Canvas serializes it from the admin list, for tests. */
export function calendar(
  id: number,
  name: string,
  parentId: number | null,
  state: { visible?: boolean; auto_subscribe?: boolean; sub_account_count?: number } = {},
): AccountCalendar {
  return {
    id,
    name,
    parent_account_id: parentId,
    root_account_id: parentId === null ? null : 1,
    visible: state.visible ?? false,
    auto_subscribe: state.auto_subscribe ?? false,
    sub_account_count: state.sub_account_count ?? 0,
    asset_string: `account_${id}`,
    type: 'account',
    calendar_event_url: `/accounts/${id}/calendar_events/%7B%7B%20id%20%7D%7D`,
    can_create_calendar_events: true,
    create_calendar_event_url: `/accounts/${id}/calendar_events`,
    new_calendar_event_url: `/accounts/${id}/calendar_events/new`,
  };
}

/**
 * University (1)
 * ├─ College of Arts (3)            visible
 * │  └─ Music (5)                   SIS MUS
 * └─ College of Engineering (2)     SIS ENG, visible + auto
 *    ├─ Civil (4)
 *    └─ Mechanical (6)              visible
 */
export const sampleCalendars: AccountCalendar[] = [
  calendar(6, 'Mechanical', 2, { visible: true }),
  calendar(2, 'College of Engineering', 1, { visible: true, auto_subscribe: true }),
  calendar(1, 'University', null),
  calendar(5, 'Music', 3),
  calendar(4, 'Civil', 2),
  calendar(3, 'College of Arts', 1, { visible: true }),
];

export const sampleSisIds = new Map<number, string | null>([
  [1, 'ROOT'],
  [2, 'ENG'],
  [3, null],
  [4, null],
  [5, 'MUS'],
  [6, null],
]);
