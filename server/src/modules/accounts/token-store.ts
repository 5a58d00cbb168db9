import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/pool';
import type { SecretBox } from '../../lib/crypto';
import type { TokenStore } from '../../platforms/adapter';
import { platformTokens } from './tables';

/** Platform tokens in PostgreSQL, sealed: every process shares one token per account. */
export class DbTokenStore implements TokenStore {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {}

  async get(key: string) {
    const [row] = await this.db
      .select()
      .from(platformTokens)
      .where(and(eq(platformTokens.key, key), gt(platformTokens.expiresAt, sql`now()`)));
    return row ? { token: this.secrets.open(row.tokenSealed), expiresAt: row.expiresAt } : null;
  }

  async set(key: string, token: string, expiresAt: Date) {
    const tokenSealed = this.secrets.seal(token);
    await this.db
      .insert(platformTokens)
      .values({ key, tokenSealed, expiresAt })
      .onConflictDoUpdate({ target: platformTokens.key, set: { tokenSealed, expiresAt, updatedAt: sql`now()` } });
  }

  async invalidate(key: string, token: string) {
    const current = await this.get(key);
    if (current?.token === token) await this.db.delete(platformTokens).where(eq(platformTokens.key, key));
  }
}
