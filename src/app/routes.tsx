import { Navigate, type RouteObject } from 'react-router-dom';
import { AppLoading } from './AppLoading.tsx';
import { APP_AREAS, HOME_PATH } from './areas.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';
import { SessionGate } from './session/SessionGate.tsx';

export const appRoutes: RouteObject[] = [
  {
    path: '/',
    // The app, or the sign-in page when connected to Canvas without a session.
    element: <SessionGate />,
    // Shown while the first page's lazily loaded code arrives.
    hydrateFallbackElement: <AppLoading />,
    // Only reached if the shell itself fails; page errors are caught one level down.
    errorElement: <RouteErrorPage />,
    children: [
      {
        // Pathless so that an error in any page renders inside the shell, navigation still usable.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to={HOME_PATH} replace /> },
          // Sign-in problems land here; once signed in there is nothing to show but the app.
          { path: 'sign-in', element: <Navigate to={HOME_PATH} replace /> },
          ...APP_AREAS.flatMap((area) => area.routes),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
