import type { RouteObject } from 'react-router-dom';

/** The calendars area: one page, its own chunk, loaded on first visit. */
export const calendarsRoutes: RouteObject[] = [
  {
    path: 'calendars',
    lazy: async () => ({ Component: (await import('./CalendarsPage.tsx')).CalendarsPage }),
  },
];
