import { Inject, Injectable } from '@nestjs/common';
import type { WorkflowDocument } from '@carescore/engine';
import type { AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { caseScopeOf, completesStage, REVIEWER_ROLES } from './case-actions';
import { CaseWorkflows } from './case-workflows';
import {
  type CaseDetailResponse,
  type CaseFilter,
  type CaseResponse,
  type DashboardQuery,
  type DashboardResponse,
  toCaseResponse,
  toEventResponse,
  toStageResponse,
  toVisitResponse,
} from './cases.dto';
import { CaseReportsRepository } from './case-reports.repository';
import { CasesRepository, type CaseView } from './cases.repository';
import { CLOCK, type Clock } from './clock';

/** The inbox shows at most this many cases. */
const INBOX_LIMIT = 200;
export type CaseInboxView = 'mine' | 'others';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Reading cases: lists, one case with its timeline and form, the inbox and the dashboard. */
@Injectable()
export class CasesService {
  constructor(
    @Inject(CasesRepository) private readonly cases: CasesRepository,
    @Inject(CaseReportsRepository) private readonly reports: CaseReportsRepository,
    @Inject(CaseWorkflows) private readonly workflows: CaseWorkflows,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, query: ListQuery<CaseFilter>): Promise<Page<CaseResponse>> {
    const now = this.clock.now();
    const page = await this.cases.list(caseScopeOf(user), query, now);
    return { total: page.total, items: await this.present(page.items, now) };
  }

  /**
   * Open cases in the caller's queue, soonest due first: `mine`, those whose current stage is for the caller's role (an
   * admin's own cases, whatever the stage); `others`, a quality officer's or admin's cases waiting on another role.
   */
  async inbox(user: AuthUser, view: CaseInboxView = 'mine'): Promise<CaseResponse[]> {
    const now = this.clock.now();
    const items = await this.present(await this.cases.inbox(caseScopeOf(user), INBOX_LIMIT), now);
    const mine = (item: CaseResponse) => user.role === 'admin' || item.stageRole === user.role;
    if (view === 'mine') return items.filter(mine);
    return user.role === 'manager' || user.role === 'staff' ? [] : items.filter((item) => !mine(item));
  }

  /** How many cases wait on the caller, and (for quality officers and admins) on others. */
  async inboxCounts(user: AuthUser): Promise<{ mine: number; others: number; overdue: number }> {
    const [mine, others] = await Promise.all([this.inbox(user, 'mine'), this.inbox(user, 'others')]);
    return { mine: mine.length, others: others.length, overdue: mine.filter((item) => item.overdue).length };
  }

  async get(user: AuthUser, id: string): Promise<CaseDetailResponse> {
    const view = await this.cases.findVisible(caseScopeOf(user), id);
    if (!view) throw notFound('case', id);
    const now = this.clock.now();
    const workflow = (await this.workflows.pinnedOne(view.workflowVersionId)).document;
    const [events, visits, feedback] = await Promise.all([
      this.cases.events(view.institutionId, id),
      this.cases.visits(view.institutionId, id),
      view.feedbackId ? this.cases.feedback(view.institutionId, view.feedbackId) : Promise.resolve(null),
    ]);
    const stage = view.stageIndex !== null ? workflow.stages[view.stageIndex] : undefined;
    const open = view.status === 'open';
    return {
      ...toCaseResponse(view, workflow, now),
      currentStage: stage ? toStageResponse(stage) : null,
      stages: workflow.stages.map(toStageResponse),
      reopenTo: workflow.reopenTo.map((stageId) => ({ id: stageId, name: workflow.stages.find((candidate) => candidate.id === stageId)?.name ?? null })),
      escalation: workflow.escalation.map((step) => ({ afterHours: step.afterHours, notify: step.notify })),
      visits: visits.map((visit) => toVisitResponse(visit, workflow, now)),
      events: events.map(toEventResponse),
      feedback: feedback ? { ...feedback, respondedAt: feedback.respondedAt.toISOString() } : null,
      can: {
        advance: open && stage !== undefined && completesStage(user.role, stage),
        reopen: open && REVIEWER_ROLES.includes(user.role) && workflow.reopenTo.some((stageId) => workflow.stages.findIndex((s) => s.id === stageId) < (view.stageIndex ?? 0)),
        assign: open && REVIEWER_ROLES.includes(user.role),
        comment: true,
      },
    };
  }

  async dashboard(user: AuthUser, query: DashboardQuery): Promise<DashboardResponse> {
    const now = this.clock.now();
    const scope = caseScopeOf(user);
    const [teams, stages] = await Promise.all([this.reports.teamSla(scope, query.period ?? null, now), this.reports.stageCounts(scope, now)]);
    const sum = (pick: (row: (typeof teams)[number]) => number) => teams.reduce((total, row) => total + pick(row), 0);
    const published = await this.workflows.published(user.institutionId);
    const stageNames = new Map(published.flatMap((workflow) => workflow.document.stages.map((stage) => [`${workflow.key}/${stage.id}`, stage.name ?? null] as const)));
    const closed = sum((row) => row.closed);
    const closedInSla = sum((row) => row.closedInSla);
    return {
      asOf: now.toISOString(),
      period: query.period ?? null,
      open: sum((row) => row.open),
      overdue: sum((row) => row.overdue),
      opened: sum((row) => row.opened),
      closed,
      closedInSla,
      slaCompliance: ratio(closedInSla, closed),
      byStage: stages.map((row) => ({ ...row, stageName: stageNames.get(`${row.workflowKey}/${row.stage}`) ?? null })),
      teams: teams.map((row) => ({
        teamId: row.teamId,
        teamName: row.teamName,
        open: row.open,
        overdue: row.overdue,
        opened: row.opened,
        closed: row.closed,
        closedInSla: row.closedInSla,
        slaCompliance: ratio(row.closedInSla, row.closed),
        stageCompliance: ratio(row.stagesOnTime, row.stagesDue),
      })),
    };
  }

  private async present(views: CaseView[], now: Date): Promise<CaseResponse[]> {
    const workflows = await this.workflows.pinned(views.map((view) => view.workflowVersionId));
    return views.map((view) => toCaseResponse(view, (workflows.get(view.workflowVersionId)?.document ?? null) as WorkflowDocument | null, now));
  }
}
