import type { RouteObject } from 'react-router-dom';

/** The notifications area: one page, its own chunk, loaded on first visit. */
export const notificationsRoutes: RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./NotificationsPage.tsx')).NotificationsPage }),
  },
];
