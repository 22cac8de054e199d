import type { LocalizedText, MessageLanguage } from '@carescore/engine';
import type { Font } from 'fontkit';
import { type ApiMessageKey, msgIn } from '../../../common/i18n';
import { localized } from '../scheme-outline';
import type { ScorecardDetailResponse, TeamSummaryResponse } from '../scorecards.dto';

/** What a staff member's report shows besides the scorecard: the composite of this and earlier periods, oldest first. */
export interface TrendPoint {
  period: string;
  composite: number | null;
}

type Zone = 'red' | 'yellow' | 'blue';
type Doc = PDFKit.PDFDocument;

const FONT = 'report-cjk';
const MARGIN = 40;
const COLOURS = { self: '#2563eb', team: '#f59e0b', grid: '#d1d5db', text: '#111827', muted: '#6b7280', bar: '#60a5fa' };
const ZONE_COLOURS: Record<Zone, string> = { red: '#dc2626', yellow: '#ca8a04', blue: '#2563eb' };
/** Table rows drawn between two yields to the event loop: a team of hundreds never holds it for long. */
const ROWS_PER_SLICE = 20;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function formatNumber(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '—';
}

/** Drawing helpers bound to one document and the reader's language. */
class Pen {
  constructor(
    readonly doc: Doc,
    readonly lang: MessageLanguage,
  ) {}

  t(key: ApiMessageKey, params: Record<string, string | number> = {}): string {
    return msgIn(this.lang, key, params);
  }

  name(text: LocalizedText | null | undefined, fallback: string): string {
    return localized(text, this.lang, fallback);
  }

  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN - 14;
  }

  /** A new page unless `height` more points fit on this one. */
  room(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle: string): void {
    this.doc.fillColor(COLOURS.text).fontSize(18).text(text, MARGIN, MARGIN, { width: this.width });
    this.doc.fillColor(COLOURS.muted).fontSize(9).text(subtitle, { width: this.width });
    this.doc.moveDown(0.6);
  }

  /** A section's heading; first the event loop gets a turn (sections are drawn in one go, between headings). */
  async heading(text: string, next = 60): Promise<void> {
    await yieldToEventLoop();
    this.room(24 + next);
    this.doc.moveDown(0.4);
    this.doc.fillColor(COLOURS.text).fontSize(12).text(text, MARGIN, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc.moveTo(MARGIN, y).lineTo(MARGIN + this.width, y).lineWidth(0.5).strokeColor(COLOURS.grid).stroke();
    this.doc.y = y + 6;
  }

  /** Label: value pairs, two to a line. */
  facts(pairs: ReadonlyArray<[string, string]>): void {
    const half = this.width / 2;
    for (let index = 0; index < pairs.length; index += 2) {
      this.room(16);
      const y = this.doc.y;
      let next = y;
      for (const [column, pair] of pairs.slice(index, index + 2).entries()) {
        this.doc.fontSize(10).fillColor(COLOURS.muted).text(`${pair[0]}：`, MARGIN + column * half, y, { continued: true, width: half - 8 });
        this.doc.fillColor(COLOURS.text).text(pair[1]);
        next = Math.max(next, this.doc.y);
      }
      this.doc.y = next + 2;
    }
  }

  paragraph(text: string, colour: string = COLOURS.text): void {
    this.doc.fontSize(10);
    this.room(this.doc.heightOfString(text, { width: this.width }) + 4);
    this.doc.fillColor(colour).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
  }

  legend(items: ReadonlyArray<[string, string]>, x: number, y: number): void {
    items.forEach(([label, colour], index) => {
      const top = y + index * 14;
      this.doc.rect(x, top + 2, 10, 6).fillColor(colour).fill();
      this.doc.fillColor(COLOURS.text).fontSize(8).text(label, x + 14, top, { lineBreak: false });
    });
  }

  /** A radar of scores on axes from 0 to the scale (100, or the highest score when above), one polygon per series. */
  radar(axes: readonly string[], series: ReadonlyArray<{ colour: string; values: ReadonlyArray<number | null> }>): void {
    const height = 205;
    this.room(height);
    const doc = this.doc;
    const top = doc.y;
    const cx = MARGIN + this.width / 2 - 40;
    const cy = top + 100;
    const radius = 80;
    const scale = Math.max(100, ...series.flatMap((item) => item.values.filter((value): value is number => value !== null)));
    const n = axes.length;
    const at = (index: number, fraction: number): [number, number] => {
      const angle = -Math.PI / 2 + (2 * Math.PI * index) / n;
      return [cx + Math.cos(angle) * radius * fraction, cy + Math.sin(angle) * radius * fraction];
    };
    doc.lineWidth(0.5).strokeColor(COLOURS.grid);
    for (const ring of [0.25, 0.5, 0.75, 1]) {
      if (n >= 3) doc.polygon(...axes.map((_, index) => at(index, ring))).stroke();
      else doc.circle(cx, cy, radius * ring).stroke();
    }
    axes.forEach((axis, index) => {
      const [x, y] = at(index, 1);
      doc.moveTo(cx, cy).lineTo(x, y).strokeColor(COLOURS.grid).stroke();
      const [lx, ly] = at(index, 1.18);
      const labelWidth = 110;
      const align = Math.abs(lx - cx) < 5 ? 'center' : lx < cx ? 'right' : 'left';
      const left = align === 'center' ? lx - labelWidth / 2 : align === 'right' ? lx - labelWidth : lx;
      doc.fillColor(COLOURS.text).fontSize(8).text(axis, left, ly - 5, { width: labelWidth, align, lineBreak: false });
    });
    doc.fillColor(COLOURS.muted).fontSize(7).text(formatNumber(scale), cx + 3, cy - radius + 3, { lineBreak: false });
    for (const { colour, values } of series) {
      const points = values.map((value, index) => at(index, Math.max(0, value ?? 0) / scale));
      if (n >= 3) {
        doc.polygon(...points).lineWidth(1.2).fillOpacity(0.15).fillAndStroke(colour, colour);
        doc.fillOpacity(1);
      } else if (n === 2) {
        doc.moveTo(...points[0]).lineTo(...points[1]).lineWidth(1.2).strokeColor(colour).stroke();
      }
      for (const [x, y] of points) doc.circle(x, y, 2).fillColor(colour).fill();
    }
    doc.y = top + height;
  }

  /** A line chart of the composite per period, oldest first. */
  trend(points: readonly TrendPoint[]): void {
    const height = 150;
    this.room(height + 10);
    const doc = this.doc;
    const top = doc.y + 8;
    const left = MARGIN + 30;
    const width = this.width - 40;
    // The first and last points sit inside the plot, clear of the axis labels.
    const inset = 25;
    const plot = height - 30;
    const scale = Math.max(100, ...points.map((point) => point.composite ?? 0));
    doc.lineWidth(0.5).strokeColor(COLOURS.grid);
    for (const fraction of [0, 0.5, 1]) {
      const y = top + plot - plot * fraction;
      doc.moveTo(left, y).lineTo(left + width, y).stroke();
      doc.fillColor(COLOURS.muted).fontSize(7).text(formatNumber(scale * fraction), MARGIN - 6, y - 4, { width: 32, align: 'right', lineBreak: false });
    }
    const step = points.length > 1 ? (width - 2 * inset) / (points.length - 1) : 0;
    const xOf = (index: number) => (points.length > 1 ? left + inset + step * index : left + width / 2);
    const xy = points.map((point, index): [number, number] | null => (point.composite === null ? null : [xOf(index), top + plot - (plot * Math.max(0, point.composite)) / scale]));
    let previous: [number, number] | null = null;
    for (const point of xy) {
      if (point && previous) doc.moveTo(...previous).lineTo(...point).lineWidth(1.5).strokeColor(COLOURS.self).stroke();
      if (point) previous = point;
    }
    points.forEach((point, index) => {
      const x = xOf(index);
      const at = xy[index];
      if (at) {
        doc.circle(at[0], at[1], 2.5).fillColor(COLOURS.self).fill();
        doc.fillColor(COLOURS.text).fontSize(7).text(formatNumber(point.composite), at[0] - 20, at[1] - 12, { width: 40, align: 'center', lineBreak: false });
      }
      doc.fillColor(COLOURS.muted).fontSize(7).text(point.period, x - 25, top + plot + 6, { width: 50, align: 'center', lineBreak: false });
    });
    doc.y = top + height;
  }

  /**
   * Horizontal bars, one per item: scores from 0 to 100 (or the highest score when above), counts from 0 to the
   * highest count.
   */
  async bars(items: ReadonlyArray<{ label: string; value: number | null; colour?: string }>, kind: 'scores' | 'counts' = 'scores'): Promise<void> {
    const doc = this.doc;
    const labelWidth = 170;
    const barWidth = this.width - labelWidth - 50;
    const scale = Math.max(kind === 'scores' ? 100 : 1, ...items.map((item) => item.value ?? 0));
    const format = kind === 'scores' ? formatNumber : (value: number | null) => String(value ?? 0);
    for (const [index, item] of items.entries()) {
      this.room(16);
      const y = doc.y;
      doc.fillColor(COLOURS.text).fontSize(8).text(item.label, MARGIN, y, { width: labelWidth - 6, height: 12, ellipsis: true, lineBreak: false });
      doc.rect(MARGIN + labelWidth, y + 1, barWidth, 8).fillColor('#f3f4f6').fill();
      if (item.value !== null) doc.rect(MARGIN + labelWidth, y + 1, (barWidth * Math.max(0, item.value)) / scale, 8).fillColor(item.colour ?? COLOURS.bar).fill();
      doc.fillColor(COLOURS.text).fontSize(8).text(format(item.value), MARGIN + labelWidth + barWidth + 6, y, { width: 44, lineBreak: false });
      doc.y = y + 14;
      if ((index + 1) % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    }
  }

  /** A table; the header is repeated on every page it runs onto. Yields to the event loop every few rows. */
  async table(columns: ReadonlyArray<{ title: string; width: number; align?: 'left' | 'right' | 'center' }>, rows: ReadonlyArray<ReadonlyArray<string>>): Promise<void> {
    const doc = this.doc;
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * this.width);
    const cellWidth = (index: number) => widths[index] - 6;
    const drawRow = (cells: ReadonlyArray<string>, header: boolean) => {
      doc.fontSize(8);
      const height = Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: cellWidth(index) }))) + 6;
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (!header) drawRow(columns.map((column) => column.title), true);
      }
      const y = doc.y;
      if (header) doc.rect(MARGIN, y, this.width, height).fillColor('#f3f4f6').fill();
      let x = MARGIN;
      cells.forEach((cell, index) => {
        doc.fillColor(header ? COLOURS.muted : COLOURS.text).text(cell, x + 3, y + 3, { width: cellWidth(index), align: columns[index].align ?? 'left' });
        x += widths[index];
      });
      doc.moveTo(MARGIN, y + height).lineTo(MARGIN + this.width, y + height).lineWidth(0.3).strokeColor(COLOURS.grid).stroke();
      doc.y = y + height;
    };
    this.room(40);
    drawRow(columns.map((column) => column.title), true);
    for (const [index, row] of rows.entries()) {
      drawRow(row, false);
      if ((index + 1) % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    }
    doc.x = MARGIN;
  }

  zoneWord(zone: Zone | null): string {
    return zone === null ? this.t('report.none') : this.t(`report.zone.${zone}`);
  }
}

/** A band as the console shows it: its id and, when it has one, its name (B · 良好). */
function bandLabel(pen: Pen, id: string, name: LocalizedText | null | undefined): string {
  const text = pen.name(name, id);
  return text === id ? id : `${id} · ${text}`;
}

/** Registers the font, numbers the pages in their footers, and returns the pen to draw with. */
function prepare(doc: Doc, font: Font, lang: MessageLanguage, generatedAt: Date): Pen {
  // pdfkit takes a parsed fontkit font as it is (its types only list file sources).
  doc.registerFont(FONT, font as unknown as Buffer);
  doc.font(FONT);
  const pen = new Pen(doc, lang);
  let page = 0;
  const footer = () => {
    page += 1;
    const { x, y } = doc;
    const margins = doc.page.margins.bottom;
    // Text below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const text = `${pen.t('report.generated', { at: generatedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' })}  ·  ${pen.t('report.page', { page })}`;
    doc.fillColor(COLOURS.muted).fontSize(7).text(text, MARGIN, doc.page.height - MARGIN + 8, { width: pen.width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margins;
    doc.x = x;
    doc.y = y;
  };
  footer();
  doc.on('pageAdded', footer);
  return pen;
}

/** A staff member's scorecard: facts, radar against the team mean, composite trend, indicator bars and table, hints, zones. */
export async function writeScorecardReport(doc: Doc, font: Font, lang: MessageLanguage, detail: ScorecardDetailResponse, trend: readonly TrendPoint[], generatedAt: Date): Promise<void> {
  const pen = prepare(doc, font, lang, generatedAt);
  const { explanation, result } = detail;
  const band = explanation.bands.find((item) => item.id === detail.band);
  const tier = explanation.tiers.find((item) => item.id === detail.tier);
  const schemeName = pen.name(explanation.scheme.name, explanation.scheme.key);

  pen.title(`${pen.t('report.scorecard.title')} · ${detail.staffName}`, `${detail.period} · ${schemeName} v${explanation.scheme.version}`);
  pen.facts([
    [pen.t('report.staff'), `${detail.staffName} (${detail.staffCode})`],
    [pen.t('report.team'), detail.teamName ?? pen.t('report.none')],
    [pen.t('report.period'), detail.period],
    [pen.t('report.scheme'), `${schemeName} v${explanation.scheme.version}`],
    [pen.t('report.tier'), detail.tier === null ? pen.t('report.none') : pen.name(tier?.name, detail.tier)],
    [pen.t('report.composite'), formatNumber(detail.composite)],
    [pen.t('report.band'), detail.band === null ? pen.t('report.none') : bandLabel(pen, detail.band, band?.name)],
    [pen.t('report.zone'), pen.zoneWord(detail.zone)],
  ]);

  const dimensionsById = new Map(explanation.dimensions.map((dimension) => [dimension.id, dimension]));
  const topLevel = explanation.topLevelDimensions.map((id) => ({ id, name: pen.name(dimensionsById.get(id)?.name, id) }));
  if (topLevel.length > 0) {
    await pen.heading(pen.t('report.radar'), 230);
    const top = doc.y;
    const series = [{ colour: COLOURS.self, values: topLevel.map((dimension) => result.dimensions[dimension.id]?.score ?? null) }];
    if (detail.teamMean) series.push({ colour: COLOURS.team, values: topLevel.map((dimension) => detail.teamMean?.dimensions[dimension.id] ?? null) });
    pen.radar(
      topLevel.map((dimension) => dimension.name),
      series,
    );
    const after = doc.y;
    const legend: Array<[string, string]> = [[pen.t('report.legend.self'), COLOURS.self]];
    if (detail.teamMean) legend.push([pen.t('report.legend.team_mean'), COLOURS.team]);
    pen.legend(legend, MARGIN + pen.width - 110, top + 10);
    // The dimensions' scores in words as well, for readers of the text.
    doc.y = top + 50;
    topLevel.forEach((dimension) => {
      const own = formatNumber(result.dimensions[dimension.id]?.score);
      const mean = detail.teamMean ? ` / ${formatNumber(detail.teamMean.dimensions[dimension.id])}` : '';
      doc.fillColor(COLOURS.text).fontSize(8).text(`${dimension.name}：${own}${mean}`, MARGIN + pen.width - 110, doc.y, { width: 110 });
    });
    doc.y = Math.max(after, doc.y);
  }

  if (trend.length > 0) {
    await pen.heading(pen.t('report.trend'), 160);
    pen.trend(trend);
  }

  const indicators = explanation.indicators;
  await pen.heading(pen.t('report.indicator_scores'), 40);
  await pen.bars(indicators.map((indicator) => ({ label: pen.name(indicator.name, indicator.id), value: result.indicators[indicator.id]?.score ?? null })));

  await pen.heading(pen.t('report.indicators'), 40);
  await pen.table(
    [
      { title: pen.t('report.indicator'), width: 30 },
      { title: pen.t('report.value'), width: 13, align: 'right' },
      { title: pen.t('report.score'), width: 10, align: 'right' },
      { title: pen.t('report.weight'), width: 9, align: 'right' },
      { title: pen.t('report.lines'), width: 38 },
    ],
    indicators.map((indicator) => {
      const outcome = result.indicators[indicator.id];
      const value =
        outcome === undefined || outcome.status !== 'ok' || outcome.value === undefined
          ? pen.t(outcome?.status === 'excluded' ? 'report.status.excluded' : 'report.status.missing')
          : `${formatNumber(outcome.value)}${indicator.unit ? ` ${indicator.unit}` : ''}`;
      return [
        pen.name(indicator.name, indicator.id),
        value,
        formatNumber(outcome?.score),
        outcome?.weight === undefined ? '—' : formatNumber(outcome.weight),
        indicator.lines.map((line) => `${formatNumber(line.value)} → ${formatNumber(line.score)}`).join('；'),
      ];
    }),
  );

  await pen.heading(pen.t('report.hints'), 20);
  if (result.hints.length === 0) pen.paragraph(pen.t('report.no_hints'), COLOURS.muted);
  for (const hint of result.hints) pen.paragraph(`• ${pen.name(hint.text, hint.id)}`);

  await pen.heading(pen.t('report.zones'), 20);
  if (result.zones.length === 0) pen.paragraph(pen.t('report.no_zones'), COLOURS.muted);
  const rules = new Map(explanation.zones.map((zone) => [zone.id, zone]));
  for (const hit of result.zones) {
    const rule = rules.get(hit.id);
    const action = hit.action ?? rule?.action ?? null;
    pen.paragraph(`• ${pen.zoneWord(hit.zone)} · ${pen.name(rule?.name, hit.id)}${action ? ` — ${action}` : ''}`, ZONE_COLOURS[hit.zone]);
  }
  doc.end();
}

/** A team's period: summary, radar of the dimension means, band and zone distributions, and every staff member's result. */
export async function writeTeamReport(doc: Doc, font: Font, lang: MessageLanguage, summary: TeamSummaryResponse, generatedAt: Date): Promise<void> {
  const pen = prepare(doc, font, lang, generatedAt);
  const schemes = summary.schemes.map((scheme) => `${scheme.key} v${scheme.version}`).join(', ');
  pen.title(`${pen.t('report.team.title')} · ${summary.teamName}`, `${summary.period}${schemes ? ` · ${schemes}` : ''}`);
  await pen.heading(pen.t('report.summary'), 40);
  pen.facts([
    [pen.t('report.team'), summary.teamName],
    [pen.t('report.period'), summary.period],
    [pen.t('report.mean_composite'), formatNumber(summary.meanComposite)],
    [pen.t('report.scheme'), schemes || pen.t('report.none')],
  ]);
  pen.paragraph(pen.t('report.members', { count: summary.count, scored: summary.scored }));

  if (summary.dimensions.length > 0) {
    await pen.heading(pen.t('report.radar.team'), 230);
    const top = doc.y;
    const names = summary.dimensions.map((dimension) => pen.name(dimension.name, dimension.id));
    pen.radar(names, [{ colour: COLOURS.team, values: summary.dimensions.map((dimension) => dimension.mean) }]);
    const after = doc.y;
    doc.y = top + 30;
    summary.dimensions.forEach((dimension, index) => {
      doc.fillColor(COLOURS.text).fontSize(8).text(`${names[index]}：${formatNumber(dimension.mean)}`, MARGIN + pen.width - 110, doc.y, { width: 110 });
    });
    doc.y = Math.max(after, doc.y);
  }

  await pen.heading(pen.t('report.bands'), 40);
  await pen.bars([
    ...summary.bands.map((band) => ({ label: bandLabel(pen, band.id, band.name), value: band.count })),
    { label: pen.t('report.none'), value: summary.unbanded },
  ], 'counts');
  await pen.heading(pen.t('report.zones'), 40);
  await pen.bars([
    ...summary.zones.map((zone) => ({ label: pen.zoneWord(zone.zone), value: zone.count, colour: ZONE_COLOURS[zone.zone] })),
    { label: pen.t('report.none'), value: summary.noZone },
  ], 'counts');
  if (summary.zoneRules.length > 0) {
    await pen.heading(pen.t('report.zone_rules'), 40);
    await pen.table(
      [
        { title: pen.t('report.zone'), width: 15 },
        { title: pen.t('report.zone_rules'), width: 70 },
        { title: pen.t('report.count'), width: 15, align: 'right' },
      ],
      summary.zoneRules.map((rule) => [pen.zoneWord(rule.zone), pen.name(rule.name, rule.id), String(rule.count)]),
    );
  }

  const bandNames = new Map(summary.bands.map((band) => [band.id, bandLabel(pen, band.id, band.name)]));
  await pen.heading(pen.t('report.ranking'), 40);
  await pen.table(
    [
      { title: pen.t('report.rank'), width: 8, align: 'right' },
      { title: pen.t('report.staff_code'), width: 16 },
      { title: pen.t('report.name'), width: 30 },
      { title: pen.t('report.composite'), width: 16, align: 'right' },
      { title: pen.t('report.band'), width: 16 },
      { title: pen.t('report.zone'), width: 14 },
    ],
    summary.ranking.map((member) => [
      member.rank === null ? '—' : String(member.rank),
      member.staffCode,
      member.staffName,
      formatNumber(member.composite),
      member.band === null ? '—' : (bandNames.get(member.band) ?? member.band),
      member.zone === null ? '—' : pen.zoneWord(member.zone),
    ]),
  );
  doc.end();
}
