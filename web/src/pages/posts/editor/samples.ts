// Clipboard HTML as Word, a web page and a WeChat article put it there (shortened, structure as
// found), for the paste tests and the browser test.

export const WORD_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm; font-family:等线;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->
<h1 style='margin:0cm'><span lang=EN-US style='font-family:"微软雅黑"'>新品发布会</span><o:p></o:p></h1>
<p class=MsoNormal><span style='font-family:宋体'>本次发布会将于<b>周五下午</b>举行，详情见<a href="https://example.com/launch">活动页</a>。<o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>签到<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:36.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]>领取资料<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>主题演讲<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=EN-US style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>茶歇<o:p></o:p></p>
<p class=MsoNormal><v:shape style='width:100pt'><v:imagedata src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"/></v:shape><![if !vml]><img width=133 height=100 src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png"><![endif]><o:p></o:p></p>
<!--EndFragment--></body></html>`;

export const WEB_PASTE = `<meta charset='utf-8'><div class="article" id="main" style="font-family: Georgia; position: relative">
<h2 class="title">三个好习惯</h2><div>早睡早起，<strong>坚持运动</strong>。</div>
<ul class="list"><li>多喝水</li><li>少熬夜 <a href="https://example.org/sleep" target="_blank" rel="noopener" onclick="track()">了解更多</a></li></ul>
<figure><img src="https://cdn.example.org/pic.jpg" alt="配图"><figcaption>图注</figcaption></figure>
<button onclick="share()">分享</button><script>track()</script><form><input value="订阅"></form>
<blockquote>引用的话</blockquote><table><tr><td>表格</td></tr></table></div>`;

export const WECHAT_PASTE = `<section style="margin: 0px 8px; font-family: -apple-system; line-height: 1.75em" data-role="outer" class="rich_pages">
<h3 style="text-align: center"><span style="color: rgb(0, 122, 170); font-size: 18px">一、背景</span></h3>
<p style="text-indent: 2em; letter-spacing: 1px"><span style="font-size: 15px; color: rgb(62, 62, 62)">正文第一段，<strong>重点</strong>。</span></p>
<p><img class="rich_pages wxw-img" data-src="https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png" data-ratio="0.56" src="https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png&amp;tp=webp"></p>
<p><span style="color: rgb(136, 136, 136); font-size: 12px">文末小字</span></p></section>`;
