import {
  type Icon,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconFileAnalytics,
  IconKey,
  IconSpeakerphone,
} from '@tabler/icons-react';
import type { RouteObject } from 'react-router-dom';
import { accountsRoutes } from '../features/accounts/routes.ts';
import { calendarsRoutes } from '../features/calendars/routes.ts';
import { notificationsRoutes } from '../features/notifications/routes.ts';
import { reportsRoutes } from '../features/reports/routes.ts';
import { tokensRoutes } from '../features/tokens/routes.ts';

/** One area of the dashboard: its navigation entry and its (lazily loaded) routes. */
export interface AppArea {
  label: string;
  /** Where the navigation entry points; the entry is active for every URL under it. */
  path: string;
  icon: Icon;
  routes: RouteObject[];
}

/**
 * The areas that exist, in navigation order. Calendars, notifications, reports and tokens each join
 * with one entry here once built; areas not built yet are deliberately absent rather than disabled.
 */
export const APP_AREAS: readonly AppArea[] = [
  { label: 'Accounts', path: '/accounts', icon: IconBuildingCommunity, routes: accountsRoutes },
  { label: 'Calendars', path: '/calendars', icon: IconCalendarEvent, routes: calendarsRoutes },
  { label: 'Notifications', path: '/notifications', icon: IconSpeakerphone, routes: notificationsRoutes },
  { label: 'Reports', path: '/reports', icon: IconFileAnalytics, routes: reportsRoutes },
  { label: 'Tokens', path: '/tokens', icon: IconKey, routes: tokensRoutes },
];

/** The landing page: the first area. */
export const HOME_PATH = APP_AREAS[0]?.path ?? '/accounts';
