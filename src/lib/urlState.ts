import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';

type RawSearchValue = string | string[];

/** URLSearchParams as a plain record: a repeated key (state=a&state=b) becomes an array. */
export function searchParamsToRecord(params: URLSearchParams): Record<string, RawSearchValue> {
  const record: Record<string, RawSearchValue> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return record;
}

/**
 * A list-valued search param (`state=available&state=completed`). Values the item schema rejects are
 * dropped one by one, so a hand-edited URL keeps whatever still makes sense.
 */
export function searchParamList<T extends z.ZodType>(item: T) {
  return (
    z
      .unknown()
      .transform((value): z.output<T>[] => {
        const values = value === '' ? [] : Array.isArray(value) ? value : [value];
        return values.flatMap((candidate) => {
          const parsed = item.safeParse(candidate);
          return parsed.success ? [parsed.data] : [];
        });
      })
      // An absent key never reaches the transform in a zod object; it gets the empty list here.
      .default([])
  );
}

function isDefaultValue(value: unknown, defaultValue: unknown): boolean {
  return JSON.stringify(value) === JSON.stringify(defaultValue);
}

/**
 * Writes `values` over `current`: keys whose value equals the schema default (or is empty) are removed
 * so URLs stay short; keys the schema does not know are kept.
 */
export function writeSearchParams(
  current: URLSearchParams,
  values: Record<string, unknown>,
  defaults: Record<string, unknown>,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(values)) {
    next.delete(key);
    if (value === undefined || value === null || value === '' || isDefaultValue(value, defaults[key]))
      continue;
    if (Array.isArray(value)) {
      for (const item of value) next.append(key, String(item));
    } else {
      next.set(key, String(value));
    }
  }
  return next;
}

/**
 * Page state kept in the URL and validated by `schema`, whose fields should each carry `.catch(default)`
 * so that a malformed parameter falls back to its default instead of breaking the page.
 */
export function useUrlState<S extends z.ZodObject>(
  schema: S,
): [z.output<S>, (patch: Partial<z.output<S>>, options?: { replace?: boolean }) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const defaults = useMemo(() => schema.parse({}) as Record<string, unknown>, [schema]);
  const state = useMemo(() => schema.parse(searchParamsToRecord(searchParams)), [schema, searchParams]);
  const update = useCallback(
    (patch: Partial<z.output<S>>, options?: { replace?: boolean }) => {
      setSearchParams(
        (current) => {
          const merged = { ...schema.parse(searchParamsToRecord(current)), ...patch };
          return writeSearchParams(current, merged, defaults);
        },
        { replace: options?.replace ?? false },
      );
    },
    [schema, defaults, setSearchParams],
  );
  return [state, update];
}
