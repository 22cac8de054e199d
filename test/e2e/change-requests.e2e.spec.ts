import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
import { UsersRepository } from '../../apps/api/src/modules/users/users.repository';
import { auditEntries } from './support/audit-entries';
import { storeDocument, type StoredDocument } from './support/documents-fixture';
import { bearer, createInstitution, login, PASSWORD, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Approvals (issue 15): with the institution's `approvals` on, publishing a document, changing the bindings of a
 * period with runs, promoting an experiment and closing or reopening a period each answer 202 with a change request
 * instead of acting; another admin (a quality officer too for a workflow) approves it, which applies the change as
 * the direct action would, or rejects it with a reason; the requester may withdraw it. Without approvals nothing
 * changes.
 */
let t: TestApp;
let alpha: TestInstitution;
let admin2: TestUser;
let beta: TestInstitution;

interface ChangeRequest {
  id: string;
  kind: string;
  status: string;
  target: { type: string; id: string };
  description: string;
  summary: Record<string, unknown>;
  requestedBy: { id: string; name: string; email: string };
  decidedBy: { id: string; name: string; email: string } | null;
  reason: string | null;
  mayDecide: boolean;
  mayWithdraw: boolean;
  stale?: boolean;
  diff?: { from: number | null; to: number; changes: Array<{ path: string; text: string }> } | null;
}
interface Item {
  kind: string;
  target: { type: string; id: string };
  title: string;
  body: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const http = () => t.http();
const post = (user: TestUser, path: string, body: Record<string, unknown> = {}, language = 'en') => http().post(path).set(bearer(user)).set('Accept-Language', language).send(body);
const get = (user: TestUser, path: string, language = 'en') => http().get(path).set(bearer(user)).set('Accept-Language', language);
const approve = (user: TestUser, id: string) => post(user, `/api/change-requests/${id}/approve`);
const inbox = async (user: TestUser, language = 'en') => (await get(user, '/api/notifications/mine', language).expect(200)).body as Item[];
const sql = <T>(query: string, values: unknown[] = []) => t.ownerQuery<T>(query, values);
const revisionOf = async (user: TestUser, id: string) => ((await get(user, `/api/documents/${id}`).expect(200)).body as { revision: number }).revision;
const versions = async (user: TestUser, id: string) => ((await get(user, `/api/documents/${id}/versions`).expect(200)).body as Array<{ version: number; status: string }>).map((v) => `${v.version}:${v.status}`);

/** Asks for a publish of the document's draft: 202 with the pending request. */
async function requestPublish(user: TestUser, document: StoredDocument): Promise<ChangeRequest> {
  const response = await post(user, `/api/documents/${document.id}/publish`, { revision: await revisionOf(user, document.id) });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body as ChangeRequest;
}

/** A finished run of the period, so that its bindings change only by request. */
async function giveRuns(institutionId: string, period: string): Promise<void> {
  await sql(`INSERT INTO evaluation_runs (institution_id, period, status) VALUES ($1, $2, 'failed')`, [institutionId, period]);
}

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  const email = `second.admin.${Date.now()}@alpha.test`;
  const user = await t.app.get(UsersRepository).insert({ institutionId: alpha.id, email, name: '李审批', passwordHash: await hashPassword(PASSWORD), role: 'admin', staffId: null, locale: 'zh', active: true });
  admin2 = { id: user.id, email, role: 'admin', token: await login(t, email) };
  beta = await createInstitution(t, 'Beta');
  // Approvals are an admin's setting, off by default and audited when turned on.
  expect((await get(alpha.admin, '/api/institution').expect(200)).body).toMatchObject({ approvals: false });
  await http().put('/api/institution').set(bearer(alpha.manager)).send({ approvals: true }).expect(403);
  expect((await http().put('/api/institution').set(bearer(alpha.admin)).send({ approvals: true }).expect(200)).body).toMatchObject({ approvals: true });
  const [entry] = await auditEntries(t, alpha.admin, { entityType: 'institution', action: 'update' });
  expect(entry.changes).toMatchObject({ before: { approvals: false }, after: { approvals: true } });
}, 120_000);
afterAll(async () => t?.close());

describe('a document publish under approvals', () => {
  it('answers 202 with a change request instead of publishing, tells every other admin, and shows the diff in words', async () => {
    const document = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'draft'], 'cr-publish');
    const request = await requestPublish(alpha.admin, document);
    expect(request).toMatchObject({
      kind: 'document_publish',
      status: 'pending',
      target: { type: 'document', id: document.id },
      description: 'Publish Three dimensions, nine indicators version 2',
      requestedBy: { id: alpha.admin.id, email: alpha.admin.email },
      decidedBy: null,
      mayDecide: false,
      mayWithdraw: true,
    });
    expect(await versions(alpha.admin, document.id)).toEqual(['2:draft', '1:published']);
    const detail = (await get(admin2, `/api/change-requests/${request.id}`, 'zh').expect(200)).body as ChangeRequest;
    expect(detail).toMatchObject({ description: '发布三维九项行为量化第 2 版', mayDecide: true, mayWithdraw: false, stale: false, diff: { from: 1, to: 2 } });
    expect(detail.diff?.changes.map((change) => change.path)).toEqual(['description.en']);
    // The inbox: the other admin is asked (in their language, no ids), the requester and the quality officer are not (a scheme).
    const [asked] = await inbox(admin2, 'zh');
    expect(asked).toMatchObject({ kind: 'change_request_pending', target: { type: 'change_request', id: request.id }, title: '待你审批：发布三维九项行为量化第 2 版' });
    expect(asked.body).toBe(`admin ${alpha.name.split(' ')[1]}提交了变更申请：发布三维九项行为量化第 2 版。请打开申请查看变更内容并审批。`);
    expect(`${asked.title} ${asked.body}`).not.toMatch(UUID);
    expect((await inbox(alpha.admin)).filter((item) => item.kind === 'change_request_pending')).toEqual([]);
    expect((await inbox(alpha.quality)).filter((item) => item.kind === 'change_request_pending')).toEqual([]);
    // The queue: pending requests the reader may decide (the console's badge).
    const actionable = await get(admin2, `/api/change-requests?filter=${encodeURIComponent(JSON.stringify({ actionable: true }))}`).expect(200);
    expect((actionable.body as ChangeRequest[]).map((row) => row.id)).toContain(request.id);
    const own = await get(alpha.admin, `/api/change-requests?filter=${encodeURIComponent(JSON.stringify({ actionable: true }))}`).expect(200);
    expect((own.body as ChangeRequest[]).map((row) => row.id)).not.toContain(request.id);
    const [requested] = await auditEntries(t, alpha.admin, { entityType: 'change_request', action: 'request', entityId: request.id });
    expect(requested).toMatchObject({ actorId: alpha.admin.id, changes: { kind: 'document_publish', target: { type: 'document', id: document.id }, payload: { revision: 1 }, basis: { revision: 1 }, notified: 1 } });
  });

  it('refuses the requester’s own approval (403) and a quality officer’s for a scheme (403); another admin’s applies it, audited with both people', async () => {
    const document = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'draft'], 'cr-approve');
    const request = await requestPublish(alpha.admin, document);
    const self = await approve(alpha.admin, request.id).expect(403);
    expect(self.body.message).toBe('you requested this change: another person must approve or reject it');
    const quality = await approve(alpha.quality, request.id).expect(403);
    expect(quality.body.message).toBe('only another admin may decide this change request');
    const approved = (await approve(admin2, request.id).expect(200)).body as ChangeRequest;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { id: admin2.id, name: '李审批' }, mayDecide: false, mayWithdraw: false });
    expect(await versions(alpha.admin, document.id)).toEqual(['2:published', '1:published']);
    const [published] = await auditEntries(t, alpha.admin, { entityType: 'document', action: 'publish', entityId: document.id });
    expect(published).toMatchObject({
      actorId: admin2.id,
      changes: { version: 2, approval: { changeRequestId: request.id, requestedBy: alpha.admin.id, requestedByEmail: alpha.admin.email, approvedBy: admin2.id, approvedByEmail: admin2.email } },
    });
    const [decision] = await auditEntries(t, alpha.admin, { entityType: 'change_request', action: 'approve', entityId: request.id });
    expect(decision).toMatchObject({ actorId: admin2.id, changes: { requestedBy: alpha.admin.id, decidedBy: admin2.id, before: { status: 'pending' }, after: { status: 'approved' }, notified: 1 } });
    const [outcome] = await inbox(alpha.admin);
    expect(outcome).toMatchObject({ kind: 'change_request_decided', target: { type: 'change_request', id: request.id }, title: 'Change request approved', body: '李审批 approved your request to publish Three dimensions, nine indicators version 2; it has been applied.' });
    // Decided once: a second approval is a 409.
    expect((await approve(admin2, request.id).expect(409)).body.message).toBe('this change request is already approved');
  });

  it('refuses a stale approval (409) when the document changed since the request, and applies nothing', async () => {
    const document = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'draft'], 'cr-stale');
    const request = await requestPublish(alpha.admin, document);
    const current = (await get(alpha.admin, `/api/documents/${document.id}`).expect(200)).body as { revision: number; content: Record<string, unknown> };
    await http().put(`/api/documents/${document.id}`).set(bearer(alpha.admin)).send({ content: { ...current.content, description: { en: 'edited after the request' } }, revision: current.revision }).expect(200);
    expect(((await get(admin2, `/api/change-requests/${request.id}`).expect(200)).body as ChangeRequest).stale).toBe(true);
    const stale = await approve(admin2, request.id).expect(409);
    expect(stale.body).toMatchObject({ message: 'the document (its revision) changed since the request was made; nothing was applied: request the change again', details: [{ path: 'revision', message: 'was 1 when requested, is 2', code: 'change_request_stale' }] });
    expect(await versions(alpha.admin, document.id)).toEqual(['2:draft', '1:published']);
    expect(((await get(admin2, `/api/change-requests/${request.id}`).expect(200)).body as ChangeRequest).status).toBe('pending');
  });

  it('rejects with a reason (required), which the requester is told; nothing is published', async () => {
    const document = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'draft'], 'cr-reject');
    const request = await requestPublish(alpha.admin, document);
    await post(admin2, `/api/change-requests/${request.id}/reject`, {}).expect(400);
    await post(alpha.admin, `/api/change-requests/${request.id}/reject`, { reason: 'mine' }).expect(403);
    const rejected = (await post(admin2, `/api/change-requests/${request.id}/reject`, { reason: '权重需经考核委员会讨论' }).expect(200)).body as ChangeRequest;
    expect(rejected).toMatchObject({ status: 'rejected', reason: '权重需经考核委员会讨论', decidedBy: { id: admin2.id } });
    expect(await versions(alpha.admin, document.id)).toEqual(['2:draft', '1:published']);
    const [outcome] = await inbox(alpha.admin, 'zh');
    expect(outcome).toMatchObject({ kind: 'change_request_decided', title: '变更申请已驳回', body: '李审批驳回了你的申请：发布三维九项行为量化第 2 版。原因：权重需经考核委员会讨论' });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'change_request', action: 'reject', entityId: request.id });
    expect(entry).toMatchObject({ actorId: admin2.id, changes: { reason: '权重需经考核委员会讨论', requestedBy: alpha.admin.id, decidedBy: admin2.id, after: { status: 'rejected' } } });
    await approve(admin2, request.id).expect(409);
  });

  it('lets only the requester withdraw a pending request; a second request for the same document waits for the first', async () => {
    const document = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'draft'], 'cr-withdraw');
    const request = await requestPublish(alpha.admin, document);
    const twice = await post(alpha.admin, `/api/documents/${document.id}/publish`, { revision: await revisionOf(alpha.admin, document.id) }).expect(409);
    expect(twice.body.message).toBe('a change request for this is already pending; approve, reject or withdraw it first');
    expect((await post(admin2, `/api/change-requests/${request.id}/withdraw`).expect(403)).body.message).toBe('only the person who requested a change may withdraw it');
    expect(((await post(alpha.admin, `/api/change-requests/${request.id}/withdraw`).expect(200)).body as ChangeRequest).status).toBe('withdrawn');
    await approve(admin2, request.id).expect(409);
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'change_request', action: 'withdraw', entityId: request.id });
    expect(entry).toMatchObject({ actorId: alpha.admin.id, changes: { before: { status: 'pending' }, after: { status: 'withdrawn' } } });
    expect(await versions(alpha.admin, document.id)).toEqual(['2:draft', '1:published']);
    // A request is refused as the direct action would be: a stale revision is the publish's own 409, and nothing is requested.
    await post(alpha.admin, `/api/documents/${document.id}/publish`, { revision: 99 }).expect(409);
    const pending = await get(alpha.admin, `/api/change-requests?filter=${encodeURIComponent(JSON.stringify({ targetId: document.id, status: 'pending' }))}`).expect(200);
    expect(pending.body).toEqual([]);
  });

  it('lets a quality officer approve a workflow document another person asked to publish', async () => {
    const workflow = await storeDocument(t, alpha.id, 'negative-feedback', ['published', 'draft'], 'cr-workflow');
    const request = await requestPublish(alpha.admin, workflow);
    expect((await inbox(alpha.quality)).some((item) => item.target.id === request.id)).toBe(true);
    const approved = (await approve(alpha.quality, request.id).expect(200)).body as ChangeRequest;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { id: alpha.quality.id } });
    expect(await versions(alpha.admin, workflow.id)).toEqual(['2:published', '1:published']);
  });
});

describe('bindings, experiments and periods under approvals', () => {
  it('binds a period without runs at once; with runs, binding, rebinding and unbinding are requests applied on approval', async () => {
    const scheme = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'published'], 'cr-bindings');
    const direct = await post(alpha.admin, '/api/bindings', { period: '2026-01', documentId: scheme.id, version: 1 }).expect(201);
    expect(direct.body).toMatchObject({ period: '2026-01', version: 1 });
    await giveRuns(alpha.id, '2026-02');
    const create = (await post(alpha.admin, '/api/bindings', { period: '2026-02', documentId: scheme.id, version: 1 }).expect(202)).body as ChangeRequest;
    expect(create).toMatchObject({ kind: 'binding_create', target: { type: 'binding', id: '2026-02:*' }, description: 'Bind February 2026 for the whole institution to cr-bindings version 1' });
    await approve(admin2, create.id).expect(200);
    const [bound] = (await get(alpha.admin, `/api/bindings?filter=${encodeURIComponent(JSON.stringify({ period: '2026-02' }))}`).expect(200)).body as Array<{ id: string; version: number }>;
    expect(bound.version).toBe(1);
    const [bind] = await auditEntries(t, alpha.admin, { entityType: 'binding', action: 'bind', entityId: bound.id });
    expect(bind).toMatchObject({ actorId: admin2.id, changes: { approval: { changeRequestId: create.id, requestedBy: alpha.admin.id, approvedBy: admin2.id } } });

    // A rebind to the version already bound changes nothing and is no request.
    await http().put(`/api/bindings/${bound.id}`).set(bearer(alpha.admin)).send({ version: 1 }).expect(200);
    const rebind = (await http().put(`/api/bindings/${bound.id}`).set(bearer(alpha.admin)).set('Accept-Language', 'zh').send({ version: 2 }).expect(202)).body as ChangeRequest;
    expect(rebind.description).toBe('将2026年2月（整个机构）的绑定由 cr-bindings 第 1 版改为 cr-bindings 第 2 版');
    await approve(admin2, rebind.id).expect(200);
    expect(((await get(alpha.admin, `/api/bindings/${bound.id}`).expect(200)).body as { version: number }).version).toBe(2);

    // Stale: the binding changed (approvals off for a moment) after the unbind request.
    const unbind = (await http().delete(`/api/bindings/${bound.id}`).set(bearer(alpha.admin)).expect(202)).body as ChangeRequest;
    await http().put('/api/institution').set(bearer(alpha.admin)).send({ approvals: false }).expect(200);
    await http().put(`/api/bindings/${bound.id}`).set(bearer(alpha.admin)).send({ version: 1 }).expect(200);
    await http().put('/api/institution').set(bearer(alpha.admin)).send({ approvals: true }).expect(200);
    const stale = await approve(admin2, unbind.id).expect(409);
    expect(stale.body.message).toBe('the binding changed since the request was made; nothing was applied: request the change again');
    expect(stale.body.details.map((detail: { path: string }) => detail.path)).toEqual(['documentVersionId', 'updatedAt']);
    await post(alpha.admin, `/api/change-requests/${unbind.id}/withdraw`).expect(200);
    const again = (await http().delete(`/api/bindings/${bound.id}`).set(bearer(alpha.admin)).expect(202)).body as ChangeRequest;
    await approve(admin2, again.id).expect(200);
    await get(alpha.admin, `/api/bindings/${bound.id}`).expect(404);
  });

  it('promotes an experiment on approval; a change to the experiment after the request makes the approval stale', async () => {
    const scheme = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'published'], 'cr-experiment');
    const body = { key: 'cr-trial', mode: 'shadow', name: { zh: '权重试验', en: 'Weights trial' }, champion: { documentId: scheme.id, version: 1 }, challenger: { documentId: scheme.id, version: 2 }, periods: ['2026-05'] };
    const experiment = (await post(alpha.admin, '/api/experiments', body).expect(201)).body as { id: string };
    await post(alpha.admin, `/api/experiments/${experiment.id}/start`).expect(200);
    const first = (await post(alpha.admin, `/api/experiments/${experiment.id}/promote`).expect(202)).body as ChangeRequest;
    expect(first.description).toBe('Promote the challenger of experiment Weights trial: bind cr-experiment version 2 for June 2026');
    const { key: _key, ...settings } = body;
    await http().put(`/api/experiments/${experiment.id}`).set(bearer(alpha.admin)).send({ ...settings, name: { zh: '权重试验（改名）', en: 'Weights trial (renamed)' } }).expect(200);
    expect((await approve(admin2, first.id).expect(409)).body.message).toBe('the experiment changed since the request was made; nothing was applied: request the change again');
    await post(admin2, `/api/change-requests/${first.id}/reject`, { reason: 'renamed since' }).expect(200);
    const second = (await post(alpha.admin, `/api/experiments/${experiment.id}/promote`).expect(202)).body as ChangeRequest;
    await approve(admin2, second.id).expect(200);
    const promoted = (await get(alpha.admin, `/api/experiments/${experiment.id}`).expect(200)).body as { status: string; promotedBindingId: string };
    expect(promoted.status).toBe('promoted');
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'experiment', action: 'update', entityId: experiment.id });
    expect(entry).toMatchObject({ actorId: admin2.id, changes: { after: { status: 'promoted', period: '2026-06' }, approval: { requestedBy: alpha.admin.id, approvedBy: admin2.id } } });
  });

  it('closes and reopens a period on approval; the reopen keeps its reason', async () => {
    await sql(`INSERT INTO periods (institution_id, period, state, published_at, appeal_deadline) VALUES ($1, '2026-03', 'published', now(), now())`, [alpha.id]);
    const close = (await post(alpha.admin, '/api/periods/2026-03/close').expect(202)).body as ChangeRequest;
    expect(close).toMatchObject({ kind: 'period_close', target: { type: 'period', id: '2026-03' }, description: 'Close March 2026' });
    expect(((await get(alpha.admin, '/api/periods/2026-03').expect(200)).body as { state: string }).state).toBe('published');
    await approve(admin2, close.id).expect(200);
    expect(((await get(alpha.admin, '/api/periods/2026-03').expect(200)).body as { state: string }).state).toBe('closed');
    await post(alpha.admin, '/api/periods/2026-03/reopen', {}).expect(400);
    const reopen = (await post(alpha.admin, '/api/periods/2026-03/reopen', { reason: '更正随访数据' }, 'zh').expect(202)).body as ChangeRequest;
    expect(reopen.description).toBe('重新开放2026年3月（原因：更正随访数据）');
    await approve(admin2, reopen.id).expect(200);
    expect(((await get(alpha.admin, '/api/periods/2026-03').expect(200)).body as { state: string }).state).toBe('published');
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'period', action: 'reopen', entityId: '2026-03' });
    expect(entry).toMatchObject({ actorId: admin2.id, changes: { reason: '更正随访数据', approval: { changeRequestId: reopen.id, requestedBy: alpha.admin.id, approvedBy: admin2.id } } });
    // A request the action would refuse is refused the same way: an open period cannot be closed.
    expect((await post(alpha.admin, '/api/periods/2026-04/close').expect(409)).body.message).toBe('2026-04 is not published yet; publish it before closing it');
  });

  it('lists by status and kind, and keeps another institution’s requests out of sight', async () => {
    const closes = (await get(admin2, `/api/change-requests?filter=${encodeURIComponent(JSON.stringify({ kind: 'period_close', status: 'approved' }))}`).expect(200)).body as ChangeRequest[];
    expect(closes.map((row) => row.description)).toEqual(['Close March 2026']);
    const any = (await get(alpha.admin, '/api/change-requests').expect(200)).body as ChangeRequest[];
    expect(any.length).toBeGreaterThan(5);
    expect((await get(beta.admin, '/api/change-requests').expect(200)).body).toEqual([]);
    await get(beta.admin, `/api/change-requests/${any[0].id}`).expect(404);
    await approve(beta.admin, any[0].id).expect(404);
    await get(alpha.manager, '/api/change-requests').expect(403);
  });
});

describe('an institution without approvals', () => {
  it('publishes, binds a period with runs, and closes directly, as before', async () => {
    const document = await storeDocument(t, beta.id, 'hm-3d9i', ['published', 'draft'], 'beta-direct');
    await post(beta.admin, `/api/documents/${document.id}/publish`, { revision: await revisionOf(beta.admin, document.id) }).expect(200);
    expect(await versions(beta.admin, document.id)).toEqual(['2:published', '1:published']);
    await giveRuns(beta.id, '2026-02');
    await post(beta.admin, '/api/bindings', { period: '2026-02', documentId: document.id, version: 2 }).expect(201);
    await sql(`INSERT INTO periods (institution_id, period, state, published_at, appeal_deadline) VALUES ($1, '2026-02', 'published', now(), now())`, [beta.id]);
    expect(((await post(beta.admin, '/api/periods/2026-02/close').expect(200)).body as { state: string }).state).toBe('closed');
    const [entry] = await auditEntries(t, beta.admin, { entityType: 'document', action: 'publish', entityId: document.id });
    expect(entry.actorId).toBe(beta.admin.id);
    expect(entry.changes).not.toHaveProperty('approval');
  });
});
