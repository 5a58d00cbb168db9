// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../../../../server/src/lib/sanitize-html';
import { cleanPastedHtml } from './paste';
import { WEB_PASTE, WECHAT_PASTE, WORD_PASTE } from './samples';
import { articleExtensions } from './schema';

const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

/** Pastes into an empty editor as the browser would, through the editor's paste cleaning. */
function paste(html: string) {
  let dropped = 0;
  const e = new Editor({
    extensions: articleExtensions(),
    editorProps: {
      transformPastedHTML: (h) => {
        const r = cleanPastedHtml(h);
        dropped += r.droppedImages;
        return r.html;
      },
    },
  });
  editors.push(e);
  // jsdom has no ClipboardEvent; the paste logic only reads the HTML given here.
  e.view.pasteHTML(html, new Event('paste') as ClipboardEvent);
  return { html: e.getHTML(), dropped };
}

describe('pasting keeps the structure and drops the rest', () => {
  it('Word: heading, bold, link, its paragraph lists as real nested lists; fonts, o:p and the picture go', () => {
    const r = paste(WORD_PASTE);
    expect(r.html).toBe(
      '<h1>新品发布会</h1><p>本次发布会将于<strong>周五下午</strong>举行，详情见<a href="https://example.com/launch">活动页</a>。</p>' +
        '<ol><li><p>签到</p><ol><li><p>领取资料</p></li></ol></li><li><p>主题演讲</p></li></ol><ul><li><p>茶歇</p></li></ul><p></p>',
    );
    expect(r.dropped).toBe(1);
    expect(sanitizeArticleHtml(r.html)).toBe(r.html);
  });

  it('a web page: headings, paragraphs, lists, links and quotes; scripts, buttons, forms, classes and its image go', () => {
    const r = paste(WEB_PASTE);
    expect(r.html).toBe(
      '<h2>三个好习惯</h2><p>早睡早起，<strong>坚持运动</strong>。</p><ul><li><p>多喝水</p></li><li><p>少熬夜 <a href="https://example.org/sleep">了解更多</a></p></li></ul>' +
        '<p>图注</p><blockquote><p>引用的话</p></blockquote><p>表格</p>',
    );
    expect(r.dropped).toBe(1);
    expect(sanitizeArticleHtml(r.html)).toBe(r.html);
  });

  it("another WeChat article: sections unwrapped, headings, colours and alignment kept; its images (another account's) go", () => {
    const r = paste(WECHAT_PASTE);
    expect(r.html).toBe(
      '<h3 style="text-align: center;"><span style="color: rgb(0, 122, 170);">一、背景</span></h3>' +
        '<p><span style="color: rgb(62, 62, 62);">正文第一段，<strong>重点</strong>。</span></p>' +
        '<p></p><p><span style="color: rgb(136, 136, 136);">文末小字</span></p>',
    );
    expect(r.dropped).toBe(1);
    expect(sanitizeArticleHtml(r.html)).toBe(r.html);
  });

  it('a library image in the paste is kept and not counted', () => {
    const img = '/api/v1/media/0b7c2c8e-1111-4222-8333-444455556666/file';
    const r = paste(`<p>前</p><img src="${img}" alt="库"><img src="https://elsewhere.example/x.png">`);
    expect(r.html).toBe(`<p>前</p><img src="${img}" alt="库">`);
    expect(r.dropped).toBe(1);
  });
});
