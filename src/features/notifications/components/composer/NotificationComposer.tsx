import { Alert, Button, Grid, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconInfoCircle, IconSend, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH,
  type AccountNotification,
} from '../../../../api/schemas/accountNotification.ts';
import type { Role } from '../../../../api/schemas/role.ts';
import {
  RichTextEditor,
  type RichTextEditorHandle,
} from '../../../../components/richText/RichTextEditor.tsx';
import { useCreateAccountNotification } from '../../api/createAccountNotification.ts';
import { useUpdateAccountNotification } from '../../api/updateAccountNotification.ts';
import {
  NOTIFICATION_FIELDS,
  type NotificationField,
  type NotificationFieldErrors,
  type NotificationFormValues,
  serverFormErrors,
  validateNotificationForm,
} from '../../model/notificationForm.ts';
import { formatInstant, formatWindow } from '../../model/notificationWindow.ts';
import { quickChoiceTimestamp } from '../../model/quickChoices.ts';
import { type RoleGroups, selectedRoleLabels } from '../../model/roleOptions.ts';
import { NotificationBanner } from '../NotificationBanner.tsx';
import { DateTimeField } from './DateTimeField.tsx';
import { IconPicker } from './IconPicker.tsx';
import { RolePicker } from './RolePicker.tsx';
import type { ComposerSession } from './useComposerDraft.ts';

export interface NotificationComposerProps {
  accountId: number;
  accountName: string;
  session: ComposerSession;
  zone: string;
  zoneLabel: string;
  roleGroups: RoleGroups | null;
  rolesError: unknown;
  onRetryRoles: () => void;
  rolesById: ReadonlyMap<number, Role>;
  /** The browser refused to store the draft. */
  saveFailed: boolean;
  onChange: (update: (values: NotificationFormValues) => NotificationFormValues) => void;
  onSent: (notification: AccountNotification, session: ComposerSession) => void;
  onDiscard: () => void;
}

function headingOf(session: ComposerSession): string {
  if (session.mode === 'edit') return `Edit “${session.sourceSubject ?? 'notification'}”`;
  if (session.mode === 'duplicate') return `Copy of “${session.sourceSubject ?? 'notification'}”`;
  return 'New notification';
}

function Preview({
  values,
  zone,
  accountName,
  rolesById,
}: {
  values: NotificationFormValues;
  zone: string;
  accountName: string;
  rolesById: ReadonlyMap<number, Role>;
}) {
  const audience =
    values.roles.length === 0 ? 'everyone' : selectedRoleLabels(values.roles, rolesById).join(', ');
  const window =
    values.start_at && values.end_at
      ? formatWindow({ start_at: values.start_at, end_at: values.end_at }, zone)
      : 'once you choose when it starts and ends';
  return (
    <Stack gap="xs" component="section" aria-labelledby="notification-preview-title">
      <div>
        <Title order={3} size="h5" id="notification-preview-title">
          Preview
        </Title>
        <Text size="xs" c="dimmed">
          The banner as users will see it at the top of Canvas.
        </Text>
      </div>
      <NotificationBanner
        subject={values.subject.trim() || 'Subject'}
        message={values.message || '<p>Your message appears here.</p>'}
        icon={values.icon}
      />
      <Text size="xs" c="dimmed">
        Shown in {accountName} and its sub-accounts to {audience}, {window}.
      </Text>
    </Stack>
  );
}

/** The composer: a new notification, a copy, or changes to one, with a live preview of the banner. */
export function NotificationComposer({
  accountId,
  accountName,
  session,
  zone,
  zoneLabel,
  roleGroups,
  rolesError,
  onRetryRoles,
  rolesById,
  saveFailed,
  onChange,
  onSent,
  onDiscard,
}: NotificationComposerProps) {
  const { values } = session;
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<NotificationFieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const createNotification = useCreateAccountNotification();
  const updateNotification = useUpdateAccountNotification();
  const pending = createNotification.isPending || updateNotification.isPending;

  const subjectRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<RichTextEditorHandle>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const endRef = useRef<HTMLButtonElement>(null);
  const rolesRef = useRef<HTMLDivElement>(null);

  // A composition the admin just started gets the cursor; a draft restored on page load doesn't steal it.
  useEffect(() => {
    if (session.restoredFrom === null) subjectRef.current?.focus();
  }, [session.restoredFrom]);

  const clientErrors: NotificationFieldErrors = submitted
    ? (() => {
        const result = validateNotificationForm(values);
        return result.success ? {} : result.errors;
      })()
    : {};
  const errorOf = (field: NotificationField) => clientErrors[field] ?? serverErrors[field];

  const focusField = (field: NotificationField | undefined) => {
    if (field === 'subject') subjectRef.current?.focus();
    else if (field === 'message') messageRef.current?.focus();
    else if (field === 'start_at') startRef.current?.focus();
    else if (field === 'end_at') endRef.current?.focus();
    else if (field === 'roles' || field === 'icon') rolesRef.current?.querySelector('input')?.focus();
  };
  const firstField = (errors: NotificationFieldErrors) => NOTIFICATION_FIELDS.find((field) => errors[field]);

  const change = <K extends NotificationField>(field: K, value: NotificationFormValues[K]) => {
    setServerErrors((current) => {
      if (current[field] === undefined) return current;
      const { [field]: _cleared, ...rest } = current;
      return rest;
    });
    onChange((current) => ({ ...current, [field]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setGeneralError(null);
    const result = validateNotificationForm(values);
    if (!result.success) {
      focusField(firstField(result.errors));
      return;
    }
    const handlers = {
      onSuccess: (notification: AccountNotification) => onSent(notification, session),
      onError: (error: unknown) => {
        const placed = serverFormErrors(error, { editing: session.mode === 'edit' });
        setServerErrors(placed.fields);
        setGeneralError(placed.general);
        focusField(firstField(placed.fields));
      },
    };
    if (session.mode === 'edit' && session.notificationId !== null) {
      updateNotification.mutate(
        { accountId, notificationId: session.notificationId, input: result.input },
        handlers,
      );
    } else {
      createNotification.mutate({ accountId, input: result.input }, handlers);
    }
  };

  const now = () => Date.now();
  const startInstant = values.start_at ? Date.parse(values.start_at) : undefined;
  const subjectLength = values.subject.length;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notification-composer-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h3" id="notification-composer-title">
              {headingOf(session)}
            </Title>
            <Text size="sm" c="dimmed">
              For {accountName}. Unsent work is kept in this browser until you send or discard it.
            </Text>
          </div>
          {session.restoredFrom ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="Draft restored">
              Your unsent draft from {formatInstant(session.restoredFrom, zone)} is back where you left it.
            </Alert>
          ) : null}
          {saveFailed ? (
            <Alert color="yellow" variant="light" title="This draft isn't being saved">
              The browser refused to store it, so a reload would lose it. Send it or copy your text elsewhere.
            </Alert>
          ) : null}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <TextInput
                  ref={subjectRef}
                  label="Subject"
                  withAsterisk
                  value={values.subject}
                  onChange={(event) => change('subject', event.currentTarget.value)}
                  description={`${subjectLength.toLocaleString()} of ${ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH} characters`}
                  error={errorOf('subject')}
                  styles={
                    subjectLength > ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH
                      ? { description: { color: 'var(--mantine-color-error)' } }
                      : undefined
                  }
                />
                <RichTextEditor
                  key={session.id}
                  ref={messageRef}
                  label="Message"
                  required
                  initialValue={values.message}
                  onChange={(html) => change('message', html)}
                  error={errorOf('message')}
                />
                <Grid gap="md">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <DateTimeField
                      ref={startRef}
                      label="Starts"
                      value={values.start_at}
                      onChange={(timestamp) => change('start_at', timestamp)}
                      zone={zone}
                      zoneLabel={zoneLabel}
                      error={errorOf('start_at')}
                      quickChoices={[
                        { label: 'Now', resolve: () => quickChoiceTimestamp('now', { now: now(), zone }) },
                        {
                          label: 'End of today',
                          resolve: () => quickChoiceTimestamp('end_of_today', { now: now(), zone }),
                        },
                        {
                          label: 'In one week',
                          resolve: () => quickChoiceTimestamp('one_week', { now: now(), zone }),
                        },
                      ]}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <DateTimeField
                      ref={endRef}
                      label="Ends"
                      value={values.end_at}
                      onChange={(timestamp) => change('end_at', timestamp)}
                      zone={zone}
                      zoneLabel={zoneLabel}
                      error={errorOf('end_at')}
                      quickChoices={[
                        { label: 'Now', resolve: () => quickChoiceTimestamp('now', { now: now(), zone }) },
                        {
                          label: 'End of today',
                          resolve: () => quickChoiceTimestamp('end_of_today', { now: now(), zone }),
                        },
                        {
                          label: startInstant === undefined ? 'In one week' : 'One week after start',
                          resolve: () =>
                            quickChoiceTimestamp('one_week', { now: now(), zone, from: startInstant }),
                        },
                      ]}
                    />
                  </Grid.Col>
                </Grid>
                <IconPicker
                  value={values.icon}
                  onChange={(icon) => change('icon', icon)}
                  error={errorOf('icon')}
                />
                <div ref={rolesRef}>
                  <RolePicker
                    groups={roleGroups}
                    loadError={rolesError}
                    onRetry={onRetryRoles}
                    value={values.roles}
                    onChange={(roles) => change('roles', roles)}
                    error={errorOf('roles')}
                  />
                </div>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <div style={{ position: 'sticky', top: 72 }}>
                <Preview values={values} zone={zone} accountName={accountName} rolesById={rolesById} />
              </div>
            </Grid.Col>
          </Grid>
          {generalError ? (
            <Alert color="red" variant="light" title="Canvas refused" role="alert">
              {generalError}
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button
              type="submit"
              loading={pending}
              leftSection={
                session.mode === 'edit' ? (
                  <IconDeviceFloppy size={16} aria-hidden />
                ) : (
                  <IconSend size={16} aria-hidden />
                )
              }
            >
              {session.mode === 'edit' ? 'Save changes' : 'Send notification'}
            </Button>
            <Button
              variant="default"
              onClick={onDiscard}
              disabled={pending}
              leftSection={<IconTrash size={16} aria-hidden />}
            >
              Discard draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
