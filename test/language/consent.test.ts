import { statedConsent } from '../../src/language/consent';
import { readContact } from '../../src/language/contact';

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

describe('readContact: a relative\'s answer with the name, and maybe the mobile and the agreement', () => {
  it('takes the three from one answer', () => {
    expect(readContact("Paulette Durand 06 98 76 54 32, elle est d'accord")).toEqual({ name: 'Paulette Durand', phone: { status: 'mobile', e164: '+33698765432' }, consent: 'yes' });
    expect(readContact('06 98 76 54 32, Paulette Durand')).toMatchObject({ name: 'Paulette Durand', consent: null });
  });

  it('a name alone stays the whole answer', () => {
    expect(readContact('Paulette Durand')).toEqual({ name: 'Paulette Durand', phone: null, consent: null });
  });
});
