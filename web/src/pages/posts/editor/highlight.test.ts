// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, expect, it } from 'vitest';
import { htmlToText } from '../../../../../server/src/modules/risk/html';
import { domText, findingRanges, type Marked, type NodeLike } from '../riskText';
import { articleExtensions } from './schema';

const IMG = '/api/v1/media/0b7c2c8e-1111-4222-8333-444455556666/file';
let e: Editor | undefined;
afterEach(() => e?.destroy());

it("the inline highlights land on the screened characters in TipTap's own DOM", () => {
  document.body.innerHTML = '<div id="host"></div>';
  e = new Editor({
    element: document.getElementById('host') as HTMLElement,
    extensions: articleExtensions({ placeholder: '正文' }),
    content:
      `<h2>国家级新品</h2><p></p><p>本周<strong>内部</strong>价开放，<span style="color: rgb(212, 56, 13);">最佳</span>之选<br>第二行最&nbsp;佳</p>` +
      `<ul><li><p>国家</p></li><li><p>级别</p></li></ul><blockquote><p>引用里的内部价</p></blockquote><hr><img src="${IMG}" alt="国家级"><p>末尾<br></p>`,
  });
  const dom = e.view.dom;
  // ProseMirror adds its own nodes (trailing breaks, separators); the text is still the server's.
  const server = htmlToText(e.getHTML());
  expect(domText(dom as unknown as NodeLike).text).toBe(server);
  const terms = ['国家级', '内部价', '最佳', '引用里的内部价', '末尾'];
  const findings: Marked[] = terms.map((term, i) => {
    const start = server.indexOf(term);
    return { start, end: start + term.length, match: term, action: i % 2 ? 'warn' : 'block' };
  });
  const ranges = findingRanges(dom, findings);
  expect(ranges.map((r) => [r.range.toString(), r.action])).toEqual(terms.map((term, i) => [term, i % 2 ? 'warn' : 'block']));
  // A term split between list items is not one run (two blocks), as on the server.
  expect(server).toContain('国家\n级别');
});
