// The XML of the job-finish events, field for field as the doc's examples and the answers quoted
// on the developer forum show them: PUBLISHJOBFINISH (freepublish) and MASSSENDJOBFINISH (群发).
import type { App, MassJob, Publish } from './state';

export function cdata(v: string): string {
  return `<![CDATA[${v.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function head(app: App, createTime: number, event: string): string {
  return [
    `<ToUserName>${cdata(app.ghid)}</ToUserName>`,
    `<FromUserName>${cdata(app.helperOpenid)}</FromUserName>`,
    `<CreateTime>${createTime}</CreateTime>`,
    `<MsgType>${cdata('event')}</MsgType>`,
    `<Event>${cdata(event)}</Event>`,
  ].join('\n');
}

/** fail_idx names the failed articles for these statuses (as freepublish/get answers them). */
const WITH_FAIL_IDX = new Set([2, 3, 4, 6]);

export function publishJobFinishXml(app: App, p: Publish, createTime: number): string {
  const info = [`<publish_id>${p.publishId}</publish_id>`, `<publish_status>${p.finalStatus}</publish_status>`];
  if (p.finalStatus === 0) {
    info.push(`<article_id>${cdata(p.articleId)}</article_id>`);
    const items = p.articleUrls.map((url, i) => `<item>\n<idx>${i + 1}</idx>\n<article_url>${cdata(url)}</article_url>\n</item>`);
    info.push(`<article_detail>\n<count>${p.articles.length}</count>\n${items.join('\n')}\n</article_detail>`);
  } else if (p.finalStatus === 5 || p.finalStatus === 6) {
    info.push(`<article_id>${cdata(p.articleId)}</article_id>`);
  }
  if (WITH_FAIL_IDX.has(p.finalStatus)) for (const idx of p.failIdx) info.push(`<fail_idx>${idx}</fail_idx>`);
  return `<xml>\n${head(app, createTime, 'PUBLISHJOBFINISH')}\n<PublishEventInfo>\n${info.join('\n')}\n</PublishEventInfo>\n</xml>`;
}

/** Status and counts of a finished mass send, as the push reports them. */
export function massResult(job: MassJob) {
  const n = job.totalCount;
  if (job.finalStatus === 'SEND_SUCCESS') return { status: 'send success', total: n, filter: n, sent: n, error: 0 };
  if (job.errReason !== undefined) return { status: `err(${job.errReason})`, total: n, filter: 0, sent: 0, error: 0 };
  return { status: 'send fail', total: n, filter: n, sent: 0, error: n };
}

export function massJobFinishXml(app: App, job: MassJob, createTime: number): string {
  const r = massResult(job);
  const urls = r.status === 'send success' ? job.articleUrls : [];
  const items = urls.map((url, i) => `<item><ArticleIdx>${i + 1}</ArticleIdx>\n<ArticleUrl>${cdata(url)}</ArticleUrl>\n</item>`);
  return [
    '<xml>',
    head(app, createTime, 'MASSSENDJOBFINISH'),
    `<MsgID>${job.msgId}</MsgID>`,
    `<Status>${cdata(r.status)}</Status>`,
    `<TotalCount>${r.total}</TotalCount>`,
    `<FilterCount>${r.filter}</FilterCount>`,
    `<SentCount>${r.sent}</SentCount>`,
    `<ErrorCount>${r.error}</ErrorCount>`,
    '<CopyrightCheckResult><Count>0</Count>\n<ResultList></ResultList>\n<CheckState>1</CheckState>\n</CopyrightCheckResult>',
    `<ArticleUrlResult><Count>${urls.length}</Count>\n<ResultList>${items.join('\n')}</ResultList>\n</ArticleUrlResult>`,
    '</xml>',
  ].join('\n');
}
