import assert from 'node:assert/strict';
import test from 'node:test';
import { type CheckedVariant, checkVariant, countText, effectiveVariant, hasErrors, type MediaFacts } from './platforms';

const blank: CheckedVariant = { title: '', digest: '', text: '', imageMediaIds: [], videoMediaId: null, coverMediaId: null, topics: [], tags: [], options: {} };
const v = (x: Partial<CheckedVariant>): CheckedVariant => ({ ...blank, ...x });
const codes = (issues: ReturnType<typeof checkVariant>) => issues.map((i) => `${i.field}:${i.code}:${i.severity}`).sort();
const img = (size: number, w = 1000, h = 1000, contentType = 'image/png'): MediaFacts => ({ size, contentType, width: w, height: h, durationMs: null });
const vid = (size: number, durationMs: number): MediaFacts => ({ size, contentType: 'video/mp4', width: 1080, height: 1920, durationMs });

test('Weibo counts a Chinese character as 1, ASCII and Latin-1 as ½ (rounded up), astral characters as 2', () => {
  // schappo.blogspot.com/2012/10/weibo-character-count.html: "one two 🀂一二三四五🀀" counts 13.
  assert.equal(countText('one two 🀂一二三四五🀀', 'weibo'), 13);
  assert.equal(countText('abc', 'weibo'), 2);
  assert.equal(countText('微博', 'weibo'), 2);
  assert.equal(countText('微博', 'chars'), 2);
  assert.equal(countText('😀a', 'chars'), 2);
});

test('Weibo: 140 counted units pass, 141 fail; the link must be on the safe domain; no #topic# inside', () => {
  const link = ' https://m.example.com/a';
  const settings = { safeDomain: 'example.com' };
  const at = (n: number) => `${'字'.repeat(n - 12)}${link}`; // the link is 24 ASCII = 12 units
  assert.equal(countText(at(140), 'weibo'), 140);
  assert.deepEqual(checkVariant('weibo', v({ text: at(140) }), {}, settings), []);
  const over = checkVariant('weibo', v({ text: at(141) }), {}, settings);
  assert.deepEqual(codes(over), ['text:too_long:error']);
  assert.match(over[0].message.zh, /最多 140 字（现 141 字）/);
  assert.match(over[0].message.en, /at most 140 characters \(now 141\)/);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: '你好 https://evil.com/x' }), {}, settings)), ['text:link_required:error']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: '你好 https://sub.example.com/x' }), {}, settings)), []);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: '你好 https://notexample.com/x' }), {}, settings)), ['text:link_required:error']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: '#话题# https://example.com' }), {}, settings)), ['text:inline_topic:error']);
  // Without the app's safe domain the link cannot be checked: a warning, not a refusal.
  assert.deepEqual(codes(checkVariant('weibo', v({ text: '你好' }), {}, {})), ['text:no_safe_domain:warning']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: '' }), {}, settings)), ['text:link_required:error', 'text:required:error']);
});

test('Weibo: one picture under 5 MB, JPEG/GIF/PNG; no video', () => {
  const s = { safeDomain: 'example.com' };
  const t = 'hi https://example.com';
  const media = { a: img(5 * 1024 * 1024), b: img(100), c: img(100, 10, 10, 'image/webp') };
  assert.deepEqual(codes(checkVariant('weibo', v({ text: t, imageMediaIds: ['b'] }), media, s)), []);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: t, imageMediaIds: ['a'] }), media, s)), ['images:too_big:error']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: t, imageMediaIds: ['b', 'b'] }), media, s)), ['images:too_many:error']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: t, imageMediaIds: ['c'] }), media, s)), ['images:wrong_type:error']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: t, imageMediaIds: ['gone'] }), media, s)), ['images:missing:error']);
  assert.deepEqual(codes(checkVariant('weibo', v({ text: t, videoMediaId: 'v' }), { v: vid(10, 1000) }, s)), ['video:not_supported:error']);
});

test('Bilibili needs a video, a partition and 1–12 tags of at most 20; a title of at most 80', () => {
  const media = { v: vid(1000, 60_000), c: img(100, 1600, 1000) };
  const ok = v({ title: '标题', videoMediaId: 'v', coverMediaId: 'c', tags: ['科技'], options: { tid: 95 } });
  assert.deepEqual(checkVariant('bilibili', ok, media), []);
  assert.deepEqual(codes(checkVariant('bilibili', v({ title: '标题' }), media)), ['tags:required:error', 'tid:required:error', 'video:required:error']);
  const bad = { ...ok, title: 'x'.repeat(81), tags: Array.from({ length: 13 }, (_, i) => `t${i}`).concat(['字'.repeat(21)]) };
  assert.deepEqual(codes(checkVariant('bilibili', bad, media)), ['tags:item_too_long:error', 'tags:too_many:error', 'title:too_long:error']);
  // A 9:16 cover is not Bilibili's shape: a warning (the shapes are UNVERIFIED).
  assert.deepEqual(codes(checkVariant('bilibili', { ...ok, coverMediaId: 'p' }, { ...media, p: img(100, 1080, 1920) })), ['cover:ratio:warning']);
});

test('Douyin: a video at most 15 minutes; Xiaohongshu: images or a video, not both, at most 18 images', () => {
  assert.deepEqual(codes(checkVariant('douyin', v({ videoMediaId: 'v' }), { v: vid(1000, 15 * 60_000) })), []);
  assert.deepEqual(codes(checkVariant('douyin', v({ videoMediaId: 'v' }), { v: vid(1000, 15 * 60_000 + 1) })), ['video:too_long:error']);
  assert.deepEqual(codes(checkVariant('douyin', v({ videoMediaId: 'v' }), { v: img(10) })), ['video:wrong_type:error']);
  const imgs = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`i${i}`, img(10, 900, 1200)]));
  assert.deepEqual(codes(checkVariant('xiaohongshu', v({ title: '笔记' }), imgs)), ['images:required:error']);
  assert.deepEqual(codes(checkVariant('xiaohongshu', v({ title: '笔记', imageMediaIds: Object.keys(imgs) }), imgs)), ['images:too_many:error']);
  assert.deepEqual(codes(checkVariant('xiaohongshu', v({ title: '笔'.repeat(21), imageMediaIds: ['i0'], topics: ['好物'] }), imgs)), [
    'title:too_long:warning',
  ]);
  assert.deepEqual(codes(checkVariant('xiaohongshu', v({ title: '笔记', imageMediaIds: ['i0'], topics: ['#好物'] }), imgs)), ['topics:invalid:error']);
});

test('WeChat title at most 32, digest 128; Zhihu answers need a question link; warnings never count as errors', () => {
  assert.deepEqual(codes(checkVariant('wechat_oa', v({ title: '字'.repeat(33), digest: 'd'.repeat(129) }), {})), [
    'digest:too_long:error',
    'title:too_long:error',
  ]);
  assert.deepEqual(codes(checkVariant('zhihu', v({ title: 't' }), {})), ['questionUrl:required:error']);
  assert.deepEqual(checkVariant('zhihu', v({ title: 't', options: { questionUrl: 'https://www.zhihu.com/question/123' } }), {}), []);
  assert.deepEqual(checkVariant('zhihu', v({ title: 't', options: { mode: 'article' } }), {}), []);
  assert.equal(hasErrors(checkVariant('douyin', v({ videoMediaId: 'v', title: 'x'.repeat(31) }), { v: vid(1, 1) })), false);
  assert.deepEqual(checkVariant('custom', v({ text: 'x'.repeat(10_000) }), {}), []);
});

test('effectiveVariant: null fields come from the post, the text from its title and body', () => {
  const post = { title: '主标题', digest: '摘要', bodyText: '正文', coverMediaId: 'c' };
  assert.deepEqual(effectiveVariant(post, undefined), { ...blank, title: '主标题', digest: '摘要', text: '主标题\n正文', coverMediaId: 'c' });
  const own = effectiveVariant(post, { title: null, text: '自己的', coverMediaId: null, topics: ['a'] });
  assert.equal(own.text, '自己的');
  assert.equal(own.coverMediaId, 'c');
  assert.deepEqual(own.topics, ['a']);
});
