// Question and complaint detection: rules over words and punctuation, run on folded text (see
// index.ts: traditional → simplified, full-width ？ → ?, evasive spacing removed).

const CLAUSE_END = '[\\s,.!?;:~…，。！？；：、)）"”\'’]';

/** Asking words and patterns; an A-not-A form (是不是, 能不能, 有没有, 好不好 …) is matched separately. */
const QUESTION_WORDS = [
  '怎么',
  '怎样',
  '怎么办',
  '咋',
  '如何',
  '为什么',
  '为啥',
  '干嘛',
  '什么时候',
  '啥时候',
  '什么',
  '啥',
  '多少',
  '多久',
  '多长时间',
  '几点',
  '几天',
  '哪里',
  '哪儿',
  '哪个',
  '哪些',
  '哪家',
  '请问',
  '求问',
  '想问',
  '问一下',
  '问下',
  '咨询',
  '求推荐',
  '可以吗',
  '行不行',
];
/** "Not asking" contexts: 不知道怎么说, 不管什么, 没什么, 什么都 … are statements. */
const NOT_ASKING = /(不知道|不管|无论|没|没有|不|为)(怎么|什么|啥|如何|多少|哪)|(什么|啥)(都|也)|怎么(也|都)/g;
const QUESTION_RE = new RegExp(`[?]|[吗嘛么呢](?=${CLAUSE_END}|$)|([^不没])[不没]\\1|${QUESTION_WORDS.join('|')}`);

/** Whether the text asks something: a question mark, a final 吗/呢, an A-not-A form, or an asking word. */
export function isQuestion(folded: string): boolean {
  return QUESTION_RE.test(folded.replace(NOT_ASKING, '　'));
}

/**
 * Words of a complaint: a demand (refund, return, compensation), a threat to escalate (投诉,
 * 12315, 曝光, 维权, 起诉 …), an accusation (骗子, 假货, 虚假宣传) or an unresolved service failure
 * (没人管, 不发货, 不给退 …).
 */
const COMPLAINT_WORDS = [
  '投诉',
  '举报',
  '12315',
  '12345',
  '消协',
  '消费者协会',
  '工商',
  '市场监管',
  '黑猫',
  '维权',
  '曝光',
  '起诉',
  '律师函',
  '报警',
  '索赔',
  '赔偿',
  '退款',
  '退钱',
  '退货',
  '差评',
  '骗子',
  '骗钱',
  '骗人',
  '欺诈',
  '诈骗',
  '欺骗',
  '假货',
  '虚假宣传',
  '霸王条款',
  '乱收费',
  '坑人',
  '被坑',
  '没人管',
  '没人理',
  '没人回',
  '不理人',
  '不回复',
  '不处理',
  '不解决',
  '不发货',
  '还没发货',
  '没收到',
  '不给退',
  '拒绝退',
  '给个说法',
  '讨个说法',
  '要个说法',
  '质量问题',
  '食物中毒',
  '吃坏',
  '过期',
  '变质',
  '发霉',
  '异物',
];
/**
 * A complaint word right after one of these is not a complaint: 不用退款, 无需退货, 不想投诉 (没 and
 * 没有 are not among them: 一直没有退款 is a complaint).
 */
const WAIVED = '(不用|不必|无需|没必要|不想|不会|不需要|用不着)';
const COMPLAINT_RE = new RegExp(COMPLAINT_WORDS.join('|'), 'g');
const WAIVED_RE = new RegExp(`${WAIVED}$`);

/** Whether the text complains: a complaint word that is not waived by the words before it. */
export function isComplaint(folded: string): boolean {
  for (const m of folded.matchAll(COMPLAINT_RE)) {
    if (!WAIVED_RE.test(folded.slice(Math.max(0, m.index - 4), m.index))) return true;
  }
  return false;
}
