// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../../../../server/src/lib/sanitize-html';
import { articleExtensions } from './schema';

const IMG = '/api/v1/media/0b7c2c8e-1111-4222-8333-444455556666/file';
const editors: Editor[] = [];
function editor(content = '') {
  const e = new Editor({ extensions: articleExtensions(), content });
  editors.push(e);
  return e;
}
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

describe('the schema only produces the allowlist, and the server keeps it byte for byte', () => {
  it('round-trips what each toolbar command makes', () => {
    type Chain = ReturnType<Editor['chain']>;
    const all = (c: Chain) => c.selectAll();
    const cases: [string, (c: Chain) => Chain, string][] = [
      ['<p>粗体</p>', (c) => all(c).toggleBold(), '<p><strong>粗体</strong></p>'],
      ['<p>斜体</p>', (c) => all(c).toggleItalic().toggleUnderline().toggleStrike(), '<p><em><s><u>斜体</u></s></em></p>'],
      ['<p>红字</p>', (c) => all(c).setColor('#d4380d'), '<p><span style="color: rgb(212, 56, 13);">红字</span></p>'],
      ['<p>居中</p>', (c) => all(c).setTextAlign('center'), '<p style="text-align: center;">居中</p>'],
      ['<p>标题</p>', (c) => all(c).setHeading({ level: 2 }).setTextAlign('right'), '<h2 style="text-align: right;">标题</h2>'],
      ['<p>一</p><p>二</p>', (c) => all(c).toggleBulletList(), '<ul><li><p>一</p></li><li><p>二</p></li></ul>'],
      ['<p>甲</p>', (c) => all(c).toggleOrderedList(), '<ol><li><p>甲</p></li></ol>'],
      ['<p>引用</p>', (c) => all(c).toggleBlockquote(), '<blockquote><p>引用</p></blockquote>'],
      ['<p>链接</p>', (c) => all(c).setLink({ href: 'https://example.com/a?b=1&c=2' }), '<p><a href="https://example.com/a?b=1&amp;c=2">链接</a></p>'],
      ['<p>上</p>', (c) => c.focus('end').setHardBreak().insertContent('下'), '<p>上<br>下</p>'],
      ['<p>前</p>', (c) => c.focus('end').setHorizontalRule(), '<p>前</p><hr><p></p>'],
      ['<p>前</p>', (c) => c.focus('end').setImage({ src: IMG, alt: '配图' }), `<p>前</p><img src="${IMG}" alt="配图">`],
      ['<p><strong>粗</strong>体</p>', (c) => all(c).unsetAllMarks().setParagraph(), '<p>粗体</p>'],
    ];
    for (const [start, run, expected] of cases) {
      const e = editor(start);
      run(e.chain()).run();
      const html = e.getHTML();
      expect(html, start).toBe(expected);
      expect(sanitizeArticleHtml(html), start).toBe(html);
    }
  });

  it('reads stored and foreign HTML into the allowlist only, and that output round-trips too', () => {
    const inputs = [
      '<p>a&nbsp;&nbsp;b &amp; &lt;c&gt; "q"</p><p></p>',
      '<h1 style="text-align: right">一</h1><h4>四</h4><h5>五</h5><h6>六</h6>',
      '<ol start="3" type="a" style="list-style-type: lower-alpha"><li>丙</li></ol><ol start="0"><li>零</li></ol>',
      '<p><a href="https://ok.example" target="_blank" rel="noopener" class="x" title="标题">ok</a> <a href="javascript:alert(1)">js</a> <a href="/relative">rel</a></p>',
      '<p><span style="color: rgb(212, 56, 13); font-family: Arial; font-size: 30px">色</span><span style="font-size: 40px">大</span><span style="color: var(--x)">变量</span></p>',
      `<p><img src="${IMG}" title="t" width="100" onerror="x"><img src="https://evil.example/x.png"><img src="data:image/png;base64,AAAA"></p>`,
      '<section style="margin: 8px"><p style="text-indent: 2em">微信</p></section><div>块</div><pre><code>代码</code></pre>',
      '<table><tr><td>格</td></tr></table><p class="c" id="i" data-x="1" onclick="x">属性</p><script>alert(1)</script>',
      '<p><b>粗</b><i>斜</i><del>删</del><strike>删</strike><span style="font-weight: 700">粗</span><b style="font-weight: normal">不粗</b></p>',
    ];
    for (const input of inputs) {
      const html = editor(input).getHTML();
      expect(html).not.toMatch(
        /class=|id=|target=|rel=|type=|data-|onerror|onclick|javascript:|evil|data:|font-family|font-size|var\(|<table|<div|<pre|<code|<section|<script|<h5|<h6|title="t"|width=/,
      );
      expect(sanitizeArticleHtml(html), input).toBe(html);
      // Loading the editor's own output again changes nothing.
      expect(editor(html).getHTML()).toBe(html);
    }
    expect(editor(inputs[3]).getHTML()).toBe('<p><a href="https://ok.example" title="标题">ok</a> js rel</p>');
    expect(editor(inputs[2]).getHTML()).toBe('<ol start="3"><li><p>丙</p></li></ol><ol><li><p>零</p></li></ol>');
    expect(editor(inputs[4]).getHTML()).toBe('<p><span style="color: rgb(212, 56, 13);">色</span>大变量</p>');
  });

  it('refuses a javascript: or relative link from the toolbar', () => {
    const e = editor('<p>文字</p>');
    e.chain().setTextSelection({ from: 1, to: 3 }).setLink({ href: 'javascript:alert(1)' }).run();
    e.chain().setTextSelection({ from: 1, to: 3 }).setLink({ href: '/x' }).run();
    expect(e.getHTML()).toBe('<p>文字</p>');
  });
});
