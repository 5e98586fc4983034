import * as z from 'zod';
import { CanvasId } from './primitives.ts';

/**
 * `lib/api/v1/account_calendar.rb`. A calendar id is its account's id; the calendar itself is two
 * columns on the account row.
 */
export const AccountCalendar = z.looseObject({
  id: CanvasId,
  name: z.string(),
  parent_account_id: CanvasId.nullable(),
  /** Null for root accounts. */
  root_account_id: CanvasId.nullable(),
  visible: z.boolean(),
  auto_subscribe: z.boolean(),
  /** Only in `GET /accounts/:id/account_calendars`: direct, non-deleted sub-accounts. */
  sub_account_count: z.int().optional(),
  asset_string: z.string(),
  type: z.literal('account'),
  /** Relative path template with a URL-encoded `{{ id }}` placeholder. */
  calendar_event_url: z.string(),
  can_create_calendar_events: z.boolean(),
  create_calendar_event_url: z.string(),
  new_calendar_event_url: z.string(),
});
export type AccountCalendar = z.output<typeof AccountCalendar>;

/** `GET /account_calendars` wraps its page in an object; `total_results` counts every page. */
export const AccountCalendarsList = z.looseObject({
  account_calendars: z.array(AccountCalendar),
  total_results: z.int(),
});
export type AccountCalendarsList = z.output<typeof AccountCalendarsList>;

/**
 * `PUT /accounts/:id/account_calendars` answers `"Updated N accounts"` (singular for one) and no
 * count field: N is the number of distinct ids sent.
 */
export const BulkCalendarUpdateResult = z.looseObject({ message: z.string() });
export type BulkCalendarUpdateResult = z.output<typeof BulkCalendarUpdateResult>;

/** `GET /accounts/:id/visible_calendars_count`: visible calendars in the account's whole subtree. */
export const VisibleCalendarsCount = z.looseObject({ count: z.int() });
export type VisibleCalendarsCount = z.output<typeof VisibleCalendarsCount>;
