/** Canvas's timestamp format: UTC, whole seconds (`2024-03-05T17:04:11Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
