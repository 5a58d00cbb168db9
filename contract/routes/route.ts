import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * Who may call a route, enforced by the server before the request is validated:
 * - `public`: anyone, no session;
 * - `signed_in`: a session, no workspace needed;
 * - `member`: any role in the session's current workspace;
 * - a permission: a role in the current workspace that has it (contract/permissions.ts).
 */
export type Access = 'public' | 'signed_in' | 'member' | Permission;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  /** Fastify style: `/api/v1/posts/:id`. */
  path: string;
  access: Access;
  /** "中文 / English", shown in OpenAPI and in contract/README.md. */
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is multipart/form-data carrying one file in this field (read by the handler, not by zod). */
  upload?: { field: string };
  /** Every success answer by status code. A `FileBody` answer is a download of one of `binary`'s content types. */
  response: Record<number, z.ZodType>;
  /** Content types of a file download. */
  binary?: readonly string[];
}

/** Declares one route; `const` keeps the literal types so handlers are typed from the schemas. */
export const route = <const D extends RouteDef>(d: D): D => d;
