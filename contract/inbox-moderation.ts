// Featuring (精选) and hiding comments on the platform from the inbox (server/src/modules/inbox/README.md).
import { z } from 'zod';

/** Whether the action is open for this item, and why not ("中文 / English"). */
export const ModerationRule = z.object({ allowed: z.boolean(), reason: z.string().nullable() });
export const InboxModeration = z.object({ feature: ModerationRule, hide: ModerationRule });
export const FeatureInboxBody = z.strictObject({ featured: z.boolean() });
