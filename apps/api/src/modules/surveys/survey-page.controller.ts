import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { RawSurveyAnswer, ValidationIssue } from '@carescore/engine';
import { localizeIssue } from '@carescore/engine';
import { Public } from '../../common/auth/decorators';
import { msgIn } from '../../common/i18n/messages';
import { type AnswerOutcome, AnswerSurvey, type SurveyLink } from './answer-survey.use-case';
import { EMPTY_VALUES, type FormValues, formatMoment, type NoticeKind, type PageLanguage, pick, renderNotice, renderSurveyForm } from './survey-page.html';
import { SurveyThrottle } from './survey-throttle';

/**
 * The page a client opens from a survey link: `GET /s/<token>` shows the questions, `POST /s/<token>` (a form post,
 * or JSON for integrations that collect answers themselves) records the answer. Public: no sign-in, the signed
 * token is the only key. Chinese unless `?lang=en` or an English Accept-Language. Every outcome is a page of its own
 * with its status: 200 the form or thank-you, 422 the form again with the problems, 410 used or expired, 404 not a
 * valid link, 429 too many requests from the address.
 */
@ApiExcludeController()
@Public()
@Controller('s')
export class SurveyPageController {
  constructor(
    @Inject(AnswerSurvey) private readonly answers: AnswerSurvey,
    @Inject(SurveyThrottle) private readonly throttle: SurveyThrottle,
  ) {}

  @Get(':token')
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const lang = pageLanguage(req);
    if (await this.throttled(req, res, lang)) return;
    const link = await this.answers.open(token);
    this.send(req, res, lang, token, link, EMPTY_VALUES);
  }

  @Post(':token')
  @HttpCode(200)
  async answer(@Param('token') token: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const lang = pageLanguage(req);
    if (await this.throttled(req, res, lang)) return;
    const { raw, values } = readAnswer(body);
    const outcome = await this.answers.answer(token, raw);
    this.send(req, res, lang, token, outcome, values);
  }

  private async throttled(req: Request, res: Response, lang: PageLanguage): Promise<boolean> {
    const wait = await this.throttle.take(req.ip ?? null);
    if (wait === null) return false;
    res.setHeader('Retry-After', String(wait));
    if (wantsJson(req)) reply(res, 429).json({ status: 'too_many_requests', message: msgIn(lang, 'survey_page.too_many_text', { seconds: wait }) });
    else reply(res, 429).type('html').send(renderNotice('too_many', lang, { params: { seconds: wait } }));
    return true;
  }

  private send(req: Request, res: Response, lang: PageLanguage, token: string, outcome: SurveyLink | AnswerOutcome, values: FormValues): void {
    const path = `/s/${encodeURIComponent(token)}`;
    const json = wantsJson(req);
    const notice = (status: number, kind: NoticeKind, params: Record<string, string | number> = {}, text?: string) => {
      if (json) reply(res, status).json({ status: kind, message: text ?? msgIn(lang, `survey_page.${kind}_text` as Parameters<typeof msgIn>[1], params) });
      else reply(res, status).type('html').send(renderNotice(kind, lang, { path, params, text }));
    };
    switch (outcome.state) {
      case 'unknown':
        return notice(404, 'unknown');
      case 'used':
        return notice(410, 'used');
      case 'unavailable':
        return notice(410, 'unavailable');
      case 'expired':
        return notice(410, 'expired', { at: formatMoment(outcome.invitation.expiresAt, outcome.timeZone, lang) });
      case 'recorded':
        return notice(200, 'thanks', {}, pick(outcome.survey.thanks, lang));
      case 'open':
        if (json) {
          reply(res, 200).json({ status: 'open', staffName: outcome.invitation.staffName, survey: outcome.survey });
          return;
        }
        reply(res, 200).type('html').send(renderSurveyForm({ lang, path, survey: outcome.survey, staffName: outcome.invitation.staffName, values, issues: [] }));
        return;
      case 'invalid':
        if (json) {
          reply(res, 422).json({ status: 'invalid', details: outcome.issues.map((issue: ValidationIssue) => localizeIssue(issue, lang)) });
          return;
        }
        reply(res, 422).type('html').send(renderSurveyForm({ lang, path, survey: outcome.survey, staffName: outcome.invitation.staffName, values, issues: outcome.issues }));
    }
  }
}

/** Headers every survey page carries: never cached or indexed, never sends its token on as a referrer, framed by nobody, runs no script. */
function reply(res: Response, status: number): Response {
  return res
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'no-referrer')
    .setHeader('X-Robots-Tag', 'noindex, nofollow')
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader('X-Frame-Options', 'DENY')
    .setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
}

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/** `?lang=en|zh` (also as a form field), else English when the browser's first language is English; Chinese otherwise. */
export function pageLanguage(req: Pick<Request, 'query' | 'headers' | 'body'>): PageLanguage {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : typeof (req.body as Record<string, unknown> | undefined)?.lang === 'string' ? String((req.body as Record<string, unknown>).lang) : '';
  if (/^en\b/i.test(asked)) return 'en';
  if (/^zh\b/i.test(asked)) return 'zh';
  const header = req.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : (header ?? '')).split(',')[0]?.trim() ?? '';
  return /^en\b/i.test(first) ? 'en' : 'zh';
}

/** A form (`likert_<id>`, `nps`, `comment`) or JSON (`likert: {…}`) body → the answer to check, and the values to show again. */
export function readAnswer(body: unknown): { raw: RawSurveyAnswer; values: FormValues } {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const likert: Record<string, unknown> = {};
  if (fields.likert !== null && typeof fields.likert === 'object' && !Array.isArray(fields.likert)) Object.assign(likert, fields.likert);
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('likert_')) likert[name.slice('likert_'.length)] = value;
  }
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  return {
    raw: { likert, nps: fields.nps, comment: fields.comment },
    values: { likert: Object.fromEntries(Object.entries(likert).map(([id, value]) => [id, text(value)])), nps: text(fields.nps), comment: typeof fields.comment === 'string' ? fields.comment : '' },
  };
}
