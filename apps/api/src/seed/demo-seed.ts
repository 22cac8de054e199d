import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { parseDocumentText, type Role, type SchemeDocument, validateScheme } from '@carescore/engine';
import { generatePopulation } from '../../../../libs/sample-data/src/generate-population';
import type { AuthUser, RequestContext } from '../common/auth/auth-user';
import { hashPassword } from '../modules/auth/password';
import { BindingsService } from '../modules/bindings/bindings.service';
import { findTemplatesDirectory } from '../modules/documents/document-templates';
import { DocumentsService } from '../modules/documents/documents.service';
import { EvaluationsRepository } from '../modules/evaluations/evaluations.repository';
import { EvaluationsService } from '../modules/evaluations/evaluations.service';
import { PeriodsService } from '../modules/periods/periods.service';
import { IngestFacts } from '../modules/facts/ingest-facts.use-case';
import { InstitutionsRepository } from '../modules/institutions/institutions.repository';
import { StaffService } from '../modules/staff/staff.service';
import type { StaffTier } from '../modules/staff/staff.entity';
import { TeamsService } from '../modules/teams/teams.service';
import { UsersRepository } from '../modules/users/users.repository';
import { UsersService } from '../modules/users/users.service';
import { seedDemoFeedback } from './demo-feedback';

export const DEMO_INSTITUTION = 'Demo Health';
export const OTHER_INSTITUTION = 'Other Clinic';
export const DEMO_PASSWORD = 'carescore';

// Every shipped template, published; the zone workflows open cases from the demo runs' red, yellow and blue zones;
// client-survey is the questionnaire survey links (/s/<token>) ask.
const TEMPLATES = ['satisfaction-first', 'hm-3d9i', 'career-tiers', 'hospital-online-service', 'negative-feedback', 'suspend_and_train', 'assign_mentor', 'process_improvement', 'score-appeal', 'client-survey'];

const TEAMS = [
  { name: '健康管理一组', nameEn: 'Health management team 1' },
  { name: '健康管理二组', nameEn: 'Health management team 2' },
  { name: '在线客服组', nameEn: 'Online service desk' },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['敏', '静', '伟', '芳', '娜', '磊', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '霞'];

/** Deterministic demo names and tiers: 60 staff, 3 teams, about half junior. */
function demoStaff(): Array<{ code: string; name: string; team: number; tier: StaffTier }> {
  return Array.from({ length: 60 }, (_, i) => ({
    code: `D${String(i + 1).padStart(3, '0')}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
    team: i % 3,
    tier: (i % 10 < 5 ? 'junior' : i % 10 < 8 ? 'mid' : 'senior') as StaffTier,
  }));
}

async function createFirstAdmin(app: INestApplication, institutionId: string, email: string, name: string): Promise<RequestContext> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const user = await app.get(UsersRepository).insert({ institutionId, email, name, passwordHash: hash, role: 'admin', staffId: null, locale: 'zh', active: true });
  const actor: AuthUser = { id: user.id, institutionId, email, role: 'admin', staffId: null };
  return { user: actor, ip: null };
}

/** hm-3d9i as the demo institution runs it: quarterly, v1 with the template's weights, v2 with new ones. */
function quarterlyHm3d9i(weights?: Record<string, number>): Record<string, unknown> {
  const directory = findTemplatesDirectory();
  if (!directory) throw new Error('rule-templates/ not found');
  const parsed = parseDocumentText(readFileSync(join(directory, 'hm-3d9i.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('the hm-3d9i template does not parse');
  const doc = parsed.value as { period: string; dimensions: Array<{ id: string; weight: number }> };
  doc.period = 'quarter';
  if (weights) for (const dimension of doc.dimensions) dimension.weight = weights[dimension.id] ?? dimension.weight;
  return doc as unknown as Record<string, unknown>;
}

/** The two demo quarters: facts for every demo staff member, evaluated in order (Q2 reads Q1 as history). */
const DEMO_QUARTERS = [
  { period: '2026-Q1', seed: 20260101 },
  { period: '2026-Q2', seed: 20260401 },
];

/** Realistic hm-3d9i facts for the demo staff, drawn from the scheme's own scoring lines (deterministic per quarter). */
async function seedDemoFacts(app: INestApplication, ctx: RequestContext): Promise<void> {
  const validated = validateScheme(quarterlyHm3d9i());
  if (!validated.ok) throw new Error('the quarterly hm-3d9i demo scheme is invalid');
  const scheme: SchemeDocument = validated.value;
  const staff = demoStaff();
  for (const { period, seed } of DEMO_QUARTERS) {
    const generated = generatePopulation(scheme, staff.length, seed);
    const rows = staff.map((member, i) => ({ staffCode: member.code, period, inputs: generated[i].inputs ?? {} }));
    await app.get(IngestFacts).fromJson(ctx, rows as Parameters<IngestFacts['fromJson']>[1], { partial: false, fileName: null });
  }
}

/** The demo's past quarter is published (staff see it and may acknowledge or appeal); the current one stays open. */
async function publishDemoQuarter(app: INestApplication, ctx: RequestContext, logger: LoggerService): Promise<void> {
  try {
    await app.get(PeriodsService).publish(ctx, DEMO_QUARTERS[0].period);
  } catch (error) {
    logger.warn?.(`demo period ${DEMO_QUARTERS[0].period} was not published: ${(error as Error).message}`);
  }
}

/** Evaluates the demo quarters one after the other, waiting for each (in-process, or by a worker when REDIS_URL is set). */
async function evaluateDemoQuarters(app: INestApplication, ctx: RequestContext, logger: LoggerService): Promise<void> {
  const runs = app.get(EvaluationsRepository);
  for (const { period } of DEMO_QUARTERS) {
    const run = await app.get(EvaluationsService).start(ctx, { period });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const state = await runs.findRunById(run.id);
      if (state?.status === 'succeeded' || state?.status === 'failed') {
        logger.log(`demo evaluation of ${period}: ${state.status} (${state.done} scorecards)`);
        break;
      }
      if (Date.now() > deadline) {
        logger.warn?.(`demo evaluation of ${period} is still ${state?.status ?? 'missing'}; with REDIS_URL set, start a worker (npm run worker) to finish it`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function seedDemoHealth(app: INestApplication, logger: LoggerService): Promise<void> {
  const institution = await app.get(InstitutionsRepository).insert(DEMO_INSTITUTION);
  const ctx = await createFirstAdmin(app, institution.id, 'admin@demo.test', '系统管理员 Admin');
  const users = app.get(UsersService);
  const manager = await users.create(ctx, { email: 'manager@demo.test', name: '团队经理 Manager', password: DEMO_PASSWORD, role: 'manager' as Role, locale: 'zh' });
  await users.create(ctx, { email: 'quality@demo.test', name: '质控专员 Quality officer', password: DEMO_PASSWORD, role: 'quality_officer' as Role, locale: 'zh' });
  // The assessment committee's admin: the second pair of eyes that approves the first admin's rule changes.
  await users.create(ctx, { email: 'committee@demo.test', name: '考核委员会 Committee', password: DEMO_PASSWORD, role: 'admin' as Role, locale: 'zh' });

  const teams = app.get(TeamsService);
  const teamIds: string[] = [];
  for (const [index, team] of TEAMS.entries()) {
    teamIds.push((await teams.create(ctx, { ...team, managerId: index === 0 ? manager.id : null })).team.id);
  }
  const staff = app.get(StaffService);
  let firstStaffId = '';
  for (const member of demoStaff()) {
    const created = await staff.create(ctx, { code: member.code, name: member.name, teamId: teamIds[member.team], tier: member.tier });
    firstStaffId ||= created.id;
  }
  await users.create(ctx, { email: 'staff@demo.test', name: '健康管理师 Staff', password: DEMO_PASSWORD, role: 'staff' as Role, staffId: firstStaffId, locale: 'zh' });

  const documents = app.get(DocumentsService);
  const bindings = app.get(BindingsService);
  for (const key of TEMPLATES) {
    const created = key === 'hm-3d9i' ? await documents.create(ctx, { content: quarterlyHm3d9i() }) : await documents.create(ctx, { template: key });
    const published = await documents.publish(ctx, created.document.id, created.document.revision);
    if (key !== 'hm-3d9i') continue;
    await bindings.create(ctx, { period: '2026-Q1', teamId: null, documentId: published.document.id, version: 1 });
    const draft = await documents.update(ctx, published.document.id, published.document.revision, quarterlyHm3d9i({ execution: 35, influence: 35, relationship: 30 }));
    await documents.publish(ctx, draft.document.id, draft.document.revision);
    await bindings.create(ctx, { period: '2026-Q2', teamId: null, documentId: published.document.id, version: 2 });
  }
  await seedDemoFacts(app, ctx);
  await evaluateDemoQuarters(app, ctx, logger);
  await publishDemoQuarter(app, ctx, logger);
  await seedDemoFeedback(app, ctx);
  // From now on a second person approves rule changes here (issue 15); Other Clinic acts at once.
  await app.get(InstitutionsRepository).setApprovals(institution.id, true);
}

async function seedOtherClinic(app: INestApplication): Promise<void> {
  const institution = await app.get(InstitutionsRepository).insert(OTHER_INSTITUTION);
  const ctx = await createFirstAdmin(app, institution.id, 'admin@other.test', 'Other Clinic admin');
  const team = await app.get(TeamsService).create(ctx, { name: '门诊随访组', nameEn: 'Outpatient follow-up' });
  for (let i = 1; i <= 5; i += 1) await app.get(StaffService).create(ctx, { code: `O${String(i).padStart(3, '0')}`, name: `Other staff ${i}`, teamId: team.team.id, tier: 'junior' });
  const documents = app.get(DocumentsService);
  const created = await documents.create(ctx, { template: 'satisfaction-first' });
  await documents.publish(ctx, created.document.id, created.document.revision);
}

/**
 * Loads the demo institutions once: on the first embedded start and by `npm run seed`.
 * "Other Clinic" exists so that tenant isolation can be seen.
 */
export async function ensureDemoData(app: INestApplication, logger: LoggerService): Promise<void> {
  const institutions = app.get(InstitutionsRepository);
  if (await institutions.findByName(DEMO_INSTITUTION)) return;
  logger.log('loading demo data (first start)…');
  await seedDemoHealth(app, logger);
  if (!(await institutions.findByName(OTHER_INSTITUTION))) await seedOtherClinic(app);
  logger.log(`demo data loaded: sign in as admin@demo.test, committee@demo.test (a second admin, who approves rule changes), quality@demo.test, manager@demo.test, staff@demo.test or admin@other.test — password "${DEMO_PASSWORD}" (demo only)`);
}
