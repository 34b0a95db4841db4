// The home-visit address, checked offline against the person's commune (src/language/address.ts).
import { checkHomeAddress } from '../../src/language/address';

const REZE = { insee: '44143', commune: 'Rezé', postcode: '44400' };
const lookup = (name: string) => (/^nantes$/i.test(name.trim()) ? { insee: '44109', commune: 'Nantes' } : /^rez[eé]$/i.test(name.trim()) ? { insee: '44143', commune: 'Rezé' } : null);
const ok = (line: string, postcode = '44400') => ({ status: 'ok', address: { line, postcode, commune: 'Rezé' } });

describe('checkHomeAddress', () => {
  it.each([
    ['12 rue des Lilas', ok('12 rue des Lilas')],
    ['12 bis avenue de la Libération 44400 Rezé', ok('12 bis avenue de la Libération')],
    ['14 rue du Port, Rezé', ok('14 rue du Port')],
    ['10 place de la mairie rezé', ok('10 place de la mairie')],
    ['5 rue de Nantes', ok('5 rue de Nantes')],
    ['La Grande Noë', ok('La Grande Noë')],
    ['lieu-dit les Trois Moulins', ok('Lieu-dit les Trois Moulins')],
    ['3 Grande Rue.', ok('3 Grande Rue')],
  ])('accepts %s', (text, expected) => {
    expect(checkHomeAddress(text, REZE, lookup)).toEqual(expected);
  });

  it.each([
    ['3 rue Jean Jaurès, Nantes', 'Nantes'],
    ['8 bd Gustave Roch 44000 Nantes', 'Nantes'],
    ['8 bd Gustave Roch 44000', 'Nantes'],
  ])('says when %s is in another commune', (text, named) => {
    expect(checkHomeAddress(text, REZE, lookup)).toEqual({ status: 'otherCommune', named });
  });

  it.each(['je sais pas', 'Jeanne Martin', '06 12 34 56 78', 'rue', '12', 'chez moi', 'jeanne@exemple.fr', 'oui', 'x'.repeat(140) + ' rue'])('refuses %s', (text) => {
    expect(checkHomeAddress(text, REZE, lookup)).toEqual({ status: 'invalid' });
  });

  it('keeps the postcode the person gives when their commune has several', () => {
    const nantes = { insee: '44109', commune: 'Nantes', postcode: '44000' };
    expect(checkHomeAddress('4 rue Louis Blanc 44200 Nantes', nantes, lookup)).toEqual({ status: 'ok', address: { line: '4 rue Louis Blanc', postcode: '44200', commune: 'Nantes' } });
  });
});
