import { describe, expect, it } from 'vitest';
import { feedbackFieldErrors, feedbackPayload } from './feedbackForm';

describe('feedback form', () => {
  it('sends one response with numbers as numbers and nothing blank', () => {
    const payload = feedbackPayload({
      responseId: ' web-1 ',
      staffCode: 'D001',
      customerRef: '',
      channel: 'phone',
      likert: { attitude: '1', expertise: null, timeliness: '' },
      nps: '3',
      comment: 'Rude on the phone',
      respondedAt: new Date('2026-03-05T02:30:00Z'),
    });
    expect(payload).toEqual({ responseId: 'web-1', staffCode: 'D001', channel: 'phone', likert: { attitude: 1 }, nps: 3, comment: 'Rude on the phone', respondedAt: '2026-03-05T02:30:00.000Z' });
  });

  it('leaves Likert and NPS out when none is given (the API then says one is needed)', () => {
    expect(feedbackPayload({ responseId: 'r', staffCode: 'D001', likert: { attitude: null }, nps: '' })).toEqual({ responseId: 'r', staffCode: 'D001' });
  });

  it('puts the API’s [0].<field> issues on the form’s fields', () => {
    expect(
      feedbackFieldErrors([
        { path: '[0].staffCode', message: 'no staff member D999' },
        { path: '[0].likert.attitude', message: 'must be from 1 to 5' },
        { path: '[0]', message: 'whole response' },
      ]),
    ).toEqual({ staffCode: 'no staff member D999', 'likert.attitude': 'must be from 1 to 5' });
  });
});
