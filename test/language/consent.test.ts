import { statedConsent } from '../../src/language/consent';

describe('statedConsent: the person\'s agreement to SMS, stated by a relative with the number', () => {
  it.each([
    ["06 98 76 54 32, elle est d'accord", 'yes'],
    ["0698765432 il est d'accord", 'yes'],
    ["Elle est d’accord : 06 12 34 56 78", 'yes'],
    ['06 12 34 56 78, elle accepte', 'yes'],
    ['06 12 34 56 78 ok pour les sms', 'yes'],
    ["06 98 76 54 32 elle n'est pas d'accord", 'no'],
    ["06 98 76 54 32 il est pas d'accord", 'no'],
    ['06 12 34 56 78, pas de SMS', 'no'],
    ['elle ne veut pas de sms', 'no'],
  ])('%s → %s', (text, expected) => {
    expect(statedConsent(text)).toBe(expected);
  });

  it.each(['06 98 76 54 32', "06 12 34 56 78 d'accord", 'le 06 12 34 56 78 merci', "c'est le portable de ma mère"])('no explicit statement in %s: the question is asked', (text) => {
    expect(statedConsent(text)).toBeNull();
  });
});
