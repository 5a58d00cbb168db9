import { describe, expect, it } from 'vitest';
import type { Media, PostDetail } from '../../../types';
import { byField, counter, draftOf, emptyDraft, fieldStatus, htmlText, isCustomized, liveIssues, splitTopics } from './rules';

const post = { title: '春季新品发布', digest: '', bodyHtml: '<p>第一段</p><p>第二段 &amp; 更多</p>', coverMediaId: null };
const png = (id: string, size: number): Media => ({
  id,
  filename: `${id}.png`,
  contentType: 'image/png',
  size,
  kind: 'image',
  posterMediaId: null,
  posterUrl: null,
  width: 10,
  height: 10,
  durationMs: null,
  url: '',
  createdAt: '',
});

describe('counters', () => {
  it('count Weibo text the Weibo way and turn over past 140', () => {
    expect(counter('weibo', 'text', 'abcd')).toMatchObject({ count: 2, max: 140, over: false, label: '2 / 140' });
    expect(counter('weibo', 'text', '字'.repeat(140)).over).toBe(false);
    expect(counter('weibo', 'text', `${'字'.repeat(140)}a`)).toMatchObject({ count: 141, over: true, label: '141 / 140' });
    // Elsewhere a character is a character.
    expect(counter('bilibili', 'text', 'abcd')).toMatchObject({ count: 4, max: 2000 });
    expect(counter('xiaohongshu', 'title', '笔'.repeat(21))).toMatchObject({ count: 21, max: 20, over: true });
    expect(counter('custom', 'text', 'abc')).toMatchObject({ max: null, over: false, label: '3' });
  });
  it('topics are chips without #', () => {
    expect(splitTopics('#新品 #春季，好物')).toEqual(['新品', '春季', '好物']);
  });
  it('the body becomes plain text like the server makes it', () => {
    expect(htmlText(post.bodyHtml)).toBe('第一段\n第二段 & 更多');
  });
});

describe('rules display', () => {
  it('a Weibo variant inheriting a long post is over 140 and shows the message beside the text, in the UI language', () => {
    const long = { ...post, bodyHtml: `<p>${'长'.repeat(200)}</p>` };
    const issues = liveIssues('weibo', long, emptyDraft(), [], 'example.com');
    const f = byField(issues);
    expect(f.text?.map((i) => i.code).sort()).toEqual(['link_required', 'too_long']);
    const zh = fieldStatus(f.text, 'zh-CN');
    expect(zh.status).toBe('error');
    expect(zh.help).toMatch(/正文：最多 140 字（现 207 字）/);
    expect(fieldStatus(f.text, 'en').help).toMatch(/text: at most 140 characters \(now 207\)/);
    expect(fieldStatus(undefined, 'zh-CN')).toEqual({});
  });
  it('its own short text with a safe-domain link passes; a warning alone shows as a warning', () => {
    const d = { ...emptyDraft(), text: '新品上市 https://example.com/a', imageMediaIds: ['a'] };
    expect(liveIssues('weibo', post, d, [png('a', 100)], 'example.com')).toEqual([]);
    const big = liveIssues('weibo', post, d, [png('a', 6 * 1024 * 1024)], 'example.com');
    expect(big.map((i) => `${i.field}:${i.code}`)).toEqual(['images:too_big']);
    const noDomain = fieldStatus(byField(liveIssues('weibo', post, d, [png('a', 100)], null)).text, 'zh-CN');
    expect(noDomain.status).toBe('warning');
  });
  it('a stored variant becomes the form draft; customized only when something differs', () => {
    const detail = {
      variants: [
        {
          accountId: 'x',
          platform: 'bilibili',
          title: null,
          digest: null,
          bodyHtml: null,
          text: null,
          imageMediaIds: [],
          videoMediaId: null,
          coverMediaId: null,
          topics: [],
          tags: ['a'],
          options: { tid: 95 },
          safeDomain: null,
        },
      ],
    } as unknown as PostDetail;
    const d = draftOf(detail, 'x');
    expect(d.tags).toEqual(['a']);
    expect(isCustomized(d)).toBe(true);
    expect(isCustomized(draftOf(detail, 'other'))).toBe(false);
  });
});
