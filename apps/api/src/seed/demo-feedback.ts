import type { INestApplication } from '@nestjs/common';
import type { AuthUser, RequestContext } from '../common/auth/auth-user';
import { CaseActions } from '../modules/cases/case-actions';
import { AdjustableClock, CLOCK } from '../modules/cases/clock';
import { CaseEscalations } from '../modules/cases/sla/case-escalations';
import { receivedFromJson } from '../modules/feedback/feedback-sheet';
import { IngestFeedback } from '../modules/feedback/ingest-feedback.use-case';
import { UsersRepository } from '../modules/users/users.repository';

const HOUR = 3_600_000;

/** What the demo officers typed into each stage of the negative-feedback workflow. */
const STAGE_FIELDS: Record<string, Record<string, unknown>> = {
  root_cause: {
    category: 'attitude',
    severity: 'major',
    analysis: '随访电话中语气生硬、未解释用药调整原因，客户多次追问未获答复，导致不满。',
    contributing_factors: ['workload', 'training'],
  },
  plan: {
    actions: '开展沟通技巧与共情培训；制定投诉回电清单，要求 24 小时内回电并记录。',
    owner: '一组组长 李敏',
    due_date: '2026-12-15',
    training_required: true,
  },
  apology: { channel: 'phone', apologised_on: '2026-11-20', client_response: 'accepted', notes: '客户接受致歉，希望今后随访时解释清楚用药变化。' },
  fix: {
    changes: '回电清单已上线，抽查两周随访录音，均按要求解释用药调整并在 24 小时内回电。',
    verified: true,
    follow_up_likert: 4,
  },
};

const STAGES = ['root_cause', 'plan', 'apology', 'fix'] as const;
type StageId = (typeof STAGES)[number];

interface Scenario {
  responseId: string;
  staffCode: string;
  /** Hours before the seed runs that the response came in and the case opened. */
  openedHoursAgo: number;
  likert: Record<string, number>;
  nps?: number;
  channel: string;
  comment: string;
  /** Hours after opening at which each stage was completed, in order (fewer than four: the case is still open). */
  completedAt?: number[];
  /** Hours after opening at which a quality officer sent the case back to `plan`. */
  reopenedAt?: number;
  comments?: Array<{ at: number; text: string }>;
  /** Hours after opening at which the quality officer took the case. */
  assignedToQualityAt?: number;
}

/**
 * Bad reviews in every state a newcomer should see: closed within the SLA and late, at each stage,
 * overdue (breached and escalated), sent back, and fresh ones waiting in the quality officer's inbox.
 * D001 is the staff login's own record; D001, D004, D007 and D010 are in the manager's team (健康管理一组).
 */
const SCENARIOS: Scenario[] = [
  { responseId: 'demo-fb-001', staffCode: 'D004', openedHoursAgo: 216, likert: { attitude: 2, expertise: 3 }, channel: 'phone', comment: '随访电话里态度很冷淡。', completedAt: [5, 30, 45, 100] },
  { responseId: 'demo-fb-002', staffCode: 'D002', openedHoursAgo: 192, likert: { attitude: 1 }, nps: 3, channel: 'wechat', comment: '咨询了三次都没人回复。', completedAt: [30, 60, 70, 150] },
  { responseId: 'demo-fb-003', staffCode: 'D003', openedHoursAgo: 168, likert: { timeliness: 2 }, channel: 'app', comment: '预约的随访迟到了一个小时。', completedAt: [3, 20, 30, 80] },
  { responseId: 'demo-fb-004', staffCode: 'D007', openedHoursAgo: 72, likert: { expertise: 2 }, channel: 'phone', comment: '对血糖记录的解释前后矛盾。', completedAt: [4, 20, 30] },
  { responseId: 'demo-fb-005', staffCode: 'D001', openedHoursAgo: 20, likert: { attitude: 2, communication: 2 }, channel: 'phone', comment: '说话太快，没听懂注意事项。', completedAt: [2, 10] },
  {
    responseId: 'demo-fb-006',
    staffCode: 'D010',
    openedHoursAgo: 96,
    likert: { attitude: 1 },
    nps: 2,
    channel: 'hotline',
    comment: '投诉后一直没有人联系我。',
    completedAt: [5],
    comments: [{ at: 6, text: '已提醒团队经理尽快制定改进计划。' }],
  },
  { responseId: 'demo-fb-007', staffCode: 'D006', openedHoursAgo: 30, likert: { timeliness: 1 }, channel: 'wechat', comment: '报告解读等了两天。', assignedToQualityAt: 1 },
  {
    responseId: 'demo-fb-008',
    staffCode: 'D008',
    openedHoursAgo: 48,
    likert: { communication: 2 },
    channel: 'phone',
    comment: '改期没有提前通知。',
    completedAt: [3, 12],
    reopenedAt: 14,
  },
  { responseId: 'demo-fb-009', staffCode: 'D009', openedHoursAgo: 3, likert: { attitude: 2 }, channel: 'app', comment: '在线咨询回复敷衍。' },
  { responseId: 'demo-fb-010', staffCode: 'D011', openedHoursAgo: 1, likert: {}, nps: 4, channel: 'survey', comment: '不会推荐给朋友，服务不够用心。' },
  // Good reviews: no case.
  { responseId: 'demo-fb-011', staffCode: 'D012', openedHoursAgo: 50, likert: { attitude: 5, expertise: 5 }, nps: 10, channel: 'survey', comment: '非常耐心，讲解清楚。' },
  { responseId: 'demo-fb-012', staffCode: 'D013', openedHoursAgo: 26, likert: { attitude: 4, timeliness: 4 }, nps: 9, channel: 'app', comment: '随访很及时。' },
  { responseId: 'demo-fb-013', staffCode: 'D004', openedHoursAgo: 5, likert: { attitude: 4 }, channel: 'phone', comment: '这次沟通好多了。' },
];

async function contextOf(app: INestApplication, institutionId: string, email: string): Promise<RequestContext> {
  const user = await app.get(UsersRepository).findByEmail(institutionId, email);
  if (!user) throw new Error(`demo user ${email} is missing`);
  const actor: AuthUser = { id: user.id, institutionId: user.institutionId, email: user.email, role: user.role, staffId: user.staffId };
  return { user: actor, ip: null };
}

/**
 * Loads the demo's survey responses and works their cases as the demo users would have, each step
 * at its own moment in the past (the application clock is moved back for it and set free again),
 * then runs the SLA sweep so that overdue stages are breached and escalated as they would have been.
 */
export async function seedDemoFeedback(app: INestApplication, admin: RequestContext): Promise<void> {
  const clock = app.get<AdjustableClock>(CLOCK);
  const quality = await contextOf(app, admin.user.institutionId, 'quality@demo.test');
  const manager = await contextOf(app, admin.user.institutionId, 'manager@demo.test');
  const staff = await contextOf(app, admin.user.institutionId, 'staff@demo.test');
  const managerTeam = new Set(['D001', 'D004', 'D007', 'D010']);
  // Who completes each stage: its role's demo user where that user may see the case, else the admin.
  const actorFor = (stage: StageId, staffCode: string): RequestContext => {
    if (stage === 'root_cause') return quality;
    if (stage === 'apology') return staffCode === 'D001' ? staff : admin;
    return managerTeam.has(staffCode) ? manager : admin;
  };
  const actions = app.get(CaseActions);
  const start = Date.now();
  try {
    for (const scenario of SCENARIOS) {
      const openedAt = start - scenario.openedHoursAgo * HOUR;
      const at = (hours: number) => clock.set(new Date(openedAt + hours * HOUR));
      at(0);
      const { responseId, staffCode, likert, nps, channel, comment } = scenario;
      const respondedAt = new Date(openedAt - HOUR / 2).toISOString();
      const result = await app.get(IngestFeedback).execute(admin, receivedFromJson([{ responseId, staffCode, likert, nps, channel, comment, respondedAt, customerRef: `C-${responseId.slice(-3)}` }]), 'json');
      const item = result.items[0];
      const caseId = item?.status === 'created' ? item.cases.find((opened) => opened.workflowKey === 'negative-feedback')?.id : undefined;
      if (!caseId) continue;
      const steps: Array<{ at: number; run: () => Promise<void> }> = (scenario.completedAt ?? []).map((hours, index) => ({
        at: hours,
        run: () => actions.advance(actorFor(STAGES[index], staffCode), caseId, { stage: STAGES[index], fields: STAGE_FIELDS[STAGES[index]] }),
      }));
      if (scenario.reopenedAt !== undefined) steps.push({ at: scenario.reopenedAt, run: () => actions.reopen(quality, caseId, { stage: 'plan', reason: '改进计划缺少可检查的时间节点，请补充后重新提交。' }) });
      if (scenario.assignedToQualityAt !== undefined) steps.push({ at: scenario.assignedToQualityAt, run: () => actions.assign(quality, caseId, { assigneeId: quality.user.id }) });
      for (const note of scenario.comments ?? []) steps.push({ at: note.at, run: () => actions.comment(quality, caseId, { text: note.text }) });
      for (const step of steps.sort((a, b) => a.at - b.at)) {
        at(step.at);
        await step.run();
      }
    }
  } finally {
    clock.useSystemTime();
  }
  // What the periodic sweep would have done meanwhile: breach overdue stages, escalate, notify.
  await app.get(CaseEscalations).sweep();
}
