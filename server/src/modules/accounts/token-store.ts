import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/pool';
import type { SecretBox } from '../../lib/crypto';
import type { TokenStore } from '../../platforms/adapter';
import { platformTokens } from './tables';

type Recent = Map<string, { token: string; expiresAt: Date; readAt: number }>;
/** Tokens read in the last few seconds, per database, so a burst of calls does not read the table each time. */
const recentByDb = new WeakMap<Db, Recent>();
const RECENT_MS = 15_000;
type Reading = Map<string, Promise<{ token: string; expiresAt: Date } | null>>;
const readingByDb = new WeakMap<Db, Reading>();

/**
 * Platform tokens in PostgreSQL, sealed: every process shares one token per account. A token
 * another process replaced is caught by the platform's 40001 and re-read (see TokenManager).
 */
export class DbTokenStore implements TokenStore {
  private readonly recent: Recent;
  private readonly reading: Reading;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {
    let r = recentByDb.get(db);
    if (!r) recentByDb.set(db, (r = new Map()));
    this.recent = r;
    let q = readingByDb.get(db);
    if (!q) readingByDb.set(db, (q = new Map()));
    this.reading = q;
  }

  async get(key: string) {
    const hit = this.recent.get(key);
    if (hit && Date.now() - hit.readAt < RECENT_MS && hit.expiresAt.getTime() > Date.now()) return { token: hit.token, expiresAt: hit.expiresAt };
    // Thousands of calls of one burst miss together: one read answers them all.
    let reading = this.reading.get(key);
    if (!reading) {
      reading = this.read(key)
        .then((v) => {
          if (v) this.recent.set(key, { ...v, readAt: Date.now() });
          else this.recent.delete(key);
          return v;
        })
        .finally(() => this.reading.delete(key));
      this.reading.set(key, reading);
    }
    return reading;
  }

  private async read(key: string) {
    const [row] = await this.db
      .select()
      .from(platformTokens)
      .where(and(eq(platformTokens.key, key), gt(platformTokens.expiresAt, sql`now()`)));
    return row ? { token: this.secrets.open(row.tokenSealed), expiresAt: row.expiresAt } : null;
  }

  async set(key: string, token: string, expiresAt: Date) {
    this.recent.set(key, { token, expiresAt, readAt: Date.now() });
    const tokenSealed = this.secrets.seal(token);
    await this.db
      .insert(platformTokens)
      .values({ key, tokenSealed, expiresAt })
      .onConflictDoUpdate({ target: platformTokens.key, set: { tokenSealed, expiresAt, updatedAt: sql`now()` } });
  }

  async invalidate(key: string, token: string) {
    this.recent.delete(key);
    const current = await this.read(key);
    if (current?.token === token) await this.db.delete(platformTokens).where(eq(platformTokens.key, key));
  }
}
