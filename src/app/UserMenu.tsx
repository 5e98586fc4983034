import { Avatar, Button, Group, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../lib/canvasErrors.ts';
import { type Session, useSignInAs, useSignOut } from './session/session.ts';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/**
 * The signed-in user; in sandbox mode a "Sign in as" submenu to see what each demo role sees, and
 * when signed in with Canvas a "Sign out" that also deletes the dashboard's token at Canvas.
 */
export function UserMenu({ session }: { session: Session }) {
  const navigate = useNavigate();
  const signInAs = useSignInAs({ onSwitched: () => navigate('/accounts') });
  const userName = session.user?.name ?? 'Not signed in';
  const canSwitch = session.mode === 'sandbox' && session.demo_users.length > 0;
  const signOut = useSignOut();
  const canSignOut = session.mode === 'canvas' && session.auth === 'oauth';
  const [switcherOpened, setSwitcherOpened] = useState(false);

  const menu = (
    <Menu position="bottom-end" width={300} withinPortal={false} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={
            <Avatar size={26} radius="xl" color="indigo" aria-hidden>
              {initialsOf(userName)}
            </Avatar>
          }
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={signInAs.isPending || signOut.isPending}
          aria-label={`User menu: ${userName}`}
        >
          <Text size="sm" fw={500} visibleFrom="xs" span>
            {userName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} aria-hidden />} disabled>
          <Text size="sm" fw={500}>
            {userName}
          </Text>
          {session.user?.login_id && (
            <Text size="xs" c="dimmed">
              {session.user.login_id}
            </Text>
          )}
        </Menu.Item>
        {canSwitch && (
          <>
            <Menu.Divider />
            <Menu.Sub position="left-start" opened={switcherOpened} onChange={setSwitcherOpened}>
              <Menu.Sub.Target>
                {/* Opens on click too, not only on hover, so touch screens can reach it. */}
                <Menu.Sub.Item onClick={() => setSwitcherOpened(true)}>Sign in as</Menu.Sub.Item>
              </Menu.Sub.Target>
              <Menu.Sub.Dropdown>
                <Menu.RadioGroup
                  value={session.demo_user}
                  onChange={(key) => {
                    if (key !== session.demo_user) signInAs.mutate({ user: key });
                  }}
                >
                  {session.demo_users.map((demoUser) => (
                    <Menu.RadioItem key={demoUser.key} value={demoUser.key} closeMenuOnClick>
                      <Text size="sm">{demoUser.name}</Text>
                      <Text size="xs" c="dimmed">
                        {demoUser.description}
                      </Text>
                    </Menu.RadioItem>
                  ))}
                </Menu.RadioGroup>
              </Menu.Sub.Dropdown>
            </Menu.Sub>
          </>
        )}
        {canSignOut && (
          <>
            <Menu.Divider />
            <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => signOut.mutate()}>
              Sign out
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
  const failure = signInAs.isError
    ? `Could not switch user: ${describeError(signInAs.error)}`
    : signOut.isError
      ? `Could not sign out: ${describeError(signOut.error)}`
      : undefined;
  if (!failure) return menu;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text role="alert" size="xs" c="red" maw={220} lineClamp={2}>
        {failure}
      </Text>
      {menu}
    </Group>
  );
}
