import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the product, read from the environment and validated once at boot.
 * README.md "Configuration" lists the same names.
 */
const ConfigSchema = z.object({
  /** Use this PostgreSQL (15+) instead of starting the embedded one. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database, the secret key file and uploaded media live. */
  MEIYUN_DATA_DIR: z.string().default('.meiyun'),
  /**
   * The embedded PostgreSQL's cluster folder. Default `<data dir>/pg`; as root, when the `postgres`
   * user the server runs as cannot enter a folder above the data folder, /var/lib/meiyun/<name>-<hash>.
   */
  MEIYUN_PG_DIR: z.string().min(1).optional(),
  /** Port for the embedded PostgreSQL server (only when DATABASE_URL is unset). */
  MEIYUN_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Mark the session cookie Secure: set to true when users reach Meiyun over HTTPS. */
  MEIYUN_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** 32-byte key (hex or base64) for secrets at rest; when unset a key file is created in the data folder. */
  MEIYUN_SECRET_KEY: z.string().optional(),
  /** How often the dispatcher looks for due publications. */
  MEIYUN_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** How long before its time a publication is prepared (cover upload, draft creation). */
  MEIYUN_PREPARE_AHEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  /** Largest upload accepted, in megabytes. */
  MEIYUN_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** Base URL of the WeChat OA API; the demo and tests point it at the bundled emulator. */
  MEIYUN_WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** How long a call to a platform may take before it counts as timed out. */
  MEIYUN_PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /**
   * Publications one worker process holds at once, counting those armed for their due second.
   * Calls to the platform are further limited to 64 connections per host.
   */
  MEIYUN_PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(100_000).default(10_000),
  /**
   * How many seconds before its time a publication is claimed and loaded by a worker, which
   * then waits for the due second and submits at once. A pause still stops it: the last check
   * is made in the same statement that marks the submit as started.
   */
  MEIYUN_ARM_AHEAD_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** A publish job still running after this long is presumed dead (its worker crashed) and run again. */
  MEIYUN_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(90),
  /** How often the queue looks for such dead jobs. */
  MEIYUN_JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The address users open Meiyun at (https://meiyun.example.com): makes links in group-robot messages absolute. */
  MEIYUN_PUBLIC_URL: z.string().url().optional(),
  /**
   * Extra hosts (comma-separated, host or host:port) accepted as group-robot webhook targets besides the
   * official WeCom/DingTalk/Feishu ones, e.g. a company relay; loopback hosts listed here may use http.
   */
  MEIYUN_WEBHOOK_ALLOW_HOSTS: z.string().default(''),
  /** How long a group-robot webhook call may take. */
  MEIYUN_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Base delay before a failed webhook delivery is retried (doubling, with jitter, up to 5 retries). */
  MEIYUN_WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置无效 / Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.MEIYUN_DATA_DIR) };
}
