import { describe, expect, it } from 'vitest';
import { approverRoles, decisionRefusal, describeChangeRequest, describeInBoth, movedFields } from './change-request-rules';

const request = (over: Partial<Parameters<typeof decisionRefusal>[1]> = {}) => ({ kind: 'document_publish' as const, status: 'pending' as const, summary: { kind: 'scheme' }, requestedBy: 'u1', ...over });

describe('who decides a change request', () => {
  it('is another admin; for a workflow document also a quality officer', () => {
    expect(approverRoles('document_publish', { kind: 'scheme' })).toEqual(['admin']);
    expect(approverRoles('document_publish', { kind: 'workflow' })).toEqual(['admin', 'quality_officer']);
    expect(approverRoles('period_close', { kind: 'workflow' })).toEqual(['admin']);
    expect(decisionRefusal({ id: 'u2', role: 'admin' }, request())).toBeNull();
    expect(decisionRefusal({ id: 'u1', role: 'admin' }, request())).toBe('self');
    expect(decisionRefusal({ id: 'u2', role: 'quality_officer' }, request())).toBe('role');
    expect(decisionRefusal({ id: 'u2', role: 'quality_officer' }, request({ summary: { kind: 'workflow' } }))).toBeNull();
    expect(decisionRefusal({ id: 'u1', role: 'quality_officer' }, request({ summary: { kind: 'workflow' } }))).toBe('self');
    expect(decisionRefusal({ id: 'u2', role: 'manager' }, request({ summary: { kind: 'workflow' } }))).toBe('role');
    expect(decisionRefusal({ id: 'u2', role: 'admin' }, request({ status: 'approved' }))).toBe('not_pending');
    // The requester is told it is theirs before being told it is decided.
    expect(decisionRefusal({ id: 'u1', role: 'admin' }, request({ status: 'rejected' }))).toBe('self');
  });
});

describe('a stale request', () => {
  it('names the fields of its basis that moved; a target that is gone moved entirely', () => {
    expect(movedFields({ revision: 3 }, { revision: 3 })).toEqual([]);
    expect(movedFields({ revision: 3 }, { revision: 4 })).toEqual(['revision']);
    expect(movedFields({ updatedAt: 'a', documentVersionId: 'v1' }, { updatedAt: 'b', documentVersionId: 'v1' })).toEqual(['updatedAt']);
    expect(movedFields({ bindingId: null }, { bindingId: null })).toEqual([]);
    expect(movedFields({ bindingId: null }, { bindingId: 'b1' })).toEqual(['bindingId']);
    expect(movedFields({ updatedAt: 'a', documentVersionId: 'v1' }, null)).toEqual(['documentVersionId', 'updatedAt']);
    expect(movedFields({}, null)).toEqual(['target']);
  });
});

describe('what a request does, in words', () => {
  it('names documents, scopes and periods as people say them, in either language', () => {
    const name = { zh: '满意度优先', en: 'Satisfaction first' };
    expect(describeInBoth('document_publish', { document: name, key: 'sat', kind: 'scheme', version: 3 })).toEqual({ zh: '发布满意度优先第 3 版', en: 'publish Satisfaction first version 3' });
    expect(describeChangeRequest('binding_create', { period: '2026-Q1', scope: null, key: 'hm', version: 2 }, 'zh')).toBe('将2026年第1季度（整个机构）绑定到 hm 第 2 版');
    expect(describeChangeRequest('binding_update', { period: '2026-03', scope: '在线客服组', key: 'hm', version: 2, fromKey: 'hm', fromVersion: 1 }, 'en')).toBe(
      'rebind March 2026 for team 在线客服组 from hm version 1 to hm version 2',
    );
    expect(describeChangeRequest('binding_delete', { period: '2026-03', scope: null, key: 'hm', version: 1 }, 'en')).toBe('unbind March 2026 for the whole institution (hm version 1)');
    expect(describeChangeRequest('experiment_promote', { experiment: { zh: '权重试验', en: 'Weights trial' }, key: 'hm', version: 2, period: '2026-Q4' }, 'zh')).toBe('推广实验“权重试验”的挑战方案：2026年第4季度绑定 hm 第 2 版');
    expect(describeChangeRequest('period_close', { period: '2026-12' }, 'en')).toBe('close December 2026');
    expect(describeChangeRequest('period_reopen', { period: '2026-12', reason: '更正' }, 'zh')).toBe('重新开放2026年12月（原因：更正）');
  });
});
