import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * zod → JSON Schema for /docs, plus what zod cannot say: a multipart upload's form (the handler
 * reads it, so it has no zod body) is documented from the route table entry's `upload`.
 */
export const openapiTransform: SwaggerTransform = (doc) => {
  const out = jsonSchemaTransform(doc as Parameters<typeof jsonSchemaTransform>[0]) as { schema: Record<string, unknown>; url: string };
  const upload = doc.route.config?.route?.upload;
  if (upload) {
    out.schema.body = {
      type: 'object',
      required: [upload.field],
      properties: { [upload.field]: { type: 'string', format: 'binary' } },
    };
  }
  return out;
};
