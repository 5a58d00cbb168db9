// The wire under every platform call: a timeout before the request is written (waiting for a free
// connection, or for the engine's beforeSend) says "not sent", so a submit that never left is not
// taken for an unknown outcome (which would fail it or send it to reconciliation); a timeout after
// it was written stays an unknown outcome.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { keepAliveRequester, MAX_SOCKETS_PER_HOST, NotSentError } from './keepalive';

const received: string[] = [];
const hanging: http.ServerResponse[] = [];
const server = http.createServer((req, res) => {
  received.push(req.url ?? '');
  req.resume();
  if (req.url?.startsWith('/hang')) hanging.push(res);
  else res.end('{"ok":true}');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(async () => {
  for (const r of hanging) r.end();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a beforeSend slower than the timeout: not sent, and nothing reaches the server', async () => {
  let decided = false;
  const err = await keepAliveRequester(`${base}/slow-fence`, {
    body: '{}',
    signal: AbortSignal.timeout(100),
    beforeSend: async () => {
      await sleep(300);
      decided = true;
      return true;
    },
  }).then(
    () => null,
    (e) => e,
  );
  assert.ok(err instanceof NotSentError, `got ${err}`);
  assert.ok(decided, 'the answer waits for beforeSend to decide');
  await sleep(100);
  assert.ok(!received.includes('/slow-fence'));
});

test('a timeout after the request was written is not "not sent"', async () => {
  const err = await keepAliveRequester(`${base}/hang-written`, { body: '{}', signal: AbortSignal.timeout(200), beforeSend: async () => true }).then(
    () => null,
    (e) => e,
  );
  assert.ok(err && !(err instanceof NotSentError), `got ${err}`);
  assert.equal((err as Error).name, 'TimeoutError');
  assert.ok(received.includes('/hang-written'));
});

test('waiting for a free connection past the timeout: not sent, never written', async () => {
  // Every connection to the host is busy with a request that gets no answer.
  const busy = Array.from({ length: MAX_SOCKETS_PER_HOST }, (_, i) =>
    keepAliveRequester(`${base}/hang-${i}`, { body: '{}', signal: AbortSignal.timeout(5000) }).catch(() => null),
  );
  while (hanging.length < MAX_SOCKETS_PER_HOST) await sleep(20);
  let asked = false;
  const err = await keepAliveRequester(`${base}/queued`, {
    body: '{}',
    signal: AbortSignal.timeout(200),
    beforeSend: async () => {
      asked = true;
      return true;
    },
  }).then(
    () => null,
    (e) => e,
  );
  assert.ok(err instanceof NotSentError, `got ${err}`);
  assert.equal(asked, false, 'beforeSend is not asked once the time is up');
  for (const r of hanging.splice(0)) r.end('{}');
  await Promise.all(busy);
  await sleep(50);
  assert.ok(!received.includes('/queued'));
});
