// The change-words reader (issue 20): moving an appointment, not a new request nor a cancellation.
import { wantsChange } from '../../src/language/change';

describe('wantsChange', () => {
  it.each([
    'je voudrais changer mon rdv', 'Je voudrais changer mon rendez-vous', 'décaler à jeudi', 'est-ce qu\'on peut décaler mon rendez-vous ?',
    'reporter mon rdv', 'je voudrais reporter', 'déplacer mon rendez-vous', 'je peux avoir mon rendez-vous un autre jour ?',
    'mon rdv plus tard svp', 'changer la date', 'modifier l\'heure de mon rdv', 'je dois repousser le rendez-vous',
    'changer de jour pour mon atelier',
  ])('%s', (text) => expect(wantsChange(text)).toBe(true));

  it.each([
    'je ne peux pas me déplacer', 'ma mère ne peut pas se déplacer', 'je voudrais changer mon mot de passe', 'changer de téléphone',
    'je voudrais un rendez-vous plus tard dans la semaine', 'un autre jour', 'plus tard', 'annuler mon rdv', 'rdv caf mardi',
    'aide pour le report de mon impôt', 'changer mon adresse sur le site de la caf',
  ])('not: %s', (text) => expect(wantsChange(text)).toBe(false));
});
