import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../server/src/modules/risk/html';
import { domText, locate, type NodeLike, segments } from './riskText';

// A tiny DOM: el('P', txt('a'), el('B', txt('b'))).
const txt = (data: string): NodeLike => ({ nodeType: 3, nodeName: '#text', data, childNodes: [] });
const el = (name: string, ...kids: NodeLike[]): NodeLike => ({ nodeType: 1, nodeName: name, childNodes: kids });

describe('domText follows the server rules, so offsets agree', () => {
  it('matches htmlToText on the same structure', () => {
    const cases: [string, NodeLike][] = [
      ['<p>国<b>家</b>级</p>', el('DIV', el('P', txt('国'), el('B', txt('家')), txt('级')))],
      [
        '<h2>标题</h2>\n  <p>一<br>二</p><p></p><p>三\n四</p>',
        el('DIV', el('H2', txt('标题')), txt('\n  '), el('P', txt('一'), el('BR'), txt('二')), el('P'), el('P', txt('三\n四'))),
      ],
      ['<p>前</p><style>p{}</style><p>后</p>', el('DIV', el('P', txt('前')), el('STYLE', txt('p{}')), el('P', txt('后')))],
    ];
    for (const [html, dom] of cases) expect(domText(dom).text).toBe(htmlToText(html));
  });

  it('records where each text node starts', () => {
    const a = txt('今日');
    const b = txt('内部');
    const c = txt('价');
    const d = domText(el('DIV', el('P', a), el('P', b, el('B', c))));
    expect(d.text).toBe('今日\n内部价');
    expect(d.pieces.map((p) => [p.node, p.start])).toEqual([
      [a, 0],
      [b, 3],
      [c, 5],
    ]);
  });
});

describe('marking findings', () => {
  it('cuts the text into runs, block winning over warn where they overlap', () => {
    const runs = segments('最佳内部价格', [
      { start: 0, end: 2, match: '最佳', action: 'warn' },
      { start: 2, end: 5, match: '内部价', action: 'block' },
      { start: 4, end: 6, match: '价格', action: 'warn' },
    ]);
    expect(runs).toEqual([
      { text: '最佳', at: 0, action: 'warn' },
      { text: '内部价', at: 2, action: 'block' },
      { text: '格', at: 5, action: 'warn' },
    ]);
  });

  it('finds a match again when the text moved since the screen', () => {
    expect(locate('新的开头：内部价', { start: 0, end: 3, match: '内部价', action: 'block' })).toEqual([5, 8]);
    expect(locate('已删掉', { start: 0, end: 3, match: '内部价', action: 'block' })).toBeNull();
    expect(locate('x', { start: null, end: null, match: null, action: 'warn' })).toBeNull();
  });
});
