import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the HMAC signs besides the id, so a survey token can never be mistaken for anything else the secret signs. */
const PURPOSE = 'carescore:survey-invitation:v1:';
const MAC_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `<id, 16 bytes>.<mac, 16 bytes>`, both base64url: 22 + 1 + 22 characters. */
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

function mac(secret: string, id: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE + id.toLowerCase()).digest().subarray(0, MAC_BYTES);
}

/**
 * The link token of an invitation: its id and an HMAC-SHA256 of it with the app's secret (JWT_SECRET). Nothing
 * about the staff member or the client is in it; the token is not stored, only re-computed to check one.
 */
export function signSurveyToken(secret: string, id: string): string {
  if (!UUID.test(id)) throw new Error(`not an invitation id: ${id}`);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return `${bytes.toString('base64url')}.${mac(secret, id).toString('base64url')}`;
}

/** The invitation id a token names when its signature holds; null for anything else (malformed, forged, another secret). */
export function verifySurveyToken(secret: string, token: string): string | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const bytes = Buffer.from(match[1], 'base64url');
  const given = Buffer.from(match[2], 'base64url');
  if (bytes.length !== 16 || given.length !== MAC_BYTES) return null;
  // base64url of 16 bytes has 4 spare bits: only the canonical spelling is accepted, so one id has one token.
  if (bytes.toString('base64url') !== match[1] || given.toString('base64url') !== match[2]) return null;
  const hex = bytes.toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return timingSafeEqual(given, mac(secret, id)) ? id : null;
}
