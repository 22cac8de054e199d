import { Inject, Injectable } from '@nestjs/common';
import { type ValidationIssue, zodIssuesToValidationIssues } from '@carescore/engine';
import type { RequestContext } from '../../common/auth/auth-user';
import { unprocessable } from '../../common/errors/domain-error';
import { msg } from '../../common/i18n/messages';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { CaseWorkflows } from '../cases/case-workflows';
import { CLOCK, type Clock } from '../cases/clock';
import { type CaseToOpen, OpenCases } from '../cases/open-cases';
import { monthOf } from '../cases/periods';
import { CASE_TIMERS, type CaseTimers } from '../cases/sla/case-timers';
import { type FeedbackItem, feedbackItemSchema, type IngestFeedbackResponse } from './feedback.dto';
import type { LikertAnswers } from './feedback.entity';
import { type FeedbackWrite, FeedbackRepository } from './feedback.repository';
import type { ReceivedFeedback } from './feedback-sheet';

/** More problems than this are counted in the message but not listed. */
const MAX_LISTED_PROBLEMS = 200;
/** A response dated further ahead of the clock than this is refused (a wrong year or time zone). */
const MAX_FUTURE_MS = 24 * 3_600_000;

/**
 * What a workflow trigger sees of one response (SPEC §1.3): `likert` is the lowest Likert answer
 * (the worst dimension), `likert_mean` their mean, `nps`, `channel` and `comment` as given. Facts a
 * response lacks are absent, and a condition on an absent fact is false.
 */
export function triggerFacts(item: { likert: LikertAnswers; nps: number | null; channel: string | null; comment: string | null }): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const answers = Object.values(item.likert);
  if (answers.length > 0) {
    facts.likert = Math.min(...answers);
    facts.likert_mean = answers.reduce((sum, value) => sum + value, 0) / answers.length;
  }
  if (item.nps !== null) facts.nps = item.nps;
  if (item.channel !== null) facts.channel = item.channel;
  if (item.comment !== null) facts.comment = item.comment;
  return facts;
}

/**
 * Who hands the responses in: a signed-in user, or (a client answering a survey link) nobody signed in, named by
 * `actor` in the audit log (`survey-invitation:<id>`).
 */
export type FeedbackSender = RequestContext | { system: { institutionId: string; actor: string } };

/** Runs inside the ingestion's transaction once the responses are stored (and their cases opened), before it commits. */
export type WithinIngestion = (response: IngestFeedbackResponse, tx: Tx) => Promise<void>;

interface Checked {
  responseId: string;
  staffCode: string;
  item: FeedbackItem;
  respondedAt: Date;
  path: ReceivedFeedback;
}

/**
 * Takes survey responses (JSON or a CSV/XLSX sheet), all or nothing: every response is checked
 * (422 naming each problem, nothing stored), then new responses are stored and checked against the
 * triggers of the institution's published workflows; each match opens a case on that workflow, in
 * the same transaction. Idempotent on the response id: a response received before is reported as
 * a duplicate and changes nothing (the first version received is kept).
 */
@Injectable()
export class IngestFeedback {
  constructor(
    @Inject(FeedbackRepository) private readonly feedback: FeedbackRepository,
    @Inject(CaseWorkflows) private readonly workflows: CaseWorkflows,
    @Inject(OpenCases) private readonly openCases: OpenCases,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_TIMERS) private readonly timers: CaseTimers,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
  ) {}

  async execute(ctx: FeedbackSender, received: ReceivedFeedback[], source: 'json' | 'csv' | 'xlsx' | 'survey', fileName: string | null = null, within?: WithinIngestion): Promise<IngestFeedbackResponse> {
    const institutionId = 'system' in ctx ? ctx.system.institutionId : ctx.user.institutionId;
    if (received.length === 0) throw unprocessable(msg('feedback.no_rows'), [{ path: 'rows', message: msg('feedback.no_rows.detail') }]);
    const { checked, issues } = this.check(received);
    const { response, checks } = await this.transactions.run(async (tx) => {
      const staff = await this.feedback.staffByCodes(institutionId, [...new Set(checked.map((row) => row.staffCode))], tx);
      for (const row of checked) {
        const member = staff.get(row.staffCode);
        if (!member) issues.push({ path: row.path.pathOf(['staffCode']), message: msg('feedback.unknown_staff', { code: row.staffCode }) });
        else if (!member.active) issues.push({ path: row.path.pathOf(['staffCode']), message: msg('feedback.inactive_staff', { code: row.staffCode }) });
      }
      if (issues.length > 0) throw this.rejection(issues, received.length);

      const timeZone = await this.institutions.timeZone(institutionId, tx);
      const existing = await this.feedback.existing(institutionId, checked.map((row) => row.responseId), tx);
      const fresh = checked.filter((row) => !existing.has(row.responseId));
      const writes: FeedbackWrite[] = fresh.map((row) => {
        const member = staff.get(row.staffCode) as { id: string; teamId: string | null };
        return {
          responseId: row.responseId,
          staffId: member.id,
          teamId: member.teamId,
          customerRef: row.item.customerRef ?? null,
          channel: row.item.channel ?? null,
          likert: row.item.likert,
          nps: row.item.nps ?? null,
          comment: row.item.comment ?? null,
          respondedAt: row.respondedAt,
          period: monthOf(row.respondedAt, timeZone),
        };
      });
      const inserted = await this.feedback.insert(institutionId, 'system' in ctx ? null : ctx.user.id, writes, tx);

      const published = (await this.workflows.published(institutionId, tx)).filter((workflow) => workflow.trigger !== null);
      const requests: CaseToOpen[] = [];
      for (const write of writes) {
        const feedbackId = inserted.get(write.responseId);
        if (!feedbackId) continue;
        const facts = triggerFacts(write);
        for (const workflow of published) {
          if (workflow.trigger?.(facts)) requests.push({ workflow, source: 'feedback', staffId: write.staffId, teamId: write.teamId, period: write.period, feedbackId });
        }
      }
      const { opened, checks } = await this.openCases.open(institutionId, requests, tx);

      const ids = new Map([...existing, ...inserted]);
      const cases = await this.feedback.casesOf([...ids.values()], tx);
      const items = checked.map((row) => {
        const feedbackId = ids.get(row.responseId) as string;
        return { responseId: row.responseId, feedbackId, status: inserted.has(row.responseId) ? ('created' as const) : ('duplicate' as const), cases: cases.get(feedbackId) ?? [] };
      });
      const response: IngestFeedbackResponse = {
        received: checked.length,
        created: inserted.size,
        duplicates: checked.length - inserted.size,
        casesOpened: opened.length,
        items,
      };
      if (inserted.size > 0) {
        const action = source === 'json' || source === 'survey' ? 'create' : 'import';
        const changes = { source, fileName, received: response.received, created: response.created, duplicates: response.duplicates, casesOpened: response.casesOpened, responseIds: [...inserted.keys()].slice(0, 100) };
        if ('system' in ctx) await this.audit.recordSystem(institutionId, ctx.system.actor, action, 'feedback', null, changes, tx);
        else await this.audit.record(ctx, action, 'feedback', null, changes, tx);
      }
      if (within) await within(response, tx);
      return { response, checks };
    });
    this.timers.schedule(checks);
    return response;
  }

  /** Shape and values of every response, and response ids repeated within the upload. */
  private check(received: ReceivedFeedback[]): { checked: Checked[]; issues: ValidationIssue[] } {
    const issues: ValidationIssue[] = [];
    const checked: Checked[] = [];
    const seen = new Map<string, string>();
    const now = this.clock.now();
    for (const row of received) {
      const parsed = feedbackItemSchema.safeParse(row.raw);
      if (!parsed.success) {
        // Coded as the engine codes zod's issues, so the answer words them in the reader's language.
        const coded = zodIssuesToValidationIssues(parsed.error);
        parsed.error.issues.forEach((issue, index) => issues.push({ ...coded[index], path: row.pathOf(issue.path) }));
        continue;
      }
      const item = parsed.data;
      const respondedAt = item.respondedAt ? new Date(item.respondedAt) : now;
      if (respondedAt.getTime() > now.getTime() + MAX_FUTURE_MS) {
        issues.push({ path: row.pathOf(['respondedAt']), message: msg('feedback.in_future', { at: respondedAt.toISOString() }) });
        continue;
      }
      const first = seen.get(item.responseId);
      if (first !== undefined) {
        issues.push({ path: row.pathOf(['responseId']), message: msg('feedback.repeated', { id: item.responseId, first }) });
        continue;
      }
      seen.set(item.responseId, row.path);
      checked.push({ responseId: item.responseId, staffCode: item.staffCode, item, respondedAt, path: row });
    }
    return { checked, issues };
  }

  private rejection(issues: ValidationIssue[], total: number) {
    const listed = issues.slice(0, MAX_LISTED_PROBLEMS);
    return unprocessable(msg('feedback.problems', { count: issues.length, rows: total, listed: MAX_LISTED_PROBLEMS }), listed);
  }
}
