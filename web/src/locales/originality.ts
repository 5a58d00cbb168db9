import type { Dict } from './index';

export const originality: Dict = {
  'originality.title': ['原创度检查', 'Originality'],
  'originality.check': ['检查原创度', 'Check originality'],
  'originality.recheck': ['按当前内容重新检查', 'Check the current text'],
  'originality.hint': [
    '与本工作区的历史文章逐段比对（含草稿），找出高度相似的旧文',
    "Compares the text with this workspace's past posts (drafts included) and finds near-duplicates",
  ],
  'originality.savedBasis': ['结果基于已保存的版本；有未保存的修改时请重新检查', 'Based on the saved version; check again to include unsaved changes'],
  'originality.maxSimilarity': ['最高相似度', 'Highest similarity'],
  'originality.threshold': ['提醒阈值', 'Warning threshold'],
  'originality.editThreshold': ['修改阈值', 'Change threshold'],
  'originality.thresholdHint': [
    '相似度达到此值时提醒（30%–100%），对全工作区生效',
    'Warn at or above this similarity (30%–100%); applies to the whole workspace',
  ],
  'originality.thresholdSaved': ['阈值已保存', 'Threshold saved'],
  'originality.warn': [
    '与旧文「{{title}}」相似度 {{pct}}%，已达到提醒阈值 {{threshold}}%。发布前请确认不是重复发布。',
    'This is {{pct}}% similar to the past post "{{title}}", at or above the {{threshold}}% threshold. Make sure it is not a repeat before publishing.',
  ],
  'originality.claimWarn': [
    '在微信公众号声明「原创」时，与已发布内容高度重复的文章可能被驳回或取消原创标记。',
    'Claiming 原创 (original) on WeChat for a near-duplicate of published content risks rejection or losing the original mark.',
  ],
  'originality.workflowWarn': ['提交/排期时的原创度提醒', 'Originality warning on submit / schedule'],
  'originality.workflowWarnText': [
    '该稿件与 {{count}} 篇旧文高度相似（最高 {{pct}}%）：{{titles}}',
    'This post is a near-duplicate of {{count}} past post(s) (up to {{pct}}%): {{titles}}',
  ],
  'originality.ok': ['未发现相似的旧文', 'No similar past post found'],
  'originality.belowThreshold': ['相似旧文均未达到提醒阈值', 'No similar past post reaches the warning threshold'],
  'originality.tooShort': ['正文太短（少于 20 个字或词），暂不判断原创度', 'Too short to judge (under 20 characters or words)'],
  'originality.pending': [
    '还有 {{count}} 篇旧文章正在建立索引，稍后再查结果会更完整',
    '{{count}} older posts are still being indexed; check again later for complete results',
  ],
  'originality.empty': ['没有相似的旧文章', 'No similar past posts'],
  'originality.similarity': ['相似度', 'Similarity'],
  'originality.coverage': ['本稿 {{pct}}% 的文字与其重合', '{{pct}}% of this text overlaps it'],
  'originality.publishedAt': ['发布于 {{at}}', 'Published {{at}}'],
  'originality.updatedAt': ['更新于 {{at}}', 'Updated {{at}}'],
  'originality.compare': ['对比', 'Compare'],
  'originality.compareTitle': ['重合段落对比：{{title}}（相似度 {{pct}}%）', 'Overlapping passages: {{title}} ({{pct}}% similar)'],
  'originality.thisDraft': ['当前稿件', 'This draft'],
  'originality.pastPost': ['旧文', 'Past post'],
  'originality.passages': [
    '{{count}} 处重合段落，点击高亮处可跳到另一侧对应位置',
    '{{count}} overlapping passages; click a highlight to jump to it on the other side',
  ],
  'originality.open': ['打开旧文', 'Open the past post'],
};
