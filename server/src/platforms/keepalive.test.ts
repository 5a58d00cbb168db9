import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeMultipart } from './keepalive';

test('a multipart body reads back, through an independent parser, as the form that was sent: text, line breaks, quotes, bytes', async () => {
  const form = new FormData();
  form.append('caption', '春季新品 #上新# 第一行\n第二行');
  form.append('access_token', 'abc');
  const bytes = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
  form.append('cover', new Blob([bytes], { type: 'image/jpeg' }), 'cover "1".jpg');
  const { body, contentType } = await encodeMultipart(form);
  assert.match(contentType, /^multipart\/form-data; boundary=\S+$/);
  // undici's own multipart parser, which shares nothing with the encoder.
  const back = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  assert.equal(back.get('caption'), '春季新品 #上新# 第一行\r\n第二行');
  assert.equal(back.get('access_token'), 'abc');
  const file = back.get('cover') as File;
  assert.equal(file.type, 'image/jpeg');
  assert.equal(file.name, 'cover "1".jpg');
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
});

test('a body given as parts encodes the same as the FormData it stands for', async () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  const { body, contentType } = await encodeMultipart({
    multipart: [
      ['cover', { data: Buffer.from(bytes), filename: 'c.png', contentType: 'image/png' }],
      ['caption', '快手 #话题'],
    ],
  });
  const back = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  assert.deepEqual([...back.keys()], ['cover', 'caption']);
  assert.equal(back.get('caption'), '快手 #话题');
  const file = back.get('cover') as File;
  assert.deepEqual([file.name, file.type], ['c.png', 'image/png']);
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
});
