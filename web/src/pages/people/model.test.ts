// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { htmlToText, nextStage, parseQuiz, parseScores, quizToText, textToHtml } from './model';

describe('people page helpers', () => {
  it('walks the stages one step at a time and stops at the end', () => {
    expect(nextStage('applied')).toBe('trial');
    expect(nextStage('offer')).toBe('hired');
    expect(nextStage('hired')).toBeNull();
    expect(nextStage('rejected')).toBeNull();
  });
  it('turns typed text into paragraphs with markup escaped, and back', () => {
    const html = textToHtml('第一段 <b>粗</b>\n\n第二段 & 更多');
    expect(html).toBe('<p>第一段 &lt;b&gt;粗&lt;/b&gt;</p><p>第二段 &amp; 更多</p>');
    expect(htmlToText(html)).toBe('第一段 <b>粗</b>\n第二段 & 更多');
  });
  it('reads a quiz, naming the first bad line', () => {
    expect(parseQuiz('几次？|1|3|1\n哪个？|甲|乙|丙|3')).toEqual({
      questions: [
        { question: '几次？', options: ['1', '3'], answer: 0 },
        { question: '哪个？', options: ['甲', '乙', '丙'], answer: 2 },
      ],
    });
    expect(parseQuiz('好|a|b|1\n坏|a|b|3')).toEqual({ error: 2 });
    expect(parseQuiz('只有一个选项|a|1')).toEqual({ error: 1 });
  });
  it('writes a stored quiz back as the lines it reads from', () => {
    const text = '几次？|1|3|1\n哪个？|甲|乙|丙|3';
    const quiz = parseQuiz(text);
    expect(quizToText('questions' in quiz ? quiz : null)).toBe(text);
    expect(quizToText(null)).toBe('');
  });
  it('reads interview scores 1 to 5', () => {
    expect(parseScores('文字|5\n数据 | 3')).toEqual({ 文字: 5, 数据: 3 });
    expect(parseScores('文字|6')).toBeNull();
    expect(parseScores('')).toBeNull();
  });
});
