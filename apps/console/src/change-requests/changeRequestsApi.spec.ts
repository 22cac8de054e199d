import { describe, expect, it } from 'vitest';
import { isChangeRequest } from './changeRequestsApi';

const request = { id: 'c1', kind: 'document_publish', status: 'pending', requestedBy: { id: 'u1', name: 'A', email: 'a@x' }, mayDecide: false, mayWithdraw: true };

describe('an action answered with a change request', () => {
  it('is told apart from the change itself and from a decided request', () => {
    expect(isChangeRequest(request)).toBe(true);
    expect(isChangeRequest({ ...request, status: 'approved' })).toBe(false);
    expect(isChangeRequest({ id: 'd1', kind: 'scheme', status: 'published', revision: 3 })).toBe(false);
    expect(isChangeRequest({ id: 'b1', period: '2026-Q1', version: 2 })).toBe(false);
    expect(isChangeRequest(null)).toBe(false);
    expect(isChangeRequest(undefined)).toBe(false);
  });
});
