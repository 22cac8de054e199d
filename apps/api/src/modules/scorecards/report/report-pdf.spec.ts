import { PassThrough } from 'node:stream';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { TeamSummaryResponse } from '../scorecards.dto';
import { loadPdfKit, reportFont } from './pdf-kit';
import { formatNumber, writeTeamReport } from './report-pdf';
import { attachmentDisposition } from './scorecard-reports';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];

/** A team of `size` staff with Chinese names, composites falling from 99. */
function teamOf(size: number): TeamSummaryResponse {
  const ranking = Array.from({ length: size }, (_, index) => ({
    rank: index + 1,
    scorecardId: uuid(index + 1),
    staffId: uuid(10_000 + index),
    staffCode: `s-${String(index + 1).padStart(3, '0')}`,
    staffName: `${SURNAMES[index % 10]}${GIVEN[Math.floor(index / 10) % 10]}${index}`,
    composite: 99 - (index % 90),
    band: index % 2 === 0 ? 'A' : 'B',
    zone: index % 7 === 0 ? ('red' as const) : null,
  }));
  return {
    teamId: uuid(1),
    teamName: '心内科',
    period: '2026-Q1',
    count: size,
    scored: size,
    meanComposite: 75.5,
    schemes: [{ key: 'career-tiers', version: 1 }],
    dimensions: [
      { id: 'client', name: { zh: '客户维度', en: 'Client' }, mean: 80 },
      { id: 'professional', name: { zh: '专业维度', en: 'Professional' }, mean: 70.25 },
      { id: 'organisation', name: { zh: '组织维度', en: 'Organisation' }, mean: null },
    ],
    bands: [
      { id: 'A', name: { zh: '优秀', en: 'Excellent' }, count: Math.ceil(size / 2) },
      { id: 'B', name: { zh: '良好', en: 'Good' }, count: Math.floor(size / 2) },
    ],
    unbanded: 0,
    zones: [{ zone: 'red', count: ranking.filter((member) => member.zone === 'red').length }],
    noZone: ranking.filter((member) => member.zone === null).length,
    zoneRules: [{ id: 'complaint', name: { zh: '重大投诉', en: 'Major complaint' }, zone: 'red', count: 1 }],
    ranking,
  };
}

async function render(summary: TeamSummaryResponse, language: 'zh' | 'en') {
  const [PDFDocument, font] = await Promise.all([loadPdfKit(), reportFont()]);
  const doc = new PDFDocument({ size: 'A4', margin: 40 });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  doc.pipe(sink);
  // How often other work got the event loop while the report was drawn, and the longest it waited.
  let ticks = 0;
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks += 1;
  }, 1);
  const firstChunk = new Promise<number>((resolve) => sink.once('data', () => resolve(performance.now())));
  const started = performance.now();
  await writeTeamReport(doc, font, language, summary, new Date('2026-04-02T08:30:00Z'));
  const finished = performance.now();
  await ended;
  clearInterval(timer);
  const body = Buffer.concat(chunks);
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: false });
  const pageTexts = text.map((page) => page.replace(/\s+/g, ''));
  return { body, pages: totalPages, pageTexts, text: pageTexts.join(''), ticks, longest, streamedAfter: (await firstChunk) - started, drawing: finished - started };
}

describe('attachmentDisposition', () => {
  it('gives an ASCII-safe name and the name itself as UTF-8', () => {
    expect(attachmentDisposition('scorecard-ct-02-陈波-2026-Q1.pdf')).toBe(
      `attachment; filename="scorecard-ct-02-_-2026-Q1.pdf"; filename*=UTF-8''scorecard-ct-02-%E9%99%88%E6%B3%A2-2026-Q1.pdf`,
    );
    expect(attachmentDisposition(`team-O'Neil (A) "x"; y.pdf`)).toBe(`attachment; filename="team-O_Neil_A_x_y.pdf"; filename*=UTF-8''team-O%27Neil%20%28A%29%20%22x%22%3B%20y.pdf`);
  });
});

describe('formatNumber', () => {
  it('shows two decimals, a dash for no number', () => {
    expect([formatNumber(90.625), formatNumber(0), formatNumber(null), formatNumber(undefined), formatNumber(Number.NaN)]).toEqual(['90.63', '0.00', '—', '—', '—']);
  });
});

describe('writeTeamReport', () => {
  it('lists every staff member of a large team, streams while it draws and lets other work run between slices', async () => {
    const summary = teamOf(300);
    const report = await render(summary, 'zh');
    expect(report.text).toContain('团队考核报告·心内科');
    for (const name of ['客户维度', '专业维度', '组织维度', '优秀', '良好', '重大投诉', '红区']) expect(report.text, name).toContain(name);
    for (const member of summary.ranking) {
      expect(report.text, member.staffName).toContain(member.staffName);
      expect(report.text, member.staffCode).toContain(member.staffCode);
    }
    // The table's header is repeated on every page it runs onto.
    expect(report.pages).toBeGreaterThan(5);
    expect(report.text.split('员工排名').length - 1).toBe(1);
    const tablePages = report.pageTexts.filter((page) => /s-\d{3}/.test(page));
    expect(tablePages.length).toBeGreaterThan(5);
    for (const page of tablePages) expect(page.split('排名工号姓名综合得分等级预警区').length - 1).toBe(1);
    expect(report.pageTexts.filter((page) => page.includes('工号')).length).toBe(tablePages.length);
    // Once the font's glyphs are warm (the first report of a process lays them out for the first time), the
    // first bytes go out before the drawing ends, and timers run between the slices of rows.
    const warm = await render(summary, 'zh');
    expect(warm.streamedAfter).toBeLessThan(warm.drawing);
    // 300 rows in slices of 20, and a yield before each section. What cannot be sliced is the end: the font's
    // subset and the last page are written in one go.
    expect(warm.ticks).toBeGreaterThanOrEqual(15);
    expect(warm.longest).toBeLessThan(warm.drawing / 2);
    // Embedded subset of the font: a few hundred glyphs, not the 8 MB font.
    expect(report.body.length).toBeLessThan(1_000_000);
  }, 60_000);

  it("labels in the reader's language; counts as whole numbers", async () => {
    const report = await render(teamOf(3), 'en');
    for (const label of ['Teamreport·心内科', 'Client', 'Professional', 'Excellent', 'Meancomposite', '75.50', '3scorecards,3withacomposite']) expect(report.text, label).toContain(label);
    expect(report.text).not.toContain('客户维度');
    expect(report.pages).toBe(1);
  });
});
