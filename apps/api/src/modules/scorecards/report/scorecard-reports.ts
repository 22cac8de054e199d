import { Inject, Injectable, Logger } from '@nestjs/common';
import { periodKindOf } from '@carescore/engine';
import type { Response } from 'express';
import type { Font } from 'fontkit';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { currentLanguage } from '../../../common/i18n';
import type { ScorecardDetailResponse } from '../scorecards.dto';
import { ScorecardsService } from '../scorecards.service';
import { loadPdfKit, reportFont } from './pdf-kit';
import { type TrendPoint, writeScorecardReport, writeTeamReport } from './report-pdf';

export const PDF_CONTENT_TYPE = 'application/pdf';

/** Characters that may stand in a quoted ASCII filename of Content-Disposition as they are. */
const ASCII_SAFE = /[^A-Za-z0-9._-]+/g;

/**
 * `attachment` with the file name twice: an ASCII-safe fallback (anything else becomes `_`) and the name itself as
 * RFC 5987 `filename*=UTF-8''…` (which browsers prefer).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(ASCII_SAFE, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Printable reports (PDF). What a reader may see is decided by the scorecards service's own read paths (the scorecard
 * detail, the staff member's trend, the team summary): no scope rule of its own. The PDF is streamed to the response
 * while it is drawn, and the drawing yields to the event loop between slices of rows.
 */
@Injectable()
export class ScorecardReports {
  private readonly logger = new Logger('ScorecardReports');

  constructor(@Inject(ScorecardsService) private readonly scorecards: ScorecardsService) {}

  async scorecard(user: AuthUser, id: string, res: Response): Promise<void> {
    const body = await this.scorecards.getDetail(user, id);
    const detail = JSON.parse(body.body.toString('utf8')) as ScorecardDetailResponse;
    const kind = periodKindOf(detail.period);
    // The staff member's trend as the reader may see it; should it be hidden while the scorecard is not, the
    // report shows this period alone.
    const trend = await this.scorecards.trend(user, detail.staffId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NotFound') return null;
      throw error;
    });
    // This period (as this scorecard has it) and the earlier ones of the same kind (months and quarters are not one series).
    const points: TrendPoint[] = [
      ...(trend?.points ?? []).filter((point) => periodKindOf(point.period) === kind && point.period < detail.period).map((point) => ({ period: point.period, composite: point.composite })),
      { period: detail.period, composite: detail.composite },
    ];
    const language = currentLanguage();
    await this.stream(res, `scorecard-${detail.staffCode}-${detail.staffName}-${detail.period}.pdf`, `${detail.staffName} ${detail.period}`, (doc, font, at) =>
      writeScorecardReport(doc, font, language, detail, points, at),
    );
  }

  async team(user: AuthUser, teamId: string, period: string, res: Response): Promise<void> {
    const summary = await this.scorecards.teamSummary(user, teamId, period);
    const language = currentLanguage();
    await this.stream(res, `team-${summary.teamName}-${period}.pdf`, `${summary.teamName} ${period}`, (doc, font, at) => writeTeamReport(doc, font, language, summary, at));
  }

  private async stream(res: Response, fileName: string, title: string, draw: (doc: PDFKit.PDFDocument, font: Font, at: Date) => Promise<void>): Promise<void> {
    const [PDFDocument, font] = await Promise.all([loadPdfKit(), reportFont()]);
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: title, Producer: 'CareScore', Creator: 'CareScore' } });
    res.status(200);
    res.setHeader('Content-Type', PDF_CONTENT_TYPE);
    res.setHeader('Content-Disposition', attachmentDisposition(fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    doc.pipe(res);
    try {
      await draw(doc, font, new Date());
    } catch (error) {
      // The headers are sent: all that is left is to break the response off, so the client sees a failed download.
      this.logger.error(`report ${fileName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      doc.unpipe(res);
      res.destroy(error instanceof Error ? error : undefined);
    }
  }
}
