import { Inject, Injectable } from '@nestjs/common';
import { type ValidationIssue, zodIssuesToValidationIssues } from '@carescore/engine';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { unprocessable } from '../../common/errors/domain-error';
import { msg } from '../../common/i18n/messages';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CLOCK, type Clock } from '../cases/clock';
import { monthOf, periodsWithin } from '../cases/periods';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { type CreateInvitationsResponse, type InvitationItem, invitationItemSchema, type ResponseRatesQuery, type ResponseRatesResponse } from './surveys.dto';
import { type InvitationWrite, type RateCounts, SurveyInvitationsRepository } from './survey-invitations.repository';
import { signSurveyToken } from './survey-tokens';

const DAY_MS = 86_400_000;
/** More problems than this are counted in the message but not listed. */
const MAX_LISTED_PROBLEMS = 200;

const rate = <T extends RateCounts>(counts: T): T & { rate: number | null } => ({ ...counts, rate: counts.sent === 0 ? null : counts.answered / counts.sent });

/**
 * Invitations to answer a survey (SPEC §6): all or nothing, each about an active staff member of the caller's
 * institution and a published survey, whose latest published version the client will answer. Each gets a signed,
 * single-use link `/s/<token>` that expires after `expiresInDays` (default 14) days.
 */
@Injectable()
export class SurveyInvitationsService {
  constructor(
    @Inject(SurveyInvitationsRepository) private readonly repository: SurveyInvitationsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `origin`: scheme and host the request came to, for absolute links. */
  async create(ctx: RequestContext, raw: Array<Record<string, unknown>>, batch: boolean, origin: string): Promise<CreateInvitationsResponse> {
    const institutionId = ctx.user.institutionId;
    const issues: ValidationIssue[] = [];
    const pathOf = (index: number, field: PropertyKey[]) => {
      const rest = field.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('');
      return batch ? `[${index}]${rest}` : rest.replace(/^\./, '');
    };
    const items: Array<{ index: number; item: InvitationItem }> = [];
    raw.forEach((value, index) => {
      const parsed = invitationItemSchema.safeParse(value);
      if (parsed.success) items.push({ index, item: parsed.data });
      else {
        const coded = zodIssuesToValidationIssues(parsed.error);
        parsed.error.issues.forEach((zodIssue, i) => issues.push({ ...coded[i], path: pathOf(index, zodIssue.path) }));
      }
    });
    return this.transactions.run(async (tx) => {
      const surveys = await this.repository.publishedSurveys(institutionId, [...new Set(items.map(({ item }) => item.surveyKey))], tx);
      const staff = await this.repository.staffByCodes(institutionId, [...new Set(items.map(({ item }) => item.staffCode))], tx);
      for (const { index, item } of items) {
        if (!surveys.has(item.surveyKey)) issues.push({ path: pathOf(index, ['surveyKey']), message: msg('surveys.no_published_survey', { key: item.surveyKey }) });
        const member = staff.get(item.staffCode);
        if (!member) issues.push({ path: pathOf(index, ['staffCode']), message: msg('feedback.unknown_staff', { code: item.staffCode }) });
        else if (!member.active) issues.push({ path: pathOf(index, ['staffCode']), message: msg('feedback.inactive_staff', { code: item.staffCode }) });
      }
      if (issues.length > 0) {
        issues.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
        throw unprocessable(msg('surveys.invitation_problems', { count: issues.length, rows: raw.length, listed: MAX_LISTED_PROBLEMS }), issues.slice(0, MAX_LISTED_PROBLEMS));
      }
      const now = this.clock.now();
      const timeZone = await this.institutions.timeZone(institutionId, tx);
      const writes: InvitationWrite[] = items.map(({ item }) => ({
        survey: surveys.get(item.surveyKey) as InvitationWrite['survey'],
        staff: staff.get(item.staffCode) as InvitationWrite['staff'],
        customerRef: item.customerRef ?? null,
        event: item.event ?? null,
        period: monthOf(now, timeZone),
        expiresAt: new Date(now.getTime() + item.expiresInDays * DAY_MS),
      }));
      const ids = await this.repository.insert(institutionId, ctx.user.id, writes, tx);
      const response: CreateInvitationsResponse = {
        created: ids.length,
        items: ids.map((id, i) => {
          const path = `/s/${signSurveyToken(this.config.jwtSecret, id)}`;
          const write = writes[i];
          return {
            id,
            surveyKey: write.survey.key,
            surveyVersion: write.survey.version,
            staffCode: write.staff.code,
            customerRef: write.customerRef,
            event: write.event,
            path,
            url: `${origin}${path}`,
            expiresAt: write.expiresAt.toISOString(),
          };
        }),
      };
      await this.audit.record(
        ctx,
        'create',
        'survey_invitation',
        ids.length === 1 ? ids[0] : null,
        {
          count: ids.length,
          surveys: [...new Set(writes.map((write) => `${write.survey.key}@${write.survey.version}`))],
          staffCodes: [...new Set(writes.map((write) => write.staff.code))].slice(0, 100),
          events: [...new Set(writes.map((write) => write.event).filter((event) => event !== null))],
          ids: ids.slice(0, 100),
          expiresAt: [...new Set(writes.map((write) => write.expiresAt.toISOString()))].slice(0, 10),
        },
        tx,
      );
      return response;
    });
  }

  /** Invitations sent in a period, answered and expired, per staff member and team the reader may see. */
  async responseRates(user: AuthUser, query: ResponseRatesQuery): Promise<ResponseRatesResponse> {
    const rows = await this.repository.ratesByStaff(readerScopeOf(user), periodsWithin(query.period).filter((period) => !period.includes('Q')), this.clock.now(), query);
    const teams = new Map<string, { teamId: string | null; teamName: string | null } & RateCounts>();
    const total: RateCounts = { sent: 0, answered: 0, expired: 0 };
    for (const row of rows) {
      const key = row.teamId ?? '';
      const team = teams.get(key) ?? { teamId: row.teamId, teamName: row.teamName, sent: 0, answered: 0, expired: 0 };
      for (const counts of [team, total]) {
        counts.sent += row.sent;
        counts.answered += row.answered;
        counts.expired += row.expired;
      }
      teams.set(key, team);
    }
    return {
      period: query.period,
      total: rate(total),
      staff: rows.map((row) => rate(row)),
      teams: [...teams.values()].sort((a, b) => (a.teamName ?? '\uffff').localeCompare(b.teamName ?? '\uffff')).map((team) => rate(team)),
    };
  }
}
