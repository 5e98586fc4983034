import { Group, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { memo, useMemo } from 'react';
import type { AccountNotification } from '../../../api/schemas/accountNotification.ts';
import {
  formatWindow,
  type NotificationStatus,
  notificationStatus,
  STATUS_LABELS,
} from '../model/notificationWindow.ts';
import { defaultTimelineFocus, layoutTimeline } from '../model/timelineLayout.ts';
import classes from './NotificationTimeline.module.css';

export interface NotificationTimelineProps {
  notifications: readonly AccountNotification[];
  now: number;
  zone: string;
  highlightedId: number | null;
  /** A bar was chosen: show that notification in the list. */
  onSelect: (id: number) => void;
}

const LANE_HEIGHT = 30;
const BAR_OFFSET = 3;
const MIN_TICK_SPACING_PX = 80;

function edgeOf(position: number): 'start' | 'end' | undefined {
  if (position < 4) return 'start';
  if (position > 96) return 'end';
  return undefined;
}

function LegendSwatch({ status }: { status: NotificationStatus }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span
        className={classes.bar}
        data-status={status}
        style={{ position: 'static', width: 18, height: 12 }}
      />
      <Text size="xs">{STATUS_LABELS[status]}</Text>
    </Group>
  );
}

/**
 * The notifications' windows as bars over a date axis on the admin's clock, with a line at now.
 * The list beside it is the full accessible view; each bar is a labelled button that leads to its
 * entry there.
 */
export const NotificationTimeline = memo(function NotificationTimeline({
  notifications,
  now,
  zone,
  highlightedId,
  onSelect,
}: NotificationTimelineProps) {
  const { ref, width } = useElementSize();
  const maxTicks = Math.max(2, Math.floor((width || 800) / MIN_TICK_SPACING_PX));
  const layout = useMemo(() => {
    const items = notifications.map((notification) => ({
      id: notification.id,
      start: Date.parse(notification.start_at),
      end: Date.parse(notification.end_at),
    }));
    return layoutTimeline(items, { now, zone, maxTicks, focus: defaultTimelineFocus(items, now) });
  }, [notifications, now, zone, maxTicks]);
  const byId = useMemo(
    () => new Map(notifications.map((notification) => [notification.id, notification])),
    [notifications],
  );
  const lanesHeight = Math.max(1, layout.laneCount) * LANE_HEIGHT;

  return (
    <figure aria-labelledby="notification-timeline-title" style={{ margin: 0 }}>
      <Group justify="space-between" align="baseline" mb={6} wrap="wrap">
        <Title order={2} size="h4" id="notification-timeline-title">
          Timeline
        </Title>
        <Group gap="md" aria-hidden>
          <LegendSwatch status="current" />
          <LegendSwatch status="scheduled" />
          <LegendSwatch status="past" />
        </Group>
      </Group>
      <div className={classes.chart} ref={ref}>
        <div className={classes.lanes}>
          <div style={{ position: 'relative', height: lanesHeight }}>
            {layout.ticks.map((tick) => (
              <span
                key={tick.at}
                className={classes.gridLine}
                style={{ left: `${tick.position}%` }}
                aria-hidden
              />
            ))}
            <span className={classes.nowLine} style={{ left: `${layout.nowPosition}%` }} aria-hidden />
            {layout.bars.map((bar) => {
              const notification = byId.get(bar.id);
              if (!notification) return null;
              const status = notificationStatus(notification, now);
              return (
                <button
                  key={bar.id}
                  type="button"
                  className={classes.bar}
                  data-status={status}
                  data-highlighted={highlightedId === bar.id || undefined}
                  data-clipped-start={bar.clippedStart || undefined}
                  data-clipped-end={bar.clippedEnd || undefined}
                  style={{
                    left: `${bar.left}%`,
                    width: `${bar.width}%`,
                    top: bar.lane * LANE_HEIGHT + BAR_OFFSET,
                  }}
                  aria-label={`${notification.subject}: ${STATUS_LABELS[status].toLowerCase()}, ${formatWindow(notification, zone)}`}
                  onClick={() => onSelect(bar.id)}
                >
                  <span aria-hidden>{notification.subject}</span>
                </button>
              );
            })}
          </div>
        </div>
        <div className={classes.axis} aria-hidden>
          {layout.ticks.map((tick) => (
            <span
              key={tick.at}
              className={classes.tick}
              data-edge={edgeOf(tick.position)}
              style={{ left: `${tick.position}%` }}
            >
              {tick.label}
            </span>
          ))}
          <span className={classes.nowLabel} style={{ left: `${layout.nowPosition}%` }}>
            Now
          </span>
        </div>
      </div>
      {notifications.length === 0 ? (
        <Text size="sm" c="dimmed" mt={4}>
          Nothing to show on the timeline.
        </Text>
      ) : null}
      {layout.offAxisIds.length > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          {layout.offAxisIds.length === 1
            ? '1 notification that ended earlier is in the list but not on the timeline.'
            : `${layout.offAxisIds.length} notifications that ended earlier are in the list but not on the timeline.`}
        </Text>
      ) : null}
    </figure>
  );
});
