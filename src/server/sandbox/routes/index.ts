import type { Route } from '../http/context.ts';
import { accountCalendarRoutes } from './accountCalendars.ts';
import { accountNotificationRoutes } from './accountNotifications.ts';
import { accountReportRoutes } from './accountReports.ts';
import { accountRoutes } from './accounts.ts';
import { accountAdminRoutes } from './accountsAdmin.ts';
import { tokenRoutes } from './tokens.ts';

/**
 * Every Canvas route the sandbox serves. It is also the list of Canvas paths the dashboard uses,
 * so proxy mode forwards exactly these and nothing else.
 */
export const CANVAS_ROUTES: readonly Route[] = [
  ...accountRoutes,
  ...accountAdminRoutes,
  ...accountCalendarRoutes,
  ...accountNotificationRoutes,
  ...accountReportRoutes,
  ...tokenRoutes,
];
