import type { FastifyBaseLogger } from 'fastify';
import type PgBoss from 'pg-boss';
import type { Config } from './config';
import type { Db } from './db/pool';
import type { SecretBox } from './lib/crypto';
import type { Storage } from './lib/storage';

/** What every service needs, built once per process and passed down explicitly. */
export interface Deps {
  config: Config;
  db: Db;
  secrets: SecretBox;
  storage: Storage;
  /** The job queue; services send jobs through it inside their transactions. */
  boss: PgBoss;
  log: FastifyBaseLogger;
}
