// Input checks shared by the control API's handlers: bad input is HTTP 400 with a message.
export type Body = Record<string, unknown>;

export class BadInput extends Error {
  constructor(
    message: string,
    /** More fields of the 400 answer beside `error`. */
    readonly extra: Body = {},
  ) {
    super(message);
  }
}

export function str(b: Body, key: string, required: boolean): string | undefined {
  const v = b[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') throw new BadInput(`${key} must be a non-empty string`);
  return v;
}

export function oneOf<T extends string>(b: Body, key: string, allowed: readonly T[]): T {
  const v = b[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new BadInput(`${key} must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/** An integer ≥ min, or the fallback when absent. */
export function int(b: Body, key: string, min: number, fallback?: number): number {
  const v = b[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (!Number.isInteger(v) || (v as number) < min) throw new BadInput(`${key} must be an integer >= ${min}`);
  return v as number;
}
