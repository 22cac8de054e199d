import { describe, expect, it } from 'vitest';
import { isCaseDetail } from './caseDetail';
import type { CaseDetail, CaseRecord } from './casesApi';

const row = { id: 'c1', staffCode: 'D001', staffName: '张三', status: 'open' } as CaseRecord;
const detail = { ...row, stages: [], events: [], visits: [], reopenTo: [], can: { advance: false, reopen: false, assign: true, comment: true } } as unknown as CaseDetail;

describe('isCaseDetail', () => {
  it('refuses a list row, which the show page receives first when opened from the all-cases list', () => {
    expect(isCaseDetail(row)).toBe(false);
    expect(isCaseDetail(undefined)).toBe(false);
    expect(isCaseDetail({ ...row, can: null } as unknown as CaseRecord)).toBe(false);
  });

  it('accepts the detail', () => {
    expect(isCaseDetail(detail)).toBe(true);
  });
});
