import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where media bytes live. Metadata is in PostgreSQL; only the bytes go here. */
export interface Storage {
  put(data: Buffer): Promise<{ key: string; sha256: string }>;
  read(key: string): Promise<Buffer>;
  stream(key: string): Readable;
  remove(key: string): Promise<void>;
  /** A folder for partial (chunked) uploads, inside the storage root. */
  partsDir(): string;
  /** Moves a finished file from partsDir into storage; its sha256 is computed from the file. */
  adopt(file: string): Promise<{ key: string; sha256: string }>;
}

export class LocalStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('bad storage key');
    return path.join(this.root, key);
  }

  async put(data: Buffer) {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    await mkdir(path.join(this.root, key.slice(0, 2)), { recursive: true });
    await writeFile(this.file(key), data);
    return { key, sha256: createHash('sha256').update(data).digest('hex') };
  }

  read(key: string) {
    return readFile(this.file(key));
  }

  stream(key: string) {
    return createReadStream(this.file(key));
  }

  async remove(key: string) {
    await rm(this.file(key), { force: true });
  }

  partsDir() {
    return path.join(this.root, 'uploads');
  }

  async adopt(file: string) {
    const sha256 = await sha256File(file);
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    await mkdir(path.join(this.root, key.slice(0, 2)), { recursive: true });
    await rename(file, this.file(key));
    return { key, sha256 };
  }
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
