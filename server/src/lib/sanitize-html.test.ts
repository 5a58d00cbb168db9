import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS, isArticleImage, isArticleLink, STYLED_TAGS } from '../../../contract/html';
import { sanitizeArticleHtml } from './sanitize-html';

const IMG = '/api/v1/media/0b7c2c8e-1111-4222-8333-444455556666/file';

/**
 * What may be in the output, read from its serialisation: only allowlisted elements and
 * attributes, links http(s), images from the library or WeChat, no CSS that fetches or runs.
 * Holds for any input, so each vector below is checked by the same rule, not by a hand-made answer.
 */
function assertInert(out: string, input: string) {
  const tags = /<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+="[^"]*")*)\s*>/g;
  const stripped = out.replace(tags, (_whole, name: string, attrs: string) => {
    const tag = name.toLowerCase();
    assert.ok((ARTICLE_TAGS as readonly string[]).includes(tag), `element <${tag}> survived ${input}`);
    for (const [, attr, value] of attrs.matchAll(/\s+([a-zA-Z-]+)="([^"]*)"/g)) {
      const allowed = [...(ARTICLE_ATTRIBUTES[tag] ?? []), ...(STYLED_TAGS.includes(tag) ? ['style'] : [])];
      assert.ok(allowed.includes(attr), `attribute ${attr} on <${tag}> survived ${input}`);
      const decoded = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
      if (attr === 'href') assert.ok(isArticleLink(decoded), `href ${value} survived ${input}`);
      if (attr === 'src') assert.ok(isArticleImage(decoded), `src ${value} survived ${input}`);
      if (attr === 'style') assert.doesNotMatch(decoded, /url|expression|\(|\\|binding|behavior|@import/i, `style ${value} survived ${input}`);
    }
    return '';
  });
  // Whatever is left is text: it must hold no markup at all.
  assert.doesNotMatch(stripped, /[<>]/, `markup left in text of ${out} from ${input}`);
  assert.equal(sanitizeArticleHtml(out), out, `not idempotent: ${input}`);
}

const VECTORS = [
  // event handlers, with and without quotes
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="window.__xss=1">',
  '<img/src="x"/onerror=alert(1)>',
  '<img src=`x` onerror=`alert(1)`>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  `<img src="${IMG}" onload="alert(1)">`,
  '<p onclick="alert(1)" onmouseover=alert(1)>点我</p>',
  "<div/onmouseover='alert(1)'>x</div>",
  '<details open ontoggle=alert(1)>x</details>',
  '<body onload=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<video><source onerror=alert(1)></video>',
  // svg, math, embedded content
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<script>alert(1)</script>',
  '<script src="https://evil.example/x.js"></script>',
  // javascript: and data: URLs, obfuscated
  '<a href="javascript:alert(1)">a</a>',
  '<a href="JaVaScRiPt:alert(1)">a</a>',
  '<a href="  javascript:alert(1)">a</a>',
  '<a href="&#106;avascript:alert(1)">a</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">a</a>',
  '<a href="jav&#x09;ascript:alert(1)">a</a>',
  '<a href="jav\nascript:alert(1)">a</a>',
  '<a href="javascript&colon;alert(1)">a</a>',
  '<a href="vbscript:msgbox(1)">a</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
  '<a href="DATA:text/html,<script>alert(1)</script>">a</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="https://evil.example/track.png">',
  '<img src="//mmbiz.qpic.cn/x.png">',
  '<img src="https://mmbiz.qpic.cn.evil.example/x.png">',
  '<img src="/api/v1/media/../../../etc/passwd">',
  // CSS
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p style="background-image:url(&quot;https://evil.example/t.png&quot;)">x</p>',
  '<p style="width:expression(alert(1))">x</p>',
  '<p style="color:expression(alert(1))">x</p>',
  '<p style="color: re\\64">x</p>',
  '<p style="behavior:url(x.htc);-moz-binding:url(x.xml#xss)">x</p>',
  '<p style="color:red;position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
  '<p style="margin:-9999px">x</p>',
  '<style>@import "https://evil.example/x.css"; p{color:red}</style><p>x</p>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  // forms, meta, base
  '<form action="javascript:alert(1)"><input type="submit"><button formaction="javascript:alert(1)">go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<isindex action="javascript:alert(1)" type="image">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<base href="https://evil.example/">',
  // nested and broken markup
  '<p <img src=x onerror=alert(1)>>text</p>',
  '<<script>alert(1)//<</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<p>unclosed <b>bold <a href="https://ok.example">link',
  '<a href="https://ok.example"><img src=x onerror=alert(1)></a>',
  '<img src="x" alt="a" onerror="alert(1)"',
  '<p title="x" id="y" class="z" data-x="1">attrs</p>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  // mutation XSS classics (parsers disagree on where an element ends)
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<template><img src=x onerror=alert(1)></template>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<textarea></textarea><img src=x onerror=alert(1)></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<listing>&lt;img src=x onerror=alert(1)&gt;</listing>',
  '<p title="&lt;img src=x onerror=alert(1)&gt;">x</p>',
];

test('classic XSS vectors: nothing but allowlisted, inert markup survives', () => {
  for (const input of VECTORS) assertInert(sanitizeArticleHtml(input), input);
  // Spot checks of what is kept around the refused parts.
  assert.equal(sanitizeArticleHtml('<p onclick="alert(1)">点我</p>'), '<p>点我</p>');
  assert.equal(sanitizeArticleHtml('<a href="https://ok.example/" onclick="x">ok</a>'), '<a href="https://ok.example/">ok</a>');
  assert.equal(sanitizeArticleHtml('<script>alert(1)</script><p>后</p>'), '<p>后</p>');
  assert.equal(sanitizeArticleHtml('<p style="color:red;position:fixed;background:url(x)">x</p>'), '<p style="color: red;">x</p>');
  assert.equal(sanitizeArticleHtml('<img src="https://evil.example/t.png" alt="外链"><p>正文</p>'), '<p>正文</p>');
  assert.equal(sanitizeArticleHtml('<a href="javascript:alert(1)">点</a>'), '<a>点</a>');
});

test('what the editor writes comes back byte for byte', () => {
  const editorHtml = [
    '<h2>标题</h2><h3>小标题</h3><h4>再小</h4><p>正文 <strong>加粗</strong> <em>斜体</em> <u>下划线</u> <s>删除线</s></p>',
    '<p style="text-align: center;">居中</p><h2 style="text-align: right;">右</h2><p style="text-align: justify;">两端</p>',
    '<p><span style="color: rgb(212, 56, 13);">红字</span> <span style="color: rgb(22, 119, 255);">蓝字</span></p>',
    '<ul><li><p>一</p></li><li><p>二</p></li></ul><ol><li><p>甲</p></li></ol><ol start="3"><li><p>丙</p></li></ol>',
    '<blockquote><p>引用</p></blockquote><hr><p>上<br>下</p>',
    '<p><a href="https://example.com/a?b=1&amp;c=2">链接</a></p>',
    `<img src="${IMG}" alt="配图"><p></p>`,
    '<p>a&nbsp;&nbsp;b &amp; &lt;c&gt; "引号" \'单\'</p>',
    '<p><strong><em><u>叠加</u></em></strong></p>',
  ];
  for (const html of editorHtml) assert.equal(sanitizeArticleHtml(html), html);
});

test('a WeChat article keeps its structure and typesetting; fonts, classes and foreign images go', () => {
  const wechat =
    '<section style="margin: 0px 8px; line-height: 1.75em" class="rich_pages" data-role="outer"><p style="text-indent: 2em; letter-spacing: 1px"><span style="font-size: 15px; font-family: \'PingFang SC\'; color: rgb(62, 62, 62)">正文</span></p><p><img data-src="https://mmbiz.qpic.cn/a/640" src="https://mmbiz.qpic.cn/a/640?wx_fmt=png" class="rich_pages wxw-img" data-ratio="0.5"></p></section>';
  assert.equal(
    sanitizeArticleHtml(wechat),
    '<section style="margin: 0px 8px; line-height: 1.75em;"><p style="text-indent: 2em; letter-spacing: 1px;"><span style="font-size: 15px; color: rgb(62, 62, 62);">正文</span></p><p><img src="https://mmbiz.qpic.cn/a/640?wx_fmt=png"></p></section>',
  );
});

test('image sources: the library and WeChat by default; the WeChat adapter can keep only WeChat-hosted images', () => {
  const html = `<p><img src="${IMG}" alt="库"><img src="http://mmbiz.qpic.cn/mmbiz_png/x/0?wx_fmt=png" alt="微信"></p>`;
  assert.equal(sanitizeArticleHtml(html), html);
  assert.equal(sanitizeArticleHtml(html, { imageSources: ['wechat'] }), '<p><img src="http://mmbiz.qpic.cn/mmbiz_png/x/0?wx_fmt=png" alt="微信"></p>');
  assert.equal(sanitizeArticleHtml(html, { imageSources: ['library'] }), `<p><img src="${IMG}" alt="库"></p>`);
});
