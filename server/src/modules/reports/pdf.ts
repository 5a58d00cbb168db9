// The report as a PDF drawn with pdfkit and Noto Sans SC from npm (OFL; subset-embedded, so the
// file holds only the glyphs it uses): no browser and no system fonts needed to render Chinese.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ReportData, ReportFinding } from '../../../../contract/reports';
import { formatLabel, INTERACTIONS_DEFINITION, KPI_LABEL, NOT_CONNECTED, scopeName, showChange, showValue, titleOf } from './labels';

const require = createRequire(import.meta.url);
let fontCache: Buffer | null = null;
const font = () => (fontCache ??= readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));

const M = 40;
const W = 595.28 - 2 * M;
const BOTTOM = 841.89 - M;
const INK = '#1f1f1f';
const MUTED = '#666666';
const ACCENT = '#1677ff';

type Doc = InstanceType<typeof PDFDocument>;

function ensure(doc: Doc, h: number) {
  if (doc.y + h > BOTTOM) doc.addPage();
}

function heading(doc: Doc, zh: string, en: string) {
  ensure(doc, 40);
  doc.moveDown(0.6).fillColor(INK).fontSize(13).text(`${zh}  `, M, doc.y, { continued: true }).fillColor(MUTED).fontSize(9).text(en);
  doc.moveDown(0.3);
}

function table(doc: Doc, widths: number[], head: string[], rows: string[][], align: ('left' | 'right')[]) {
  const h = 16;
  const draw = (cells: string[], bold: boolean) => {
    ensure(doc, h);
    const y = doc.y;
    if (bold) doc.rect(M, y - 2, W, h).fill('#f0f5ff');
    let x = M;
    cells.forEach((c, i) => {
      doc
        .fillColor(bold ? INK : '#333333')
        .fontSize(bold ? 8.5 : 8)
        .text(c, x + 3, y + 1, { width: widths[i] - 6, height: h, lineBreak: false, ellipsis: true, align: align[i] });
      x += widths[i];
    });
    doc
      .moveTo(M, y + h - 2)
      .lineTo(M + W, y + h - 2)
      .lineWidth(0.3)
      .strokeColor('#d9d9d9')
      .stroke();
    doc.x = M;
    doc.y = y + h;
  };
  draw(head, true);
  for (const r of rows) draw(r, false);
}

/** Daily net follower growth as bars, with the follower total as a line on its own scale. */
function growthChart(doc: Doc, d: ReportData) {
  const days = d.growth;
  if (!days.length) {
    doc.fontSize(9).fillColor(MUTED).text('本期没有粉丝数据 / No follower figures for this period');
    return;
  }
  const h = 120;
  ensure(doc, h + 30);
  const top = doc.y + 6;
  const base = top + h;
  const nets = days.map((g) => g.net ?? 0);
  const max = Math.max(1, ...nets.map(Math.abs));
  const hasNeg = nets.some((v) => v < 0);
  const zero = hasNeg ? top + h / 2 : base;
  const scale = (hasNeg ? h / 2 : h) / max;
  const step = W / days.length;
  doc
    .moveTo(M, zero)
    .lineTo(M + W, zero)
    .lineWidth(0.5)
    .strokeColor('#bfbfbf')
    .stroke();
  days.forEach((g, i) => {
    const v = g.net ?? 0;
    const bh = Math.abs(v) * scale;
    doc.rect(M + i * step + step * 0.2, v >= 0 ? zero - bh : zero, step * 0.6, Math.max(bh, 0.5)).fill(v >= 0 ? ACCENT : '#ff4d4f');
  });
  const totals = days.map((g) => g.followers).filter((v): v is number => v != null);
  if (totals.length > 1) {
    const lo = Math.min(...totals);
    const hi = Math.max(...totals);
    const y = (v: number) => top + 4 + (h - 8) * (1 - (hi === lo ? 0.5 : (v - lo) / (hi - lo)));
    let started = false;
    days.forEach((g, i) => {
      if (g.followers == null) return;
      const x = M + i * step + step / 2;
      if (started) doc.lineTo(x, y(g.followers));
      else doc.moveTo(x, y(g.followers));
      started = true;
    });
    doc.lineWidth(1.2).strokeColor('#fa8c16').stroke();
  }
  const every = Math.ceil(days.length / 8);
  doc.fontSize(7).fillColor(MUTED);
  days.forEach((g, i) => {
    if (i % every === 0) doc.text(g.day.slice(5), M + i * step, base + 4, { width: Math.max(step * every, 30), lineBreak: false });
  });
  doc.text(`柱：每日净增（最大 ${max.toLocaleString('en-US')}）；橙线：粉丝总数 / Bars: daily net growth; orange line: total followers`, M, base + 16, {
    width: W,
  });
  doc.x = M;
  doc.y = base + 30;
}

export function reportPdf(d: ReportData, findings: ReportFinding[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: M, info: { Title: titleOf(d.period, d.start, d.end, scopeName(d)).zh, Producer: 'Meiyun 媒运' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font());
  doc.font('cjk');
  const title = titleOf(d.period, d.start, d.end, scopeName(d));
  doc.fillColor(INK).fontSize(18).text(title.zh, { width: W });
  doc.fillColor(MUTED).fontSize(9).text(title.en, { width: W });
  doc.text(
    `上期 / Previous ${d.previous.start} – ${d.previous.end} · 去年同期 / Last year ${d.lastYear.start} – ${d.lastYear.end} · ${d.timezone} · ${d.scope.accounts} 个账号 / accounts`,
    { width: W },
  );

  heading(doc, '核心指标', 'KPI summary');
  table(
    doc,
    [W * 0.3, W * 0.15, W * 0.15, W * 0.12, W * 0.16, W * 0.12],
    ['指标 Metric', '本期 This', '上期 Prev.', '环比 MoM', '去年同期 LY', '同比 YoY'],
    d.kpis.map((k) => [
      `${KPI_LABEL[k.key].zh} ${KPI_LABEL[k.key].en}`,
      k.key === 'conversions' && k.current == null ? `${NOT_CONNECTED.zh} / ${NOT_CONNECTED.en}` : showValue(k.key, k.current),
      showValue(k.key, k.previous),
      showChange(k.mom),
      showValue(k.key, k.lastYear),
      showChange(k.yoy),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  doc
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(`${INTERACTIONS_DEFINITION.zh} / ${INTERACTIONS_DEFINITION.en}`, M, doc.y + 2, { width: W });

  heading(doc, '本期发现', 'Findings');
  for (const f of findings) {
    ensure(doc, 30);
    doc.fontSize(9.5).fillColor(INK).text(`• ${f.zh}`, M, doc.y, { width: W });
    doc.fontSize(8).fillColor(MUTED).text(`  ${f.en}`, { width: W });
    doc.moveDown(0.25);
  }

  heading(doc, '粉丝增长', 'Follower growth');
  growthChart(doc, d);

  const postRow = (p: ReportData['posts'][number]) => [
    p.title,
    p.accountName,
    formatLabel(p.format).zh,
    showValue('views', p.views),
    showValue('interactions', p.interactions),
    showValue('engagementRate', p.engagementRate),
    showValue('shares', p.shares),
    p.conversions == null ? '—' : showValue('conversions', p.conversions),
  ];
  const postWidths = [W * 0.3, W * 0.15, W * 0.08, W * 0.11, W * 0.1, W * 0.1, W * 0.08, W * 0.08];
  const postHead = ['标题 Title', '账号 Account', '形式', '阅读 Views', '互动', '互动率', '分享', '转化'];
  const postAlign: ('left' | 'right')[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'];
  heading(doc, '热门内容', 'Top posts');
  table(doc, postWidths, postHead, d.topPosts.map(postRow), postAlign);

  heading(doc, `内容明细（共 ${d.postsTotal} 篇）`, `Posts (${d.postsTotal})`);
  const listed = d.posts.slice(0, 60);
  table(doc, postWidths, postHead, listed.map(postRow), postAlign);
  if (d.postsTotal > listed.length)
    doc
      .fontSize(8)
      .fillColor(MUTED)
      .text(`完整列表见 xlsx / The full list is in the xlsx`, M, doc.y + 2);
  doc.end();
  return done;
}
