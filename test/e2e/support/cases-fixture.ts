import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { AdjustableClock, CLOCK } from '../../../apps/api/src/modules/cases/clock';
import { CaseEscalations, type SweepResult } from '../../../apps/api/src/modules/cases/sla/case-escalations';
import { bearer, createInstitution, login, type TestInstitution, type TestUser } from './fixtures';
import type { TestApp } from './test-app';

/** Valid values for each stage of the negative-feedback template. */
export const NEGATIVE_FEEDBACK_FIELDS: Record<string, Record<string, unknown>> = {
  root_cause: { category: 'attitude', severity: 'major', analysis: 'The officer answered curtly and never called the client back.' },
  plan: { actions: 'Coaching on empathy and a call-back checklist for every complaint.', owner: 'Team lead Li', due_date: '2026-03-20' },
  apology: { channel: 'phone', apologised_on: '2026-03-05', client_response: 'accepted' },
  fix: { changes: 'The call-back checklist is in use and was checked on two weeks of calls.', verified: true, follow_up_likert: 4 },
};

export interface CaseClinic extends TestInstitution {
  teamId: string;
  /** Staff ids by code (S1, S2, S3; S1 is the staff login's own record). */
  staffIds: Record<string, string>;
  /** The staff login, linked to S1 and signed in again. */
  staffUser: TestUser;
}

/** The application clock, which tests pin and move. */
export const clockOf = (t: TestApp) => t.app.get<AdjustableClock>(CLOCK);

/** Runs the escalation sweep as the periodic job would. */
export const sweep = (t: TestApp): Promise<SweepResult> => t.app.get(CaseEscalations).sweep();

/** Creates a document through the API (content or template) and publishes it; returns its id. */
export async function publishDocument(t: TestApp, user: TestUser, body: Record<string, unknown>): Promise<string> {
  const created = await t.http().post('/api/documents').set(bearer(user)).send(body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.http().post(`/api/documents/${created.body.id}/publish`).set(bearer(user)).send({ revision: created.body.revision });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id as string;
}

/** An institution with a team (managed by its manager), three staff, the staff login linked to S1, and negative-feedback published. */
export async function createCaseClinic(t: TestApp, label: string): Promise<CaseClinic> {
  const clinic = await createInstitution(t, label);
  const team = await t.http().post('/api/teams').set(bearer(clinic.admin)).send({ name: `${label} team`, managerId: clinic.manager.id }).expect(201);
  const staff: Record<string, string> = {};
  for (const code of ['S1', 'S2', 'S3']) {
    const created = await t.http().post('/api/staff').set(bearer(clinic.admin)).send({ code, name: `${label} ${code}`, teamId: team.body.id, tier: 'junior' }).expect(201);
    staff[code] = created.body.id as string;
  }
  await t.http().put(`/api/users/${clinic.staff.id}`).set(bearer(clinic.admin)).send({ staffId: staff.S1 }).expect(200);
  const staffUser = { ...clinic.staff, token: await login(t, clinic.staff.email) };
  await publishDocument(t, clinic.admin, { template: 'negative-feedback' });
  return { ...clinic, staffIds: staff, staffUser, teamId: team.body.id as string };
}

export interface WebhookSink {
  url: string;
  received: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A local HTTP server standing in for a WeChat Work group bot: records each JSON body, answers {errcode: 0}. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const received: Array<Record<string, unknown>> = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Posts one negative response about a staff member and returns the case it opened. */
export async function openFeedbackCase(t: TestApp, user: TestUser, staffCode: string, responseId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await t.http().post('/api/feedback').set(bearer(user)).send({ responseId, staffCode, likert: { attitude: 1 }, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const cases = response.body.items[0].cases as Array<{ id: string }>;
  expect(cases).toHaveLength(1);
  return cases[0].id;
}
