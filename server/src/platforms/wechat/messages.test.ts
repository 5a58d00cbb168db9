// Users' messages in the callback, as the doc's examples (接收普通消息) show them: text, image,
// voice with speech recognition, location, link; the MsgId is the key, FromUserName + CreateTime
// when it is missing; events (subscribe) and the publish events are not messages; safe mode's
// encrypted message is read like the others.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { wechatCallback } from './callback';
import { messageText } from './messages';

const TOKEN = 'meiyunTestToken2026';
const settings = { token: TOKEN, aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', mode: 'plain', appId: 'wx5823bf96d3bd56c7' };
const sign = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const query = { timestamp: '1714112445', nonce: '415670741', signature: sign(TOKEN, '1714112445', '415670741'), openid: 'fromUser' };

const xml = (fields: string) =>
  `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime>${fields}</xml>`;

test('text: the content, keyed by MsgId, from the openid, at CreateTime; handed over beside the (empty) results', () => {
  const r = wechatCallback.receive(
    settings,
    query,
    xml('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId>'),
  );
  assert.ok('results' in r);
  assert.deepEqual(r.results, []);
  assert.equal(r.reply, 'success');
  assert.deepEqual(r.messages, [
    {
      kind: 'message',
      externalId: '1234567890123456',
      authorId: 'fromUser',
      text: 'this is a test',
      at: new Date(1348831860 * 1000),
      raw: { ToUserName: 'toUser', FromUserName: 'fromUser', CreateTime: '1348831860', MsgType: 'text', Content: 'this is a test', MsgId: '1234567890123456' },
    },
  ]);
});

test('image, voice, location, link: a readable placeholder, every pushed field kept; no MsgId: sender and time', () => {
  const one = (f: string) => {
    const r = wechatCallback.receive(settings, query, xml(f));
    assert.ok('messages' in r);
    return r.messages?.[0];
  };
  const image = one('<MsgType>image</MsgType><PicUrl>http://mmbiz.qpic.cn/x</PicUrl><MediaId>media_1</MediaId><MsgId>1</MsgId>');
  assert.equal(image?.text, '[图片] / [image]');
  assert.deepEqual([image?.raw.PicUrl, image?.raw.MediaId], ['http://mmbiz.qpic.cn/x', 'media_1']);
  const voice = one('<MsgType>voice</MsgType><MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>2</MsgId>');
  assert.equal(voice?.text, '[语音] / [voice] 腾讯微信团队');
  const place = one(
    '<MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>3</MsgId>',
  );
  assert.equal(place?.text, '[位置] / [location] 位置信息 (23.134521, 113.358803)');
  const link = one('<MsgType>link</MsgType><Title>公众平台官网链接</Title><Description>公众平台官网链接</Description><Url>https://mp.weixin.qq.com</Url>');
  assert.equal(link?.text, '[链接] / [link] 公众平台官网链接 https://mp.weixin.qq.com');
  assert.equal(link?.externalId, 'fromUser_1348831860');
  assert.equal(messageText({ MsgType: 'shortvideo' }), '[小视频] / [short video]');
});

test('events are not messages: subscribe and PUBLISHJOBFINISH give none', () => {
  for (const f of ['<MsgType>event</MsgType><Event>subscribe</Event>', '<MsgType>event</MsgType><Event>PUBLISHJOBFINISH</Event>']) {
    const r = wechatCallback.receive(settings, query, xml(f));
    assert.ok('messages' in r);
    assert.deepEqual(r.messages, []);
  }
});
