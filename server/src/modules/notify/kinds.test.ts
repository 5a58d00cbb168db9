// Every kind of notification the server writes belongs to a family the contract lists
// (NOTIFY_KIND_PREFIXES): the bell's filter, its labels and the group robots' subscriptions offer
// exactly those. Read from the source, so a new kind cannot be left out of the list.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NOTIFY_KIND_PREFIXES } from '../../../../contract/notify';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('every notification kind written in the modules has a listed family', () => {
  const files = readdirSync(modules, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const kinds = new Map<string, string>();
  for (const f of files) {
    const src = readFileSync(path.join(modules, f), 'utf8');
    for (const m of src.matchAll(/kind: ['`]([a-z_]+\.)[a-z_.${}]*/g)) kinds.set(m[1], f);
  }
  assert.ok(kinds.size >= 10, `found the kinds in the source (${[...kinds.keys()]})`);
  const missing = [...kinds].filter(([p]) => !(NOTIFY_KIND_PREFIXES as readonly string[]).includes(p));
  assert.deepEqual(missing, [], 'add these families to NOTIFY_KIND_PREFIXES (contract/notify.ts), the web copy and its labels');
});
