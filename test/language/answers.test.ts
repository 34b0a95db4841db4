import { isHomeVisitRequest, parseChoice, parseName, parseYesNo } from '../../src/language/answers';

describe('parseYesNo', () => {
  test.each(['oui', 'Oui.', 'OUI', 'ouais', 'ok', 'OK merci', "d'accord", 'd accord', 'dac', 'c bon', "c'est bon", 'parfait', 'yes', 'o',
    'oui oui', 'oui merci', 'tres bien', 'ça me va', 'je confirme'])('%s → yes', (t) => expect(parseYesNo(t)).toBe('yes'));
  test.each(['non', 'NON', 'nan', 'n', "pas d'accord", 'non merci', 'non je prefere un autre jour', 'pas du tout'])(
    '%s → no', (t) => expect(parseYesNo(t)).toBe('no'),
  );
  test.each(['peut-être', 'mardi', 'je sais pas', '2', 'bonjour', ''])('%s → null', (t) => expect(parseYesNo(t)).toBeNull());
});

describe('parseChoice', () => {
  test.each([
    ['1', 1], ['le 2', 2], ['2.', 2], ['2)', 2], ['le premier', 1], ['la premiere', 1], ['la deuxième', 2], ['le second', 2],
    ['numéro 3', 3], ['n°3', 3], ['le 3 svp', 3], ['je prends le 2', 2], ['le dernier', 3], ['la 2eme', 2], ['le 1er', 1],
    ['le deuxième créneau', 2], ['option 1', 1],
  ])('%s → %d', (t, n) => expect(parseChoice(t, 3)).toBe(n));
  test.each(['4', '0', 'le 5', 'demain', 'oui', 'mardi 14h', '44800', ''])('%s → null', (t) => expect(parseChoice(t, 3)).toBeNull());
});

describe('parseName', () => {
  test.each([
    ["je m'appelle Jeanne Dupont", 'Jeanne Dupont'], ['Mme Martin', 'Mme Martin'], ["c'est pour Paul Durand", 'Paul Durand'],
    ['jeanne dupont', 'Jeanne Dupont'], ['JEAN-PIERRE MARTIN', 'Jean-Pierre Martin'], ['monsieur dupont', 'M. Dupont'],
    ["ma mère s'appelle Odette Leroy", 'Odette Leroy'], ['Marie de la Fontaine', 'Marie de la Fontaine'], ["Anne-Marie D'Arc", "Anne-Marie d'Arc"],
    ['Bonjour je m appelle Lucie Petit.', 'Lucie Petit'],
  ])('%s → %s', (t, name) => expect(parseName(t)).toBe(name));
  test.each(['je voudrais un rdv', '0612345678', 'demain', 'oui', 'bonjour', 'je suis a nantes', 'jeanne@mail.fr',
    'mon pere a besoin d aide pour sa retraite', ''])('%s → null', (t) => expect(parseName(t)).toBeNull());
});

describe('isHomeVisitRequest', () => {
  test.each(['je ne peux pas me déplacer', 'je peux pas me deplacer', 'à domicile', 'chez moi', 'pouvez-vous venir chez moi',
    "je n'ai pas de voiture", 'pas de voiture', 'elle ne peut plus sortir', 'il est en fauteuil roulant', 'je peux plus marcher',
    'il ne conduit plus', 'une visite a domicile svp'])('%s → true', (t) => expect(isHomeVisitRequest(t)).toBe(true));
  test.each(['je suis a nantes', 'mardi', 'oui', 'je peux venir mardi', 'je voudrais un rdv', 'a la mediatheque'])(
    '%s → false', (t) => expect(isHomeVisitRequest(t)).toBe(false),
  );
});
