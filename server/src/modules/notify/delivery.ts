import { z } from 'zod';
import type { Deps } from '../../context';
import { type Language, renderMessage, signedRequest } from './formats';
import * as repo from './repository';
import { type Outcome, postJson } from './sender';
import type { WebhookEvent } from './service';
import { type ChannelType, redact, urlSecrets } from './webhook-url';

const Bi = z.object({ zh: z.string(), en: z.string() });
export const WebhookJob = z.object({
  channelId: z.uuid(),
  workspaceId: z.uuid(),
  event: z.object({
    kind: z.string().min(1),
    severity: z.enum(['info', 'warning', 'critical']),
    title: Bi,
    body: Bi,
    link: z.string().nullable(),
  }),
});

/**
 * Renders, signs and POSTs one event to one channel. The answer's message is scrubbed of the
 * URL's key/token and the signing secret before anyone stores or logs it.
 */
export async function attemptDelivery(deps: Pick<Deps, 'config' | 'secrets'>, ch: repo.ChannelRow, ev: WebhookEvent): Promise<Outcome> {
  let url: URL;
  let secret: string | null;
  try {
    url = new URL(deps.secrets.open(ch.urlSealed));
    secret = ch.secretSealed ? deps.secrets.open(ch.secretSealed) : null;
  } catch {
    return {
      ok: false,
      transient: false,
      httpStatus: null,
      code: null,
      message: '无法解密渠道的 Webhook 地址（密钥已更换？），请重新填写 / cannot open the stored webhook URL (was the secret key changed?); enter it again',
      durationMs: 0,
    };
  }
  const type = ch.type as ChannelType;
  const req = signedRequest(type, url, secret, renderMessage(type, ch.language as Language, ev, deps.config.MEIYUN_PUBLIC_URL));
  const out = await postJson(type, req.url, req.body, deps.config.MEIYUN_WEBHOOK_TIMEOUT_MS);
  return { ...out, message: redact(out.message, [...urlSecrets(url), secret, req.url.searchParams.get('sign')]).slice(0, 1000) };
}

export interface JobMeta {
  data: unknown;
  retryCount: number;
  retryLimit: number;
}

/**
 * The notify-webhook job: one attempt, recorded. Answers 'retry' when the failure is transient
 * and retries remain (the worker then fails the job so pg-boss runs it again after its backoff);
 * a permanent failure, or the last attempt, is recorded as failed and the job ends.
 */
export async function runWebhookJob(deps: Deps, job: JobMeta): Promise<'done' | 'retry'> {
  const { channelId, workspaceId, event } = WebhookJob.parse(job.data);
  const ch = await repo.findChannel(deps.db, workspaceId, channelId);
  // Deleted or switched off since the event: nothing to deliver.
  if (!ch?.enabled) return 'done';
  const out = await attemptDelivery(deps, ch, event);
  const retry = !out.ok && out.transient && job.retryCount < job.retryLimit;
  await deps.db.transaction((tx) =>
    repo.recordDelivery(tx, {
      workspaceId,
      channelId,
      eventKind: event.kind,
      status: out.ok ? 'ok' : retry ? 'retrying' : 'failed',
      attempt: job.retryCount + 1,
      httpStatus: out.httpStatus,
      responseCode: out.code,
      responseMessage: out.message,
      durationMs: out.durationMs,
    }),
  );
  if (!out.ok) {
    // Ids and codes only: the URL carries the robot's key and never reaches a log line.
    deps.log.warn({ channelId, type: ch.type, kind: event.kind, code: out.code, httpStatus: out.httpStatus, retry }, 'group-robot delivery failed');
  }
  return retry ? 'retry' : 'done';
}
