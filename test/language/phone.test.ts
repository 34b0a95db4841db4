import { maskPhone, parsePhone } from '../../src/language/phone';

describe('parsePhone', () => {
  test.each([
    '06 12 34 56 78', '0612345678', '06.12.34.56.78', '06-12-34-56-78', '+33 6 12 34 56 78', '+33612345678',
    '0033 6 12 34 56 78', '+33 (0)6 12 34 56 78', 'mon numero c est le 06 12 34 56 78 merci', '06 12 34 56 78.',
  ])('%s → mobile', (t) => {
    expect(parsePhone(t)).toEqual({ status: 'mobile', e164: '+33612345678' });
  });
  test('07 is mobile too', () => expect(parsePhone('07 81 23 45 67')).toEqual({ status: 'mobile', e164: '+33781234567' }));
  test.each([['02 40 12 34 56', '+33240123456'], ['01 34 00 00 95', '+33134000095'], ['09 70 12 34 56', '+33970123456']])(
    '%s → landline', (t, e164) => expect(parsePhone(t)).toEqual({ status: 'landline', e164 }),
  );
  test.each(['06 12 34', '05 12 34 56 7', '06123456789', '00 00 00 00 00'])('%s → invalid', (t) => {
    expect(parsePhone(t)).toEqual({ status: 'invalid' });
  });
  test.each(['bonjour', '44800', 'demain 14h', 'le 3/12', '2 jours', ''])('%s → null', (t) => {
    expect(parsePhone(t)).toBeNull();
  });
});

describe('maskPhone', () => {
  test('keeps the country, the first digit and the last two', () => {
    expect(maskPhone('+33612345678')).toBe('+33 6 •• •• •• 78');
  });
  test('never shows a foreign number in full', () => {
    expect(maskPhone('+4915112345678')).not.toContain('1234567');
  });
});
