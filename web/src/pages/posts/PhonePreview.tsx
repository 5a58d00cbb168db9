import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The width of the phone the article is drawn for (CSS px of an iPhone 6–8 / SE 2, WeChat's design width). */
export const PHONE_WIDTH = 375;
const PHONE_HEIGHT = 667;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// WeChat's article page as a reader sees it (rich_media_*): 22px title, grey meta line with the
// account name in WeChat's link blue, 17px body text, paragraphs without margins (authors space
// them with empty paragraphs, which keep one line's height), images to the screen width.
const WECHAT_CSS = `
html,body{margin:0;background:#fff}
body{font-family:-apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:rgba(0,0,0,.9);-webkit-text-size-adjust:100%}
.feed{background:#ededed;padding:12px 12px 16px}
.feed .label{font-size:12px;color:rgba(0,0,0,.45);text-align:center;margin-bottom:8px}
.card{background:#fff;border-radius:8px;overflow:hidden}
.card .cover{width:100%;aspect-ratio:2.35/1;object-fit:cover;display:block;background:#f2f2f2}
.card .cover.none{display:flex;align-items:center;justify-content:center;color:rgba(0,0,0,.3);font-size:13px}
.card .t{font-size:17px;line-height:1.4;padding:10px 12px 12px;font-weight:500;overflow-wrap:anywhere}
.page{padding:20px 16px 40px}
h1.title{font-size:22px;line-height:1.4;font-weight:500;margin:0 0 14px;overflow-wrap:anywhere}
.meta{font-size:15px;line-height:20px;color:rgba(0,0,0,.3);margin-bottom:22px}
.meta .account{color:#576b95;margin-right:8px}
.meta .author{margin-right:8px}
.content{font-size:17px;line-height:1.6;letter-spacing:.034em;overflow-wrap:break-word}
.content p{margin:0;min-height:1em}
.content h1,.content h2,.content h3,.content h4{margin:.8em 0 .4em;line-height:1.4;font-weight:700}
.content h1{font-size:22px}.content h2{font-size:20px}.content h3{font-size:18px}.content h4{font-size:17px}
.content img{max-width:100%!important;height:auto!important;display:block;margin:8px auto}
.content blockquote{margin:0 0 1em;padding:4px 0 0 10px;border-left:3px solid #dbdbdb;color:rgba(0,0,0,.55)}
.content ul,.content ol{margin:0;padding-left:1.5em}
.content hr{border:0;border-top:1px solid rgba(0,0,0,.1);margin:16px 0}
.content a{color:#576b95;text-decoration:none}
`;

export interface PhonePreviewProps {
  html: string;
  title?: string;
  author?: string;
  accountName?: string;
  coverUrl?: string | null;
  /** Draws the message card (cover and title) above the article, as the chat list shows it. */
  withCard?: boolean;
}

/**
 * The article on a 375 px phone screen, in WeChat's typography. The HTML is drawn in a sandboxed
 * frame without allow-scripts (same origin only, so library images load with the session); the
 * page's CSP applies inside it too.
 */
export function PhonePreview({ html, title, author, accountName, coverUrl, withCard }: PhonePreviewProps) {
  const { t } = useTranslation();
  const doc = useMemo(() => {
    const card = withCard
      ? `<div class="feed"><div class="label">${esc(t('preview.feed'))}</div><div class="card">${
          coverUrl ? `<img class="cover" src="${esc(coverUrl)}" alt="">` : `<div class="cover none">${esc(t('preview.noCover'))}</div>`
        }<div class="t">${esc(title || t('preview.untitled'))}</div></div></div>`
      : '';
    const head =
      title !== undefined
        ? `<h1 class="title">${esc(title || t('preview.untitled'))}</h1><div class="meta">${author ? `<span class="author">${esc(author)}</span>` : ''}${
            accountName ? `<span class="account">${esc(accountName)}</span>` : ''
          }</div>`
        : '';
    return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><base target="_blank"><style>${WECHAT_CSS}</style></head><body>${card}<div class="page">${head}<div class="content" id="js_content">${html}</div></div></body></html>`;
  }, [html, title, author, accountName, coverUrl, withCard, t]);
  return (
    <div
      data-testid="phone-preview"
      style={{
        width: PHONE_WIDTH + 24,
        padding: '28px 12px',
        margin: '0 auto',
        borderRadius: 36,
        background: '#1f1f1f',
        boxShadow: '0 8px 24px rgba(0,0,0,.18)',
      }}
    >
      <iframe
        data-testid="phone-preview-frame"
        title={t('preview.phone')}
        sandbox="allow-same-origin allow-popups"
        srcDoc={doc}
        style={{ width: PHONE_WIDTH, height: PHONE_HEIGHT, border: 'none', display: 'block', borderRadius: 4, background: '#fff' }}
      />
    </div>
  );
}
