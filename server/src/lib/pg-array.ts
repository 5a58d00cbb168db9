// Array parameters for the `unnest(...)` bulk statements, written as PostgreSQL array literals
// here instead of by node-postgres, which quotes and regex-escapes every element of every array
// (a 5,000-row chunk of post days cost ~7 ms of CPU that way, ~2 ms as below). Only for values
// whose text needs no quoting in an array literal: uuids, dates, ISO times, finite numbers and
// booleans. Text from users or platforms goes through node-postgres as before.

type Plain = string | number | boolean | null | undefined;

const SAFE = /^[0-9A-Za-z:.+\-_]+$/;

/** `{a,b,NULL}`: null and undefined are NULL; anything that would need quoting is refused. */
export function plainArray(values: readonly Plain[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v == null) out += 'NULL';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`plainArray: ${v} is not a finite number`);
      out += v;
    } else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else if (SAFE.test(v) && v.toUpperCase() !== 'NULL') out += v;
    else throw new Error(`plainArray: ${JSON.stringify(v).slice(0, 40)} needs quoting; pass it as a text array`);
  }
  return `${out}}`;
}
