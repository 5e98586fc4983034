import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconCircleX,
  IconHelpCircle,
  IconInfoCircle,
  type Icon as TablerIcon,
} from '@tabler/icons-react';
import { AccountNotificationIcon } from '../../../api/schemas/accountNotification.ts';

export interface NotificationIconStyle {
  label: string;
  icon: TablerIcon;
  /** A Mantine color; the banner's accent and the icon's color. */
  color: string;
}

/** The five banner icons Canvas draws, with the accent Canvas gives each. */
export const NOTIFICATION_ICON_STYLES: Record<AccountNotificationIcon, NotificationIconStyle> = {
  warning: { label: 'Warning', icon: IconAlertTriangle, color: 'orange' },
  information: { label: 'Information', icon: IconInfoCircle, color: 'blue' },
  question: { label: 'Question', icon: IconHelpCircle, color: 'cyan' },
  error: { label: 'Error', icon: IconCircleX, color: 'red' },
  calendar: { label: 'Calendar', icon: IconCalendarEvent, color: 'violet' },
};

/** Canvas stores any icon string; the ones it can't draw fall back to its default, the warning. */
export function iconStyleOf(icon: string): NotificationIconStyle {
  const known = AccountNotificationIcon.safeParse(icon);
  return NOTIFICATION_ICON_STYLES[known.success ? known.data : 'warning'];
}
