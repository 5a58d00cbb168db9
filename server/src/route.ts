import type {
  ContextConfigDefault,
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ErrorBody } from '../../contract/common';
import { PERMISSIONS } from '../../contract/permissions';
import { type Access, ROUTES, type RouteDef } from '../../contract/routes';
import { actorOf, requireUser } from './http';
import { assertCan } from './modules/identity/roles';

type Part<D, K extends string> = D extends Record<K, infer S extends z.ZodType> ? S : undefined;
/** The fastify schema of a table entry, for typing: request parts from zod, the reply from the success answers. */
type SchemaOf<D extends RouteDef> = {
  params: Part<D, 'params'>;
  querystring: Part<D, 'query'>;
  body: Part<D, 'body'>;
  // A download answers a stream, which the serializer never sees.
  response: D extends { binary: readonly string[] } ? { 200: z.ZodUnknown } : D['response'];
};

export type Handler<D extends RouteDef> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  SchemaOf<D>,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route table entry this route was registered from (contract/routes). */
    route?: RouteDef;
  }
}

const moduleOf = new Map<RouteDef, string>(ROUTES.map((r) => [r.def, r.module]));

const ACCESS_TEXT: Record<'public' | 'signed_in' | 'member', string> = {
  public: '任何人，无需登录 / anyone, no session',
  signed_in: '已登录用户，无需工作区 / any signed-in user, no workspace needed',
  member: '当前工作区的任何成员 / any member of the current workspace',
};
const describeAccess = (a: Access) => `${a}（${ACCESS_TEXT[a as keyof typeof ACCESS_TEXT] ?? PERMISSIONS[a as keyof typeof PERMISSIONS].join('、')}）`;

/**
 * Registers one route from its table entry: schemas (request validated, reply validated and
 * stripped of undeclared fields by the zod serializer), OpenAPI text, and the entry's access,
 * enforced before the body is validated so a role without the right gets 403 whatever it sends.
 */
export function on<const D extends RouteDef>(app: FastifyInstance, def: D, handler: Handler<D>) {
  const response: Record<string, unknown> = { '4xx': ErrorBody, '5xx': ErrorBody };
  for (const [status, schema] of Object.entries(def.response)) {
    response[status] = def.binary ? { description: def.summary, content: Object.fromEntries(def.binary.map((t) => [t, { schema }])) } : schema;
  }
  const schema: FastifySchema & Record<string, unknown> = {
    ...(def.params ? { params: def.params } : {}),
    ...(def.query ? { querystring: def.query } : {}),
    ...(def.body ? { body: def.body } : {}),
    ...(def.upload ? { consumes: ['multipart/form-data'] } : {}),
    response,
    summary: def.summary,
    description: `权限 / Access: ${describeAccess(def.access)}`,
    tags: [moduleOf.get(def) ?? 'other'],
    ...(def.access === 'public' ? {} : { security: [{ session: [] }] }),
  };
  app.route({
    method: def.method,
    url: def.path,
    schema,
    config: { route: def },
    ...(def.access === 'public' ? {} : { preValidation: enforce(def.access) }),
    handler: handler as unknown as RouteHandlerMethod,
  });
}

function enforce(access: Exclude<Access, 'public'>) {
  return async (req: FastifyRequest) => {
    requireUser(req);
    if (access === 'signed_in') return;
    const actor = actorOf(req);
    if (access !== 'member') assertCan(actor.role, access);
  };
}
