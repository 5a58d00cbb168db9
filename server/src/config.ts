import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** One address or CIDR block (10.0.0.0/8, fd00::/8). */
function isAddressOrCidr(s: string): boolean {
  const [addr, bits, extra] = s.split('/');
  const family = isIP(addr);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-For Fastify believes, so req.ip is the client behind them:
 * false (default), true (any), a hop count, or a comma list of proxy addresses/CIDRs.
 */
const TrustProxy = z
  .string()
  .default('false')
  .transform((v, ctx): boolean | number | string[] => {
    const t = v.trim();
    if (t === '' || t === 'false') return false;
    if (t === 'true') return true;
    if (/^\d+$/.test(t)) return Number(t);
    const list = t.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((s) => !isAddressOrCidr(s));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `not true/false, a hop count, or addresses/CIDRs: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return list;
  });

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
  /** Behind a reverse proxy: whose X-Forwarded-For to believe (sign-in throttling and audit use the client's IP). */
  MEIYUN_TRUST_PROXY: TrustProxy,
  /** Mark the session cookie Secure: set to true when users reach Meiyun over HTTPS. */
  MEIYUN_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** 32-byte key (hex or base64) for secrets at rest; when unset a key file is created in the data folder. */
  MEIYUN_SECRET_KEY: z.string().optional(),
  /** How often the dispatcher looks for due publications. */
  MEIYUN_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** How long before its time a publication is prepared (cover upload, draft creation). */
  MEIYUN_PREPARE_AHEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  /** A publication awaiting a member's manual publish this long past its time escalates once to the managers. */
  MEIYUN_MANUAL_GRACE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  /** Largest upload accepted, in megabytes. */
  MEIYUN_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** Largest resumable (chunked) upload, in megabytes: videos. */
  MEIYUN_MAX_VIDEO_MB: z.coerce.number().int().min(1).max(65536).default(4096),
  /** Base URL of the WeChat OA API; the demo and tests point it at the bundled emulator. */
  MEIYUN_WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** Weibo open API (`/oauth2/*`, `/2/*.json`). */
  MEIYUN_WEIBO_API_BASE: z.string().url().default('https://api.weibo.com'),
  /** Douyin open platform (`/platform/oauth/connect/`, `/oauth/*`, `/api/douyin/v1/*`, `/data/external/*`). */
  MEIYUN_DOUYIN_API_BASE: z.string().url().default('https://open.douyin.com'),
  /** Bilibili open platform: the arcopen API host (`/arcopen/fn/*`). */
  MEIYUN_BILIBILI_API_BASE: z.string().url().default('https://member.bilibili.com'),
  /** Bilibili's OAuth token host (`/x/account-oauth2/v1/*`). */
  MEIYUN_BILIBILI_AUTH_BASE: z.string().url().default('https://api.bilibili.com'),
  /** Bilibili's OAuth authorize page host (`/pc/account-pc/auth/oauth`). */
  MEIYUN_BILIBILI_AUTHORIZE_BASE: z.string().url().default('https://account.bilibili.com'),
  /** Bilibili's video upload host (`/video/v2/part/upload`). */
  MEIYUN_BILIBILI_UPLOAD_BASE: z.string().url().default('https://openupos.bilivideo.com'),
  /** Kuaishou open platform (`/oauth2/*`, `/openapi/*`). */
  MEIYUN_KUAISHOU_API_BASE: z.string().url().default('https://open.kuaishou.com'),
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
  /**
   * How long a submit whose answer was lost is looked for on the platform before a person is
   * asked to check (WeChat lists a publish once it has succeeded, usually within seconds).
   */
  MEIYUN_RECONCILE_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** How often the queue looks for such dead jobs. */
  MEIYUN_JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * OAuth accounts: how many days before an access token that cannot be refreshed, or a refresh
   * token that cannot be renewed, the account's operators are warned to authorise it again.
   */
  MEIYUN_TOKEN_WARNING_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /**
   * The address users open Meiyun at (https://meiyun.example.com): makes links in group-robot
   * messages absolute, and is the base of the OAuth callback URL given to the platforms (without
   * it, the address the browser used to start the connect).
   */
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

/** Tries of one submit within a job (attempts.ts quickRetry) and the longest wait between them. */
export const SUBMIT_TRIES = 3;
export const SUBMIT_RETRY_WAIT_MS = 2000;
/** Room left for the database work of a job around its platform calls. */
const JOB_MARGIN_MS = 10_000;

/**
 * A publish job must end before the queue presumes it dead and runs it again: every try of its
 * submit timing out, the waits between them, and arming ahead of the due second must fit in
 * MEIYUN_JOB_EXPIRE_SECONDS, or a slow job and its rerun could both hold the same dispatch.
 */
export function jobLifetimeProblem(c: Pick<Config, 'MEIYUN_JOB_EXPIRE_SECONDS' | 'MEIYUN_PLATFORM_TIMEOUT_MS' | 'MEIYUN_ARM_AHEAD_SECONDS'>): string | null {
  const needMs = SUBMIT_TRIES * c.MEIYUN_PLATFORM_TIMEOUT_MS + (SUBMIT_TRIES - 1) * SUBMIT_RETRY_WAIT_MS + c.MEIYUN_ARM_AHEAD_SECONDS * 1000 + JOB_MARGIN_MS;
  if (c.MEIYUN_JOB_EXPIRE_SECONDS * 1000 >= needMs) return null;
  const need = Math.ceil(needMs / 1000);
  return (
    `MEIYUN_JOB_EXPIRE_SECONDS (${c.MEIYUN_JOB_EXPIRE_SECONDS}) 须至少为 ${need}：${SUBMIT_TRIES} 次提交各等 MEIYUN_PLATFORM_TIMEOUT_MS (${c.MEIYUN_PLATFORM_TIMEOUT_MS} ms) 加上提前量 MEIYUN_ARM_AHEAD_SECONDS / ` +
    `must be at least ${need}: ${SUBMIT_TRIES} submit tries of MEIYUN_PLATFORM_TIMEOUT_MS (${c.MEIYUN_PLATFORM_TIMEOUT_MS} ms) each, plus MEIYUN_ARM_AHEAD_SECONDS; raise it or lower the timeout`
  );
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置无效 / Invalid configuration:\n${lines.join('\n')}`);
  }
  const lifetime = jobLifetimeProblem(parsed.data);
  if (lifetime) throw new Error(`配置无效 / Invalid configuration:\n  ${lifetime}`);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.MEIYUN_DATA_DIR) };
}
