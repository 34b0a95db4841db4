import { looksLikeSecret } from '../../src/language/secrets';

describe('looksLikeSecret', () => {
  test.each([
    "mon mot de passe c'est Soleil123", 'mot de passe : soleil', 'mdp: azerty12', 'MDP Azerty12!', 'code secret 1234',
    'mon code est 1234', 'le code confidentiel c est 0000', 'voici mon code 4821', 'mon identifiant est jdupont44',
    '1 85 05 78 006 084 36', '185057800608436', '1850578006084', '2 69 05 2A 123 456 78',
    '4111 1111 1111 1111', '4111-1111-1111-1111', 'ma carte bleue 5555 5555 5555 4444',
  ])('%s → secret', (t) => expect(looksLikeSecret(t)).toBe(true));
  test.each([
    'ameli me demande un mot de passe je comprend rien', "j'ai oublié mon mot de passe", 'mon mot de passe est bloqué',
    'je sais plus mon code', 'quel est le code ?', 'le code postal est 44800', 'mon code postal c 44800', '06 12 34 56 78',
    'rdv le 3/12 a 14h', 'mon numero fiscal je le trouve ou', 'je voudrais changer mon mot de passe', 'bonjour', '',
  ])('%s → not a secret', (t) => expect(looksLikeSecret(t)).toBe(false));
});
