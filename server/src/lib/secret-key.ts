import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretBox } from './crypto';

/** The key from MEIYUN_SECRET_KEY, else from `<dataDir>/secret.key`, created (0600) on first start. */
export function loadSecretBox(envKey: string | undefined, dataDir: string): SecretBox {
  if (envKey) return new SecretBox(SecretBox.parseKey(envKey));
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return new SecretBox(SecretBox.parseKey(readFileSync(file, 'utf8')));
}
