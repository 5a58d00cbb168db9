import { useMemo } from 'react';

const BASE_STYLE =
  'body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.75;color:#333;margin:12px 16px;font-size:15px}img{max-width:100%;height:auto}blockquote{border-left:3px solid #ddd;margin:0;padding-left:12px;color:#666}';

/** Post HTML in a sandboxed frame: no scripts may run (same origin only so media images load with the session). */
export function HtmlPreview({ html, minHeight = 300, title }: { html: string; minHeight?: number; title?: string }) {
  const doc = useMemo(
    () => `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>${BASE_STYLE}</style></head><body>${html}</body></html>`,
    [html],
  );
  return (
    <iframe
      title={title ?? 'preview'}
      sandbox="allow-same-origin allow-popups"
      srcDoc={doc}
      style={{ width: '100%', minHeight, border: 'none', display: 'block' }}
    />
  );
}
