// Reads an OpenAPI 3.0 document and builds, for one operation, the battery of bad requests the
// bad-input test sends: whatever the route, from its documented parameters and body schema.
/* biome-ignore-all lint/suspicious/noExplicitAny: JSON Schema is walked as plain data */

export type Json = any;
export type Path = (string | number)[];

export interface BadRequest {
  what: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
  /** The answer's validation details must name this field (a.b.0.c). */
  field?: string;
  /** The answer's message must match. */
  message?: RegExp;
}

export interface Operation {
  method: string;
  /** OpenAPI path template: /api/v1/posts/{id}. */
  path: string;
  op: Json;
}

export function operations(spec: Json): Operation[] {
  return Object.entries(spec.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

const branch = (s: Json): Json => (s?.anyOf ? s.anyOf.find((b: Json) => !(b.enum?.length === 1 && b.enum[0] === null)) : s);
const kind = (s: Json): string => (s.enum ? 'enum' : (s.type ?? 'unknown'));

/** A value with every property and one element of every array filled in, as valid as the schema says. */
export function sample(s0: Json): Json {
  const s = branch(s0);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items));
    case 'integer':
    case 'number':
      return Math.max(1, Math.ceil(s.minimum ?? 1));
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return '7f0c2d9e-5b1a-4c3e-9a6f-2b8d4e1f0a37';
      if (s.format === 'date-time') return '2031-05-01T09:00:00+08:00';
      if (s.format === 'date') return '2031-05-01';
      if (s.format === 'email') return 'someone@example.com';
      if (s.format === 'uri') return 'https://example.com/a';
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
  }
  return null;
}

/** Every leaf (string, number, boolean, enum) of a sample value, with its schema. */
export function leaves(s0: Json, path: Path = []): { path: Path; schema: Json }[] {
  const s = branch(s0);
  if (s.type === 'object' && !s.enum) return Object.entries(s.properties ?? {}).flatMap(([k, v]) => leaves(v, [...path, k]));
  if (s.type === 'array') return leaves(s.items, [...path, 0]);
  return [{ path, schema: s }];
}

export function setAt(value: Json, path: Path, v: Json): Json {
  if (!path.length) return v;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[path[0] as never] = setAt(value[path[0] as never], path.slice(1), v);
  return copy;
}

const WRONG: Record<string, Json> = { string: 12345, enum: 12345, integer: 'x', number: 'x', boolean: 'x', array: 'x', object: 'x' };
const OUT_OF_RANGE: Record<string, string[]> = {
  'date-time': ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z'],
  date: ['0000-01-01', '10000-01-01'],
};
const json = { 'content-type': 'application/json' };

/** The bad requests for one operation; `fill` turns a path template into a URL with real ids. */
export function battery(o: Operation, fill: (path: string, override?: Record<string, string>) => string): BadRequest[] {
  const out: BadRequest[] = [];
  const params: Json[] = o.op.parameters ?? [];
  const bodySchema = o.op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? JSON.stringify(sample(bodySchema)) : undefined;
  const base = { method: o.method, ...(body ? { payload: body, headers: json } : {}) };

  for (const p of params.filter((x) => x.in === 'path')) {
    out.push({ ...base, what: `NUL in path ${p.name}`, url: fill(o.path, { [p.name]: '%00' }), field: p.name });
    out.push({ ...base, what: `bad percent-encoding in path ${p.name}`, url: fill(o.path, { [p.name]: '%E0%A4%A' }) });
    out.push({ ...base, what: `path ${p.name} over 100 characters`, url: fill(o.path, { [p.name]: 'a'.repeat(101) }) });
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    const q = (v: string) => `${fill(o.path)}?${p.name}=${v}`;
    const s = branch(p.schema);
    out.push({ ...base, what: `NUL in query ${p.name}`, url: q('%00'), field: p.name });
    out.push({ ...base, what: `lone surrogate in query ${p.name}`, url: q('%ED%A0%80') });
    for (const d of OUT_OF_RANGE[s.format] ?? []) out.push({ ...base, what: `${d} in query ${p.name}`, url: q(encodeURIComponent(d)), field: p.name });
    if (s.enum || s.type === 'integer' || s.type === 'number' || s.type === 'boolean')
      out.push({ ...base, what: `wrong type in query ${p.name}`, url: q('zzz'), field: p.name });
  }
  if (bodySchema) {
    const url = fill(o.path);
    const value = sample(bodySchema);
    const send = (what: string, v: Json, field?: string, message?: RegExp): BadRequest => ({
      what,
      method: o.method,
      url,
      payload: JSON.stringify(v),
      headers: json,
      ...(field === undefined ? {} : { field }),
      ...(message ? { message } : {}),
    });
    for (const leaf of leaves(bodySchema)) {
      const field = leaf.path.join('.') || '(root)';
      const k = kind(leaf.schema);
      if (k === 'string') {
        out.push(send(`NUL in ${field}`, setAt(value, leaf.path, 'a\u0000b'), field));
        out.push(send(`lone surrogate in ${field}`, setAt(value, leaf.path, 'a\ud800b'), field));
      }
      for (const d of OUT_OF_RANGE[leaf.schema.format] ?? []) out.push(send(`${d} in ${field}`, setAt(value, leaf.path, d), field));
      if (k in WRONG) out.push(send(`wrong type in ${field}`, setAt(value, leaf.path, WRONG[k]), field));
    }
    out.push(send('an array for the body', [1, 2, 3]));
    out.push({ ...send('malformed JSON', null), payload: '{"title": ', message: /请求体不是有效的 JSON \/ The request body is not valid JSON/ });
    if (bodySchema.additionalProperties === false) out.push(send('an unknown field', { ...value, surprise: true }, '(root)'));
    if (isPartialUpdate(o.method, bodySchema)) out.push(send('an empty partial update', {}, '(root)', /没有要修改的字段 \/ nothing to change/));
  }
  if (o.op.requestBody?.content?.['multipart/form-data']) {
    const url = fill(o.path);
    const field = Object.keys(o.op.requestBody.content['multipart/form-data'].schema.properties)[0];
    const head = (name: string) => `--b0undary\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const mp = { 'content-type': 'multipart/form-data; boundary=b0undary' };
    out.push({ what: 'a truncated multipart body', method: o.method, url, payload: Buffer.concat([Buffer.from(head('a.png')), png]), headers: mp });
    out.push({ what: 'multipart without a boundary', method: o.method, url, payload: head('a.png'), headers: { 'content-type': 'multipart/form-data' } });
    const nul = Buffer.concat([Buffer.from(head('a\u0000.png')), png, Buffer.from('\r\n--b0undary--\r\n')]);
    out.push({ what: 'NUL in the file name', method: o.method, url, payload: nul, headers: mp, message: /文件名无效/ });
  }
  return out;
}

/** A PATCH or PUT whose fields are all optional, some without a default: `{}` asks to change nothing. */
function isPartialUpdate(method: string, s: Json) {
  const props = Object.values(s.properties ?? {}) as Json[];
  return (method === 'PATCH' || method === 'PUT') && !s.required?.length && props.some((p) => p.default === undefined);
}
