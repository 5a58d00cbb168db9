// The server-configuration handshake and pushed events, against messages built here the way
// WeChat's "消息加解密说明" describes them (this file encrypts on its own, sharing nothing with
// callback.ts but the format).
import assert from 'node:assert/strict';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { wechatCallback } from './callback';

const TOKEN = 'meiyunTestToken2026';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'; // 43 characters
const APPID = 'wx5823bf96d3bd56c7';
const settings = { token: TOKEN, aesKey: AES_KEY, mode: 'safe', appId: APPID };

const sign = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

function encrypt(xml: string, appid = APPID): string {
  const key = Buffer.from(`${AES_KEY}=`, 'base64');
  const msg = Buffer.from(xml);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appid)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

// The success example of freepublish_submit's "发布结果的事件推送".
const PUBLISHED = `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName>
<CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[PUBLISHJOBFINISH]]></Event>
<PublishEventInfo><publish_id>2247503051</publish_id><publish_status>0</publish_status>
<article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4]]></article_id>
<article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/abc]]></article_url></item></article_detail>
</PublishEventInfo></xml>`;
const FAILED = `<xml><ToUserName>gh_x</ToUserName><MsgType>event</MsgType><Event>PUBLISHJOBFINISH</Event>
<PublishEventInfo><publish_id>2247503052</publish_id><publish_status>4</publish_status><fail_idx>1</fail_idx><fail_idx>2</fail_idx></PublishEventInfo></xml>`;
const MASS = `<xml><ToUserName>gh_x</ToUserName><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status>
<TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>
<ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[https://mp.weixin.qq.com/s/mass]]></ArticleUrl></item></ResultList></ArticleUrlResult></xml>`;

function query(extra: Record<string, string> = {}) {
  const timestamp = '1714112445';
  const nonce = '415670741';
  return { timestamp, nonce, signature: sign(TOKEN, timestamp, nonce), openid: 'o1', ...extra };
}

test('the URL check answers echostr only with the right signature', () => {
  assert.equal(wechatCallback.handshake(settings, { ...query(), echostr: '5839907284805129867' }), '5839907284805129867');
  assert.equal(wechatCallback.handshake(settings, { ...query(), signature: '0'.repeat(40), echostr: 'x' }), null);
  assert.equal(wechatCallback.handshake({ ...settings, token: 'another' }, { ...query(), echostr: 'x' }), null);
});

test('plain mode: the documented success example gives the publish id, the article and its link', () => {
  const r = wechatCallback.receive({ ...settings, mode: 'plain' }, query(), PUBLISHED);
  assert.ok('results' in r);
  assert.equal(r.reply, 'success');
  assert.deepEqual(r.results, [
    { remoteId: '2247503051', status: { state: 'published', articleId: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4', url: 'https://mp.weixin.qq.com/s/abc' } },
  ]);
  const failed = wechatCallback.receive({ ...settings, mode: 'plain' }, query(), FAILED);
  assert.ok('results' in failed);
  assert.equal(failed.results[0].status.state, 'failed');
  assert.match((failed.results[0].status as { reason: string }).reason, /审核/);
});

test('safe mode: decrypted and checked by msg_signature; a wrong key, appid or signature is refused', () => {
  const encrypted = encrypt(PUBLISHED);
  const body = `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  const q = query({ encrypt_type: 'aes' });
  const ok = wechatCallback.receive(settings, { ...q, msg_signature: sign(TOKEN, q.timestamp, q.nonce, encrypted) }, body);
  assert.ok('results' in ok, JSON.stringify(ok));
  assert.equal(ok.results[0].remoteId, '2247503051');
  assert.ok('error' in wechatCallback.receive(settings, { ...q, msg_signature: '0'.repeat(40) }, body));
  assert.ok('error' in wechatCallback.receive({ ...settings, aesKey: 'B'.repeat(43) }, { ...q, msg_signature: sign(TOKEN, q.timestamp, q.nonce, encrypted) }, body));
  const other = encrypt(PUBLISHED, 'wxsomebodyelse000');
  const otherBody = `<xml><Encrypt><![CDATA[${other}]]></Encrypt></xml>`;
  assert.ok('error' in wechatCallback.receive(settings, { ...q, msg_signature: sign(TOKEN, q.timestamp, q.nonce, other) }, otherBody));
  // A plaintext push to an account in safe mode is not trusted.
  assert.ok('error' in wechatCallback.receive(settings, query(), PUBLISHED));
});

test('compat mode: the encrypted copy is the one read; a mass-send result carries its message id and link', () => {
  const encrypted = encrypt(MASS);
  const body = MASS.replace('</xml>', `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`);
  const q = query({ encrypt_type: 'aes' });
  const r = wechatCallback.receive({ ...settings, mode: 'compat' }, { ...q, msg_signature: sign(TOKEN, q.timestamp, q.nonce, encrypted) }, body);
  assert.ok('results' in r, JSON.stringify(r));
  assert.deepEqual(r.results, [{ remoteId: '1000001625', status: { state: 'published', articleId: null, url: 'https://mp.weixin.qq.com/s/mass' } }]);
});

test('not XML, or an event the engine does not read: no results, no crash', () => {
  assert.ok('error' in wechatCallback.receive({ ...settings, mode: 'plain' }, query(), 'not xml <'));
  const text = '<xml><ToUserName>gh_x</ToUserName><MsgType>text</MsgType><Content>你好</Content></xml>';
  const r = wechatCallback.receive({ ...settings, mode: 'plain' }, query(), text);
  assert.ok('results' in r);
  assert.deepEqual(r.results, []);
});
