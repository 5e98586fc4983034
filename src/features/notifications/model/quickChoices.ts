import { addToWallTime, toCanvasTimestamp, wallTimeAt, wallTimeToInstant } from '../../../lib/zonedTime.ts';

export type QuickChoice = 'now' | 'end_of_today' | 'one_week';

const MINUTE = 60_000;

/**
 * The instant a quick choice names, on the admin's clock: now (to the minute), 11:59 PM today (the
 * end of a day as Canvas's date pickers set it), or one week after `from` at the same wall time.
 */
export function quickChoiceTimestamp(
  choice: QuickChoice,
  { now, zone, from }: { now: number; zone: string; from?: number },
): string {
  const thisMinute = Math.floor(now / MINUTE) * MINUTE;
  if (choice === 'now') return toCanvasTimestamp(thisMinute);
  if (choice === 'end_of_today') {
    const today = wallTimeAt(now, zone);
    return toCanvasTimestamp(wallTimeToInstant({ ...today, hour: 23, minute: 59, second: 0 }, zone));
  }
  const base = wallTimeAt(from ?? thisMinute, zone);
  return toCanvasTimestamp(wallTimeToInstant(addToWallTime({ ...base, second: 0 }, { days: 7 }), zone));
}
