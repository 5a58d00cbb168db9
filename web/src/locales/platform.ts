import type { Dict } from './index';

/** 发布 vs 群发, the push settings (服务器配置), daily API quotas, resolving unconfirmed submits. */
export const platform: Dict = {
  'delivery.label': ['发布方式', 'Delivery'],
  'delivery.publish': ['发布（不推送）', 'Publish (no push)'],
  'delivery.massSend': ['群发', 'Mass send'],
  'delivery.massToAll': ['群发给全部关注者', 'Mass send to all followers'],
  'delivery.massToTag': ['群发给标签 {{tag}}', 'Mass send to tag {{tag}}'],
  'delivery.allFollowers': ['全部关注者', 'All followers'],
  'delivery.noTags': ['该账号没有用户标签', 'The account has no user tags'],
  'delivery.tagsFailed': ['读取标签失败', 'Could not read the tags'],
  'delivery.publishHint': [
    '发布后文章有链接、可被分享和搜索，但不推送给关注者，不占群发次数。',
    'The article gets a link and can be shared and found, but is not pushed to followers and uses no mass-send allowance.',
  ],
  'delivery.massHint': [
    '推送给关注者（或一个标签下的关注者），占用群发次数。',
    'Pushed to followers (or to those with one tag); uses the mass-send allowance.',
  ],
  'delivery.subscriptionAllowance': ['订阅号每天 1 次。', 'A subscription account: once a day.'],
  'delivery.serviceAllowance': ['服务号每月 4 次。', 'A service account: four times a month.'],

  'platformLink.open': ['推送与配额', 'Push and quotas'],
  'platformLink.title': ['「{{name}}」与平台', '"{{name}}" and its platform'],
  'platformLink.push': ['推送设置', 'Push settings'],
  'platformLink.quota': ['接口配额', 'API quotas'],

  'push.hint': [
    '在公众号后台「设置与开发 → 基本配置 → 服务器配置」填入以下 URL、Token 和 EncodingAESKey，并选择相同的消息加解密方式。配置后发布结果由微信推送，无需反复查询。',
    "In the account's console (Settings & development → Basic configuration → Server configuration) enter this URL, Token and EncodingAESKey and choose the same mode. Publish results then arrive by push instead of polling.",
  ],
  'push.noPublicUrl': [
    '未设置 MEIYUN_PUBLIC_URL：下面只显示路径。微信须能通过 80 或 443 端口访问到媒运，请在前面加上媒运的公网地址。',
    "MEIYUN_PUBLIC_URL is not set, so only the path is shown. WeChat must reach Meiyun on port 80 or 443: put Meiyun's public address in front of it.",
  ],
  'push.url': ['服务器地址 (URL)', 'Server URL'],
  'push.mode': ['消息加解密方式', 'Encryption mode'],
  'push.mode.plain': ['明文模式', 'Plaintext'],
  'push.mode.compat': ['兼容模式', 'Compatible'],
  'push.mode.safe': ['安全模式（推荐）', 'Safe (recommended)'],
  'push.choose': ['选择方式', 'Choose a mode'],
  'push.status': ['状态', 'Status'],
  'push.verified': ['微信已验证 URL（{{at}}）', 'URL checked by WeChat ({{at}})'],
  'push.notVerified': ['尚未收到微信的 URL 验证', 'WeChat has not checked the URL yet'],
  'push.lastEvent': ['最近推送 {{at}}', 'Last push {{at}}'],
  'push.generate': ['生成 Token 和 EncodingAESKey', 'Generate the Token and EncodingAESKey'],
  'push.regenerate': ['重新生成', 'Generate new ones'],
  'push.regenerateConfirm': [
    '重新生成后须在公众号后台填入新的值，否则推送会失败。继续？',
    'The console must then be given the new values, or pushes fail. Go on?',
  ],
  'push.saved': ['推送设置已保存', 'Push settings saved'],

  'quota.hint': [
    '{{day}}（{{tz}}）的调用量，按媒运自己的计数；状态查询不会用光配额。',
    "Calls on {{day}} ({{tz}}), by Meiyun's own count; status queries never use a quota up.",
  ],
  'quota.api': ['接口', 'API'],
  'quota.used': ['今日已用', 'Used today'],
  'quota.limit': ['日限额', 'Daily limit'],
  'quota.default': ['默认', 'Default'],
  'quota.saved': ['限额已保存', 'Limits saved'],
  'quota.clear': ['清零平台调用次数', "Reset the platform's counts"],
  'quota.clearConfirm': ['微信每月只允许清零 10 次（含公众号后台的清零）。确定现在清零？', 'WeChat allows 10 resets a month (console included). Reset now?'],
  'quota.cleared': ['已清零', 'Reset'],

  'publications.resolveTitle': ['需要人工核对', 'A person needs to check'],
  'publications.resolveHint': [
    '提交后没能在平台上确认这篇文章。请到公众号后台查看：已发出的，标记为已发布（可附文章链接）；确认没有发出的，可重新发送一次。',
    'The submit could not be confirmed on the platform. Check the account: if the article is there, mark it published (with its link); if you are sure it is not, send it again, once.',
  ],
  'publications.resolveUrl': ['文章链接（可选）https://mp.weixin.qq.com/s/…', 'Article link (optional) https://mp.weixin.qq.com/s/…'],
  'publications.resolvePublished': ['标记为已发布', 'Mark published'],
  'publications.resolveResend': ['确认未发出，重新发送', 'Not sent: send it again'],
  'publications.resolveResendConfirm': ['确定平台上没有这篇文章？确认后会再发送一次。', 'Sure it is not on the platform? It is then sent once more.'],
  'publications.resolvedPublished': ['已标记为已发布', 'Marked published'],
  'publications.resolvedResend': ['已重新排队发送', 'Queued to send again'],
};
