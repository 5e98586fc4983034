import { Anchor, AppShell, Badge, Burger, Group, NavLink, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSchool } from '@tabler/icons-react';
import { Fragment } from 'react';
import { Link, Outlet, NavLink as RouterNavLink, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { RunningReportsTray } from '../features/reports/components/tray/RunningReportsTray.tsx';
import classes from './AppLayout.module.css';
import { APP_AREAS, HOME_PATH } from './areas.ts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { useSession } from './session/session.ts';
import { UserMenu } from './UserMenu.tsx';

const MAIN_ID = 'main-content';

function isUnder(pathname: string, areaPath: string): boolean {
  return pathname === areaPath || pathname.startsWith(`${areaPath}/`);
}

function PageSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      <Skeleton height={32} width="40%" />
      <Skeleton height={18} width="60%" />
      <Skeleton height={320} />
    </Stack>
  );
}

export function AppLayout() {
  const [navigationOpened, { toggle: toggleNavigation, close: closeNavigation }] = useDisclosure(false);
  const location = useLocation();
  const session = useSession();

  let content: React.ReactNode;
  if (session.isPending) {
    content = <PageSkeleton />;
  } else if (session.isError) {
    content = (
      <ErrorAlert
        title="Could not start your session"
        error={session.error}
        onRetry={() => session.refetch()}
      />
    );
  } else {
    // A different user sees a different dashboard: remounting drops every page's local state with the old user.
    content = (
      <Fragment key={session.data.user?.id ?? 'anonymous'}>
        <Outlet />
      </Fragment>
    );
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navigationOpened } }}
      padding="md"
    >
      <a href={`#${MAIN_ID}`} className={classes.skipLink}>
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navigationOpened}
              onClick={toggleNavigation}
              hiddenFrom="sm"
              size="sm"
              aria-label={navigationOpened ? 'Close navigation' : 'Open navigation'}
            />
            <Anchor component={Link} to={HOME_PATH} underline="never" c="inherit" className={classes.brand}>
              <IconSchool size={24} aria-hidden />
              <Text component="span" fw={700} size="lg">
                Canvas Admin
              </Text>
            </Anchor>
            {session.data?.mode === 'sandbox' && (
              <Badge variant="light" color="teal" visibleFrom="xs">
                Sandbox
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {session.data?.user && (
              <RunningReportsTray key={session.data.user.id} userId={session.data.user.id} />
            )}
            <ColorSchemeToggle />
            {session.data && <UserMenu session={session.data} />}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {APP_AREAS.map((area) => (
          <NavLink
            key={area.path}
            component={RouterNavLink}
            to={area.path}
            label={area.label}
            leftSection={<area.icon size={18} aria-hidden />}
            active={isUnder(location.pathname, area.path)}
            onClick={closeNavigation}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} tabIndex={-1} className={classes.main}>
        {content}
      </AppShell.Main>
    </AppShell>
  );
}
