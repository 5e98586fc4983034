import { IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { sanitizeHtml } from '../../../lib/sanitizeHtml.ts';
import classes from './NotificationBanner.module.css';
import { iconStyleOf } from './notificationIcons.ts';

export interface NotificationBannerProps {
  subject: string;
  /** HTML as stored; sanitized here before it is rendered. */
  message: string;
  icon: string;
  /** The subject as a heading in lists (so screen readers can jump between notifications), plain text elsewhere. */
  subjectElement?: 'h3' | 'p';
  subjectId?: string;
}

/** The banner as Canvas users see it: the icon's colored column, the subject, the message, the close mark. */
export function NotificationBanner({
  subject,
  message,
  icon,
  subjectElement = 'p',
  subjectId,
}: NotificationBannerProps) {
  const style = iconStyleOf(icon);
  const IconComponent = style.icon;
  const safeMessage = useMemo(() => sanitizeHtml(message), [message]);
  const Subject = subjectElement;
  return (
    <div className={classes.banner}>
      <div
        className={classes.iconColumn}
        style={{ backgroundColor: `var(--mantine-color-${style.color}-filled)` }}
        role="img"
        aria-label={`${style.label} icon`}
      >
        <IconComponent size={24} aria-hidden />
      </div>
      <div className={classes.body}>
        <Subject className={classes.subject} id={subjectId}>
          {subject}
        </Subject>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized with DOMPurify just above. */}
        <div className={classes.message} dangerouslySetInnerHTML={{ __html: safeMessage }} />
      </div>
      <div className={classes.close} aria-hidden>
        <IconX size={16} />
      </div>
    </div>
  );
}
