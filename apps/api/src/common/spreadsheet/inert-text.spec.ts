import { describe, expect, it } from 'vitest';
import { inertText } from './inert-text';

describe('inertText', () => {
  it('prefixes every text that starts like a formula or a command with a quote', () => {
    const dangerous = ['=1+1', '+1', '-1', '@SUM(A1)', '|calc', '＝HYPERLINK("x")', '＋1', '－1', '＠x', '｜calc', '\t=1', '\r=1', '\n=1', ' =1', '\u3000＝1', '=', '-'];
    expect(dangerous.map(inertText)).toEqual(dangerous.map((text) => `'${text}`));
  });

  it('leaves everything else as written', () => {
    const safe = ['Ann Lee', '陈波', 'Lee, "Jr"', 'a=b', '1-2', 'x@y.org', "'quoted", '', ' ', '2026-Q1'];
    expect(safe.map(inertText)).toEqual(safe);
  });
});
