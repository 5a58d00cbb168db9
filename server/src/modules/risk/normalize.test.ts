import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveFoldTables } from './dictionaries/fold-source';
import { BREAK, INVISIBLE, JUNK, LOOKALIKES, SIGNIFICANT, foldForReading, foldTables, normalizeText } from './normalize';

const kindOf = (ch: string) => foldTables().kind[ch.charCodeAt(0)];

test('full-width and half-width forms fold to one form', () => {
  assert.equal(normalizeText('ＡＢＣｘｙｚ３４６７９'), 'abcxyz34679');
  assert.equal(normalizeText('％'), '%');
  assert.equal(normalizeText('ｱｲｳ'), 'アイウ'); // half-width katakana → full-width
  assert.equal(kindOf('\u3000'), JUNK); // ideographic space is a space
  assert.equal(kindOf('＊'), JUNK);
});

test('letter case folds to lower case, Latin accents are dropped', () => {
  assert.equal(normalizeText('ABCDEFGH'), 'abcdefgh');
  assert.equal(normalizeText('ΣΩ'), 'σω');
  assert.equal(normalizeText('éÖñÇ'), 'eonc');
});

test('traditional characters fold to simplified, char to char', () => {
  assert.equal(normalizeText('國家級最佳產品'), '国家级最佳产品');
  assert.equal(normalizeText('臺灣發髮後'), '台湾发发后');
  // Hong Kong / Taiwan variants that are not themselves simplified characters
  assert.equal(normalizeText('衞枱'), '卫台');
  // Characters of the standard simplified set keep their identity (著名, 什么)
  assert.equal(normalizeText('著名什么'), '著名什么');
  const text = '這個國家級產品';
  assert.equal(normalizeText(text).length, text.length);
});

test('compatibility forms: Kangxi radicals, compatibility ideographs, circled and superscript', () => {
  assert.equal(normalizeText('\u2F08\u2F1C'), '人又'); // ⼈ ⼜
  assert.equal(normalizeText('\uF900'), '岂'); // 豈 (compatibility) → 豈 → 岂
  assert.equal(normalizeText('ⓐⒷ④'), 'ab4');
  assert.equal(normalizeText('x²'), 'xz'); // ² → 2 → z (look-alike)
});

test('look-alike digits and letters fold together (the documented table)', () => {
  assert.equal(normalizeText('0oO'), 'ooo');
  assert.equal(normalizeText('1lIi'), 'llll');
  assert.equal(normalizeText('5sS'), 'sss');
  assert.equal(normalizeText('2zZ8bB'), 'zzzbbb');
  for (const [from, to] of Object.entries(LOOKALIKES)) assert.equal(normalizeText(from), to, from);
  const { digit } = foldTables();
  for (const ch of ['0', '9', '０', '①', '²']) assert.equal(digit[ch.charCodeAt(0)], 1, ch); // written as digits
  for (const ch of ['o', 'l', 'Ｏ', '〇', '一']) assert.equal(digit[ch.charCodeAt(0)], 0, ch);
  assert.equal(normalizeText('АРОС'), 'apoc'); // Cyrillic capitals drawn like Latin ones
  assert.equal(normalizeText('Вт'), 'вт'); // … and only those in the table
});

test('zero-width, format and combining characters are invisible', () => {
  for (const ch of ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u0336', '\u0301', '\uFE0F', '\u3164']) {
    assert.equal(kindOf(ch), INVISIBLE, `U+${ch.charCodeAt(0).toString(16)}`);
  }
  assert.equal(normalizeText('敏\u200B感\u00AD词\u0336'), '敏感词');
});

test('spaces, punctuation and symbols are junk; percent signs are significant', () => {
  for (const ch of [' ', '\t', '*', '.', '-', '_', '·', '!', '，', '。', '、', '~', '|', '/', '★', '♥', '@', '#', '\uE000']) {
    assert.equal(kindOf(ch), JUNK, JSON.stringify(ch));
  }
  for (const ch of ['%', '％', '‰', '‱', 'a', '7', '中', 'ア']) assert.equal(kindOf(ch), SIGNIFICANT, ch);
  assert.equal(normalizeText('敏 * 感。词'), '敏感词');
  assert.equal(normalizeText('100％'), 'loo%');
});

test('line breaks are breaks; an emoji counts as one junk character', () => {
  for (const ch of ['\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029']) assert.equal(kindOf(ch), BREAK);
  assert.equal(kindOf('\uD83D'), JUNK); // high surrogate
  assert.equal(kindOf('\uDD25'), INVISIBLE); // low surrogate
});

test('folding is idempotent and stays within significant characters over the whole BMP', () => {
  const { fold, kind } = foldTables();
  for (let c = 0; c < 0x10000; c++) {
    if (kind[c] !== SIGNIFICANT) continue;
    const f = fold[c];
    if (kind[f] !== SIGNIFICANT || fold[f] !== f) assert.fail(`U+${c.toString(16)} folds to U+${f.toString(16)}, which folds again`);
  }
});

test('the committed folding tables equal their derivation from the rules', () => {
  const derived = deriveFoldTables();
  const loaded = foldTables();
  const firstDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.prototype.findIndex.call(a, (v: number, i: number) => v !== b[i]);
  const hint = 'regenerate with: npx tsx server/src/modules/risk/dictionaries/generate.ts';
  assert.equal(firstDiff(derived.fold, loaded.fold), -1, `fold differs; ${hint}`);
  assert.equal(firstDiff(derived.kind, loaded.kind), -1, `kind differs; ${hint}`);
  assert.equal(firstDiff(derived.digit, loaded.digit), -1, `digit differs; ${hint}`);
});

test('foldForReading folds like the screener but keeps punctuation, digits, emoji and Latin spacing', () => {
  assert.equal(foldForReading('質量太差了，非常失望！'), '质量太差了,非常失望!');
  assert.equal(foldForReading('ＹＹＤＳ👍'), 'yyds👍');
  assert.equal(foldForReading('打１２３１５投訴'), '打12315投诉', 'digits stay digits');
  assert.equal(foldForReading('不\u200B好'), '不好', 'invisible characters are dropped');
  assert.equal(foldForReading('very good 好'), 'very good 好');
  assert.equal(foldForReading('真是太"好"了'), '真是太"好"了', 'quotes are kept');
});

test('foldForReading removes the evasive fillers of the gap rule between ideographs, no more', () => {
  assert.equal(foldForReading('垃 圾'), '垃圾');
  assert.equal(foldForReading('垃*圾'), '垃圾');
  assert.equal(foldForReading('维.权'), '维权');
  assert.equal(foldForReading('我 要 投 诉'), '我要投诉');
  assert.equal(foldForReading('垃****圾'), '垃****圾', 'more than MAX_GAP fillers are kept');
  assert.equal(foldForReading('好，差'), '好,差', 'clause punctuation is not a filler');
  assert.equal(foldForReading('好开心~下次来'), '好开心~下次来');
});
