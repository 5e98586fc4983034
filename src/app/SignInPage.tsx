import { Alert, Anchor, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconLogin2, IconSchool } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';
import type { SignInRequired } from './session/session.ts';

interface SignInProblem {
  title: string;
  explanation: string;
}

/** The codes our callback and Canvas's authorize step send back (oauth2.md, "Error response summary"). */
const PROBLEMS: Record<string, SignInProblem> = {
  access_denied: {
    title: 'Sign-in cancelled',
    explanation:
      'Canvas reports that the authorization was cancelled, so the dashboard has no access to your account.',
  },
  state_mismatch: {
    title: 'Sign-in could not be verified',
    explanation:
      'The answer from Canvas does not belong to a sign-in started in this browser: it may be more than ten minutes old, or it was started in another browser. Start again from here.',
  },
  token_exchange_failed: {
    title: 'Canvas did not complete the sign-in',
    explanation:
      "Canvas refused to issue an access token. If this happens again, the dashboard's developer key settings (CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET) may no longer match Canvas: tell whoever runs this dashboard.",
  },
  canvas_unreachable: {
    title: 'Canvas could not be reached',
    explanation: 'The dashboard could not connect to Canvas to finish the sign-in. Try again in a moment.',
  },
  unauthorized_client: {
    title: 'The dashboard is not enabled for this Canvas account',
    explanation: "A Canvas administrator must turn the dashboard's developer key on for this account.",
  },
  client_not_allowed_for_user: {
    title: 'You may not authorize this app',
    explanation: 'Your Canvas account is not allowed to grant access to this application.',
  },
};

function problemFor(code: string): SignInProblem {
  return (
    PROBLEMS[code] ?? {
      title: 'Canvas refused the sign-in',
      explanation: `Canvas answered with the error "${code}".`,
    }
  );
}

/** Shown instead of the app when the dashboard is connected to Canvas and nobody is signed in. */
export function SignInPage({ required }: { required: SignInRequired }) {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const errorCode = searchParams.get('error');
  const errorDescription = searchParams.get('error_description');
  const problem = errorCode ? problemFor(errorCode) : undefined;

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" radius="md" p="xl" maw={480} w="100%">
        <Stack gap="md">
          <Stack gap={4} align="center">
            <IconSchool size={40} aria-hidden />
            <Title order={1} size="h2" ta="center">
              Sign in to Canvas Admin
            </Title>
            <Text c="dimmed" ta="center" size="sm">
              Canvas Admin works with your own Canvas account at{' '}
              <Anchor href={required.canvas_url} target="_blank" rel="noreferrer" underline="always">
                {new URL(required.canvas_url).host}
              </Anchor>
              . You act as yourself, with your Canvas permissions.
            </Text>
          </Stack>
          {problem && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={problem.title} role="alert">
              <Stack gap={4}>
                <Text size="sm">{problem.explanation}</Text>
                {errorDescription && (
                  <Text size="sm" c="dimmed">
                    Details from Canvas: {errorDescription}
                  </Text>
                )}
              </Stack>
            </Alert>
          )}
          {!problem && required.reason === 'session_ended' && (
            <Alert
              color="blue"
              icon={<IconInfoCircle aria-hidden />}
              title="Your session has ended"
              role="status"
            >
              Canvas no longer accepts this session (it was signed out, expired or revoked). Sign in again to
              continue.
            </Alert>
          )}
          <Button
            component="a"
            href={required.sign_in_url}
            size="md"
            leftSection={<IconLogin2 size={18} aria-hidden />}
            fullWidth
          >
            Sign in with Canvas
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
