import { describe, expect, it } from 'vitest';
import { signSurveyToken, verifySurveyToken } from './survey-tokens';

const SECRET = '7f3c9a1e5b2d8f4a6c0e9b7d3f1a5c8e';
const ID = '0b6f3c52-9a1e-4d7b-8c3f-2e5a6b7c8d9e';

describe('survey link tokens', () => {
  it('round-trips an invitation id, 45 characters safe in a URL path', () => {
    const token = signSurveyToken(SECRET, ID);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(verifySurveyToken(SECRET, token)).toBe(ID);
  });

  it('refuses a forged, altered or foreign token', () => {
    const token = signSurveyToken(SECRET, ID);
    const [id, mac] = token.split('.');
    const flipped = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(verifySurveyToken(SECRET, `${flipped(id)}.${mac}`)).toBeNull();
    expect(verifySurveyToken(SECRET, `${id}.${flipped(mac)}`)).toBeNull();
    expect(verifySurveyToken('another-secret-of-enough-length-0123', token)).toBeNull();
    expect(verifySurveyToken(SECRET, `${token}x`)).toBeNull();
    expect(verifySurveyToken(SECRET, '')).toBeNull();
    expect(verifySurveyToken(SECRET, ID)).toBeNull();
  });

  it('accepts only the canonical spelling of the id (no second token for one invitation)', () => {
    const token = signSurveyToken(SECRET, ID);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The 22nd character carries 2 bits of the id and 4 unused bits: flipping an unused one decodes to the same id.
    const sibling = `${token.slice(0, 21)}${alphabet[alphabet.indexOf(token[21]) ^ 1]}${token.slice(22)}`;
    expect(Buffer.from(sibling.split('.')[0], 'base64url')).toEqual(Buffer.from(token.split('.')[0], 'base64url'));
    expect(verifySurveyToken(SECRET, sibling)).toBeNull();
  });
});
