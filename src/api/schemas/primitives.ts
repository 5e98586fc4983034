import * as z from 'zod';

/**
 * A Canvas id. Canvas sends JSON integers, or strings of digits when the caller asked for
 * `application/json+canvas-string-ids`; either way the app sees a number.
 */
export const CanvasId = z.union([
  z.int(),
  z.string().regex(/^\d+$/, 'Expected a numeric id').transform(Number),
]);
export type CanvasId = z.output<typeof CanvasId>;

/** ISO 8601 timestamp: Canvas sends UTC with `Z`, but some serializers use the caller's offset. */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.output<typeof IsoDateTime>;
