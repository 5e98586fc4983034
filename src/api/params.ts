export type CanvasParamValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | CanvasParamValue[]
  | { [key: string]: CanvasParamValue };
export type CanvasParams = Record<string, CanvasParamValue>;

/**
 * Rails-style query encoding: `include[]=a&include[]=b`, `account[name]=x`, arrays of objects as
 * `_json[][id]=1&_json[][visible]=true` (Rack starts a new element whenever a key repeats).
 * null/undefined are left out, as are empty arrays and objects, because Canvas reads "absent"
 * differently from "false" and a stray `x[]=` would arrive as `[""]`.
 * Brackets stay literal for readable URLs; Rails decodes both spellings alike.
 */
export function encodeParams(params: CanvasParams): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) appendPairs(pairs, encodeURIComponent(key), value);
  return pairs.join('&');
}

function appendPairs(pairs: string[], key: string, value: CanvasParamValue): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const element of value) appendPairs(pairs, `${key}[]`, element);
    return;
  }
  if (value instanceof Date) {
    pairs.push(`${key}=${encodeURIComponent(value.toISOString())}`);
    return;
  }
  if (typeof value === 'object') {
    for (const [childKey, childValue] of Object.entries(value)) {
      appendPairs(pairs, `${key}[${encodeURIComponent(childKey)}]`, childValue);
    }
    return;
  }
  pairs.push(`${key}=${encodeURIComponent(String(value))}`);
}
