// Test data for the originality tests: Chinese "articles" made of common words, so two
// unrelated ones share vocabulary (as two posts on one subject do) but not passages.

const WORDS =
  '我们 你们 他们 今天 明天 时候 因为 所以 但是 如果 已经 还是 可以 需要 应该 非常 一些 这个 那个 什么 怎么 为了 通过 进行 发展 经济 社会 企业 市场 产品 用户 品牌 服务 质量 价格 消费 生活 健康 工作 学习 教育 孩子 家庭 朋友 城市 乡村 旅游 美食 文化 历史 科技 手机 电脑 网络 平台 数据 安全 环境 保护 能源 汽车 交通 天气 春天 夏天 秋天 冬天 早上 晚上 周末 节日 活动 新品 发布 设计 理念 体验 功能 效果 方法 问题 原因 结果 目标 计划 团队 管理 运营 内容 创作 视频 文章 读者 粉丝 关注 分享 评论 点赞 推荐 选择 比较 重要 简单 方便 实惠 专业 精彩 温暖 舒适 清新 自然 传统 现代 未来 过去 现在 世界 中国 地方 国家 政府 政策 研究 专家 医生 老师 学生 公司 员工 客户 合作 机会 挑战 变化 趋势 行业 领域 资源 投资 成本 利润 收入 增长 规模 速度 效率 标准 规则 系统 工具 技术 创新 改进 提升 优化 解决 完成 开始 结束 继续 坚持 努力 希望 相信 喜欢 觉得 知道 看到 听到 发现 感受 认为 表示 指出 提出 强调 介绍 说明 了解 掌握 使用 购买 销售 提供 支持 帮助 参与 组织 举办 邀请 欢迎 感谢 祝福 快乐 幸福 成功 失败 困难 压力 机遇 梦想 故事 经验 知识 能力 习惯 态度 心情 时间 空间 距离 方向 道路 山水 风景 海边 森林 花园 咖啡 茶叶 水果 蔬菜 早餐 午餐 晚餐 厨房 客厅 房间 窗户 阳光 雨水 风雪 温度 季节'.split(
    ' ',
  );

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r: () => number): string {
  const n = 6 + Math.floor(r() * 7);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += WORDS[Math.floor(r() * WORDS.length)];
    if (i === Math.floor(n / 2)) s += '，';
  }
  return `${s}。`;
}

/** Sentences adding up to at least `chars` characters. */
export function articleSentences(seed: number, chars = 2000): string[] {
  const r = rng(seed);
  const out: string[] = [];
  let len = 0;
  while (len < chars) {
    const s = sentence(r);
    out.push(s);
    len += s.length;
  }
  return out;
}

/**
 * The same article with `fraction` of its sentences touched: half of them rewritten (new words),
 * the other half moved elsewhere. Returns the sentences and the indices left untouched.
 */
export function nearDuplicate(sentences: string[], seed: number, fraction = 0.1): { sentences: string[]; untouched: Set<number> } {
  const r = rng(seed);
  const touched = new Set<number>();
  const k = Math.max(2, Math.round(sentences.length * fraction));
  while (touched.size < k) touched.add(Math.floor(r() * sentences.length));
  const list = [...touched];
  const rewrite = new Set(list.slice(0, Math.ceil(k / 2)));
  const move = list.slice(Math.ceil(k / 2));
  const out = sentences.map((s, i) => (rewrite.has(i) ? sentence(r) : s));
  const moved = move.sort((a, b) => b - a).map((i) => out.splice(i, 1)[0]);
  for (const s of moved) out.splice(Math.floor(r() * out.length), 0, s);
  const untouched = new Set(sentences.map((_, i) => i).filter((i) => !touched.has(i)));
  return { sentences: out, untouched };
}

export const toHtml = (sentences: string[]) =>
  sentences
    .reduce<string[]>((paras, s, i) => {
      if (i % 5 === 0) paras.push('');
      paras[paras.length - 1] += s;
      return paras;
    }, [])
    .map((p) => `<p>${p}</p>`)
    .join('');
