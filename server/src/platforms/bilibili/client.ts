// A client of Bilibili's open platform (open.bilibili.com): 服务端视频稿件投递 (video/init →
// part upload on the upload host → video/complete → cover/upload → add-by-utoken), 稿件查询
// (archive/view, archive/viewlist) and 数据 (data/user/stat, data/arc/stat). Every member-host call is
// signed (sign.ts); an access token refused with 127001 is refreshed once through the grant.

import type { CallMeter, Grant, GrantAccess, OAuthApp } from '../adapter';
import { fetchRequester, keepAliveRequester, type Requester } from '../keepalive';
import { TOKEN_INVALID } from './errors';
import { dataOf, exchange } from './http';
import { signedHeaders } from './sign';

export interface BilibiliClientOptions {
  /** The arcopen host (member.bilibili.com). */
  baseUrl: string;
  /** The upload host (openupos.bilivideo.com). */
  uploadBase: string;
  app: OAuthApp;
  grant: GrantAccess;
  meter: CallMeter;
  timeoutMs: number;
  request?: Requester;
  fetch?: typeof fetch;
}

interface CallSpec {
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  json?: Record<string, unknown>;
  form?: () => FormData;
  idempotent: boolean;
  beforeSend?: () => Promise<boolean>;
}

/** 8 MB, the part size of the docs' chunked upload (文件分片上传). */
export const PART_SIZE = 8 * 1024 * 1024;

export interface ArchiveItem {
  resourceId: string;
  title: string;
  desc: string;
  ctime: number;
  state: number;
  stateDesc: string;
  rejectReason: string;
  shareUrl: string | null;
}

export class BilibiliClient {
  private readonly request: Requester;
  private readonly fetcher: typeof fetch;

  constructor(private readonly o: BilibiliClientOptions) {
    this.request = o.request ?? keepAliveRequester;
    this.fetcher = o.fetch ?? ((...a) => globalThis.fetch(...a));
  }

  async current(): Promise<Grant> {
    return this.o.grant.current();
  }

  /** A signed arcopen call; 127001 refreshes the token once and repeats the call. */
  async call(path: string, spec: CallSpec): Promise<Record<string, unknown>> {
    let grant = await this.o.grant.current();
    for (let attempt = 0; ; attempt++) {
      this.o.meter.take(path);
      const body = spec.json ? JSON.stringify(spec.json) : '';
      const headers = signedHeaders({ clientId: this.o.app.clientId, clientSecret: this.o.app.clientSecret, accessToken: grant.accessToken, body });
      if (spec.json || !spec.form) headers['Content-Type'] = 'application/json';
      const qs = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
      const env = await exchange({
        url: `${this.o.baseUrl}${path}${qs}`,
        path,
        init: {
          method: spec.method,
          headers,
          body: spec.form ? spec.form() : body,
          ...(spec.beforeSend && { beforeSend: spec.beforeSend }),
        },
        idempotent: spec.idempotent,
        timeoutMs: this.o.timeoutMs,
        request: spec.form ? fetchRequester(this.fetcher) : this.request,
      });
      if (env.code === TOKEN_INVALID && attempt === 0) {
        grant = await this.o.grant.refreshed(grant);
        continue;
      }
      return dataOf(path, env);
    }
  }

  async accountInfo(): Promise<{ openid: string; name: string }> {
    const d = await this.call('/arcopen/fn/user/account/info', { method: 'GET', idempotent: true });
    return { openid: String(d.openid ?? ''), name: String(d.name ?? '') };
  }

  /** 文件上传预处理: utype 0 = chunked (分片), 1 = one small file (≤100 MB). */
  async uploadInit(name: string, utype: '0' | '1'): Promise<string> {
    const d = await this.call('/arcopen/fn/archive/video/init', { method: 'POST', json: { name, utype }, idempotent: true });
    const token = typeof d.upload_token === 'string' ? d.upload_token : '';
    if (!token) throw new Error('Bilibili video/init answered no upload_token');
    return token;
  }

  /** 文件分片上传: the raw bytes of part `partNumber` (from 1) to the upload host; not signed. */
  async uploadPart(uploadToken: string, partNumber: number, chunk: Buffer): Promise<void> {
    const path = '/video/v2/part/upload';
    this.o.meter.take(path);
    const qs = new URLSearchParams({ upload_token: uploadToken, part_number: String(partNumber) });
    const f = this.fetcher;
    const env = await exchange({
      url: `${this.o.uploadBase}${path}?${qs}`,
      path,
      init: { method: 'POST', body: '' },
      idempotent: true,
      timeoutMs: Math.max(this.o.timeoutMs, 60_000),
      request: async (url, init) => {
        const res = await f(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(chunk), signal: init.signal });
        return { status: res.status, header: (n) => res.headers.get(n), text: await res.text() };
      },
    });
    dataOf(path, env);
  }

  /** 文件分片合片. */
  async uploadComplete(uploadToken: string): Promise<void> {
    await this.call('/arcopen/fn/archive/video/complete', { method: 'POST', query: { upload_token: uploadToken }, idempotent: true });
  }

  /** 封面上传 (multipart `file`): the cover's URL for add-by-utoken. */
  async uploadCover(file: { data: Buffer; filename: string; contentType: string }): Promise<string> {
    const d = await this.call('/arcopen/fn/archive/cover/upload', {
      method: 'POST',
      idempotent: true,
      form: () => {
        const fd = new FormData();
        fd.append('file', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
        return fd;
      },
    });
    const url = typeof d.url === 'string' ? d.url : '';
    if (!url) throw new Error('Bilibili cover/upload answered no url');
    return url;
  }

  /** 视频稿件提交: the archive's resource_id (BV id). Not idempotent. */
  async addByUtoken(uploadToken: string, archive: Record<string, unknown>, beforeSend?: () => Promise<boolean>): Promise<string> {
    const d = await this.call('/arcopen/fn/archive/add-by-utoken', {
      method: 'POST',
      query: { upload_token: uploadToken },
      json: archive,
      idempotent: false,
      ...(beforeSend && { beforeSend }),
    });
    return String(d.resource_id ?? '');
  }

  async view(resourceId: string): Promise<ArchiveItem> {
    return archiveItem(await this.call('/arcopen/fn/archive/view', { method: 'GET', query: { resource_id: resourceId }, idempotent: true }));
  }

  /** 查询用户视频稿件列表, newest first (ps at most 50). */
  async viewList(pn: number, ps: number): Promise<{ list: ArchiveItem[]; total: number }> {
    const d = await this.call('/arcopen/fn/archive/viewlist', { method: 'GET', query: { pn: String(pn), ps: String(ps), status: 'all' }, idempotent: true });
    const list = Array.isArray(d.list) ? (d.list as Record<string, unknown>[]).map(archiveItem) : [];
    const page = (d.page ?? {}) as Record<string, unknown>;
    return { list, total: Number(page.total ?? list.length) };
  }

  /** 获取用户数据 (USER_DATA): the member's counts now (ArtisanCloud/MediaX data/schema/getUserStat.go). */
  async userStat(): Promise<{ following: number | null; follower: number | null; arcPassedTotal: number | null }> {
    const d = await this.call('/arcopen/fn/data/user/stat', { method: 'GET', idempotent: true });
    return { following: figureOf(d.following), follower: figureOf(d.follower), arcPassedTotal: figureOf(d.arc_passed_total) };
  }

  /** 获取单个稿件数据 (ARC_DATA): an archive's running totals (ArtisanCloud/MediaX data/schema/getVideoStat.go). */
  async arcStat(resourceId: string): Promise<Record<(typeof ARC_STAT_FIELDS)[number], number | null>> {
    const d = await this.call('/arcopen/fn/data/arc/stat', { method: 'GET', query: { resource_id: resourceId }, idempotent: true });
    return Object.fromEntries(ARC_STAT_FIELDS.map((k) => [k, figureOf(d[k])])) as Record<(typeof ARC_STAT_FIELDS)[number], number | null>;
  }
}

const ARC_STAT_FIELDS = ['view', 'danmaku', 'reply', 'favorite', 'coin', 'share', 'like'] as const;

/** A count as answered (number or digit string); absent or anything else is unknown, never 0. */
function figureOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : null;
}

function archiveItem(d: Record<string, unknown>): ArchiveItem {
  const addit = (d.addit_info ?? {}) as Record<string, unknown>;
  const video = (d.video_info ?? {}) as Record<string, unknown>;
  return {
    resourceId: String(d.resource_id ?? ''),
    title: String(d.title ?? ''),
    desc: String(d.desc ?? ''),
    ctime: Number(d.ctime ?? 0),
    state: Number(addit.state ?? Number.NaN),
    stateDesc: String(addit.state_desc ?? ''),
    rejectReason: String(addit.reject_reason ?? ''),
    shareUrl: typeof video.share_url === 'string' && video.share_url ? video.share_url : null,
  };
}
