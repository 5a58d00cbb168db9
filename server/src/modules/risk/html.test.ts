import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToText } from './html';

test('visible text: inline tags join, blocks and <br> break once, entities decode, raw line breaks are spaces', () => {
  assert.equal(htmlToText('<p>国<b>家</b><span style="color:red">级</span></p>'), '国家级');
  assert.equal(htmlToText('<h2>标题</h2>\n<p>一</p><p></p><div><p>二<br>三</p></div>'), '标题\n一\n二\n三');
  assert.equal(htmlToText('<p>&#x56FD;&#23478;&amp;级&nbsp;&lt;b&gt; &unknown; &copy</p>'), '国家&级\u00a0<b> &unknown; ©');
  assert.equal(htmlToText('<p>国\n家\t级\r\n</p>'), '国 家 级  ');
  assert.equal(htmlToText('a < b and c<d'), 'a < b and c');
  assert.equal(htmlToText(''), '');
  assert.equal(htmlToText('纯文本'), '纯文本');
});

test('scripts, styles, comments and attribute values are not text; a quoted ">" does not end a tag', () => {
  assert.equal(htmlToText('<style>p{}</style><script>var a = "<p>x</p>";</script><!-- 国家级 --><p title="国家级">正文</p>'), '正文');
  assert.equal(htmlToText('<img alt="a > b" src="x.png">后文'), '后文');
  assert.equal(htmlToText('<p>前</p><!-- 未闭合'), '前');
  assert.equal(htmlToText('<SCRIPT>x</SCRIPT><P>大写</P>'), '大写');
});

test('entities decode by the whole HTML5 table, as the browser shows them', () => {
  // Invisible ones: the screener skips these characters, so the term is whole again.
  assert.equal(htmlToText('<p>国&NoBreak;家级</p>'), '国\u2060家级');
  assert.equal(htmlToText('<p>最&ZeroWidthSpace;佳&InvisibleTimes;选&zwj;择</p>'), '最\u200b佳\u2062选\u200d择');
  assert.equal(htmlToText('<p>&colon;&lbrace;&rbrace;&hearts;&Fopf;</p>'), ':{}♥𝔽');
  // Numeric references as the HTML5 parser reads them; legacy names without a semicolon.
  assert.equal(htmlToText('<p>&#x80;&#0;&#xD800;&#128512;&copy2&amp</p>'), '€\ufffd\ufffd😀©2&');
});
