// Documented Douyin answers for the contract tests (client.test.ts), each naming its source:
// [DYD] developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/… (official pages);
// [DYO] open.douyin.com/platform/resource/docs/openapi/… (the older official pages);
// [DG] zhangshuai/douyin-go video.go, res.go (the SDK's response structs: field names and nesting; values ours).

// [DYD] account-permission/get-access-token, 正常响应示例. The stored excerpt ends at open_id; the
// other fields (refresh_expires_in, refresh_token, scope) are the page's response fields as listed in
// API-REFERENCE.md §3, with our values.
export const DOC_ACCESS_TOKEN = {
  data: {
    access_token: 'act.f7094fbffab2ecbfc45e9af9c32bc241oYdckvBKe82BPx8T******',
    captcha: '',
    desc_url: '',
    description: '',
    error_code: 0,
    expires_in: 1296000,
    log_id: '20230525105733ED3ED7AC56A******',
    open_id: 'b9b71865-7fea-44cc-****',
    refresh_expires_in: 2592000,
    refresh_token: 'rft.a736b70544519999a623d67******',
    scope: 'user_info,video.create.bind',
  },
  message: 'success',
};
// [DYD] account-permission/refresh-access-token, 正常响应示例 (as printed: lifetimes as strings).
export const DOC_REFRESH = {
  data: {
    access_token: 'access_token',
    description: '',
    error_code: 0,
    expires_in: '86400',
    open_id: 'SuQB*******KN5f',
    refresh_expires_in: '86400',
    refresh_token: 'refresh_token',
    scope: 'user_info',
  },
  message: 'success',
};
// [DYD] account-permission/refresh-token (renew_refresh_token), 正常响应示例.
export const DOC_RENEW = { data: { description: '', error_code: 0, expires_in: '86400', refresh_token: 'refresh_token' }, message: 'success' };
// [DYD] refresh-token 错误码 table (10020 超过刷新次数限制, 10010 refresh_token 过期), in the envelope above.
export const oauthErr = (code: number, description: string) => ({ data: { description, error_code: code }, message: 'error' });
// [DYO] video-management/douyin/create/upload/, 响应样例 and 响应错误样例.
export const DOC_UPLOAD = {
  data: { error_code: 0, description: '', video: { video_id: 'v0200f450000bn8c6aa0ifki8fikg1b0', width: 720, height: 1280 } },
  extra: { error_code: 0, description: '', sub_error_code: 0, sub_description: '', logid: '202008121419360101980821035705926A', now: 1597213176393 },
};
export const DOC_UPLOAD_ERROR = {
  data: { error_code: 2100005, description: 'Parameter error' },
  extra: {
    error_code: 2100005,
    description: 'Parameter error',
    sub_error_code: 0,
    sub_description: '',
    now: 1594015876138,
    log_id: '2020070614111601022506808001045D59',
  },
};
// A live answer quoted on developer.open-douyin.com/forum/question/post/67e69d43d07789b36c2c8553 (2025-03, video_list).
export const LIVE_OFFLINE = {
  data: { error_code: 28001056, description: '该能力API已下线,不再支持调用' },
  extra: {
    error_code: 28001056,
    description: '该能力API已下线,不再支持调用',
    sub_error_code: 0,
    sub_description: '该能力API已下线,不再支持调用',
    logid: '2025032420250656CC2F059B7A270851DF',
    now: 1742819107043,
  },
};
export const EXTRA = DOC_UPLOAD.extra;
/** A success in the envelope of [DG] res.go (DYError in data, DYExtra beside it). */
export const ok = (data: Record<string, unknown>) => ({ data: { error_code: 0, description: '', ...data }, extra: EXTRA });
/** An error of [DYD] openapi/status-code in the same envelope (code in data and in extra). */
export const dyErr = (code: number, description: string) => ({ data: { error_code: code, description }, extra: { ...EXTRA, error_code: code, description } });
// [DG] video.go Video: cover, statistics, title, create_time, is_reviewed, is_top, item_id, share_url, video_status (1 已发布, 2 不适宜公开, 4 审核中).
export const video = (itemId: string, title: string, createTime: number, videoStatus: number) => ({
  cover: 'https://p3.douyinpic.com/c.jpeg',
  statistics: { share_count: 0, comment_count: 0, digg_count: 0, download_count: 0, forward_count: 0, play_count: 0 },
  title,
  create_time: createTime,
  is_reviewed: videoStatus !== 4,
  is_top: false,
  item_id: itemId,
  share_url: `https://www.iesdouyin.com/share/video/${itemId}/`,
  video_status: videoStatus,
});
// [DG] user_data.go DataExternalUser{Fans,Item,Like,Comment,Share}Res and item_data.go
// DataExternalItem{Play,Like,Comment,Share}Res: data.result_list[{date, …}] beside DYError, extra
// DYExtra (field names and nesting; values ours). One count is printed as a string, as
// DOC_REFRESH prints its lifetimes; the comment series lacks a day (null, not 0).
export const DOC_USER_DAYS = {
  fans: ok({
    result_list: [
      { date: '2023-10-07', new_fans: 12, total_fans: 3400 },
      { date: '2023-10-08', new_fans: '9', total_fans: 3409 },
    ],
  }),
  item: ok({
    result_list: [
      { date: '2023-10-07', new_issue: 1, new_play: 5200, total_issue: 88 },
      { date: '2023-10-08', new_issue: 0, new_play: 4100, total_issue: 88 },
    ],
  }),
  like: ok({
    result_list: [
      { date: '2023-10-07', new_like: 260 },
      { date: '2023-10-08', new_like: 190 },
    ],
  }),
  comment: ok({ result_list: [{ date: '2023-10-08', new_comment: 31 }] }),
  share: ok({
    result_list: [
      { date: '2023-10-07', new_share: 8 },
      { date: '2023-10-08', new_share: 5 },
    ],
  }),
};
export const DOC_ITEM_DAYS = {
  play: ok({
    result_list: [
      { date: '2023-10-07', play: 1800 },
      { date: '2023-10-08', play: 700 },
    ],
  }),
  like: ok({
    result_list: [
      { date: '2023-10-07', like: 95 },
      { date: '2023-10-08', like: 40 },
    ],
  }),
  comment: ok({
    result_list: [
      { date: '2023-10-07', comment: 7 },
      { date: '2023-10-08', comment: '3' },
    ],
  }),
  share: ok({ result_list: [{ date: '2023-10-07', share: 2 }, { date: '2023-10-08' }] }),
};
