// Derives the character-to-character traditional → simplified table from opencc-js.
// Used by generate.ts (which writes t2s-data.ts) and by t2s.test.ts (which checks that the
// committed table still equals what the installed opencc-js produces). Not loaded at run time:
// loading opencc-js and converting every character costs ~250 ms, the generated table ~1 ms.
import * as OpenCC from 'opencc-js/t2cn';

type Convert = (text: string) => string;

/** Every character of GB2312 (the standard simplified set), decoded with the WHATWG GBK decoder. */
export function gb2312Chars(): Set<string> {
  const bytes: number[] = [];
  for (let row = 0xa1; row <= 0xf7; row++) for (let col = 0xa1; col <= 0xfe; col++) bytes.push(row, col);
  return new Set(new TextDecoder('gbk').decode(new Uint8Array(bytes)));
}

/**
 * Pairs [traditional, simplified], one BMP code unit each, sorted by code point.
 * Rule: OpenCC's standard traditional → simplified conversion ('t' → 'cn') applied to each
 * character alone (no phrase context, so offsets stay char-to-char); Taiwan and Hong Kong
 * variants ('tw', 'hk' → 'cn') are added only for characters that are not themselves standard
 * simplified characters (not in GB2312), so that e.g. 著 (著名) or 么 (什么) are never rewritten.
 * Chains (薴 → 苧 → 苎) are followed to their end so the table is idempotent.
 */
export function deriveT2sPairs(): [string, string][] {
  const mod = ((OpenCC as unknown as { default?: typeof OpenCC }).default ?? OpenCC) as {
    Converter(o: { from: string; to: string }): Convert;
  };
  const chars: string[] = [];
  for (let c = 0x2e80; c <= 0xffff; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
  const joined = chars.join('\n');
  const convert = (from: string) => mod.Converter({ from, to: 'cn' })(joined).split('\n');
  const std = convert('t');
  const variants = [convert('tw'), convert('hk')];
  const simplified = gb2312Chars();
  const map = new Map<string, string>();
  chars.forEach((ch, i) => {
    let out = std[i];
    if (out === ch && !simplified.has(ch)) out = variants.map((v) => v[i]).find((v) => v !== ch) ?? ch;
    if (out !== ch && out.length === 1) map.set(ch, out);
  });
  for (const [from, to] of map) {
    let end = to;
    for (let hops = 0; map.has(end) && hops < 4; hops++) end = map.get(end) as string;
    map.set(from, end);
  }
  return [...map].filter(([a, b]) => a !== b).sort((x, y) => x[0].charCodeAt(0) - y[0].charCodeAt(0));
}
