// The proposal matcher and side questions (pure): src/conversation/proposal-reply.ts, src/language/questions.ts.
import { matchProposal, type Shown } from '../../src/conversation/proposal-reply';
import { sideQuestion } from '../../src/language/questions';
import { paris } from './tsv';

const NOW = paris('2026-11-25T10:00');
const SHOWN: Shown[] = [
  { start: '2026-11-30T14:00', placeWords: 'CCAS de Saint-Herblain Saint-Herblain' },
  { start: '2026-11-30T09:30', placeWords: 'Maison de quartier Chateau, Rezé Rezé' },
  { start: '2026-12-01T14:00', placeWords: 'Médiathèque centre-ville, Nantes Nantes' },
];

describe('matchProposal', () => {
  test.each([
    ['2', 1], ['je prends le 2e', 1], ['la derniere', 2], ['le premier', 0],
    ['le rendez-vous de 9 h 30', 1], ['celui de 9h30', 1], ['a neuf heures et demie', 1],
    ['plutot celle de Reze', 1], ['la mediatheque', 2], ['mardi ca m arrange', 2], ['le 1er decembre a 14h', 2],
    ['lundi a 14h', 0],
  ])('"%s" → proposal %i', (text, index) => {
    expect(matchProposal(text, SHOWN, NOW)).toEqual({ kind: 'choose', index });
  });
  test('"à 14 h" fits two: which of them', () => {
    expect(matchProposal('a 14h', SHOWN, NOW)).toEqual({ kind: 'which', indexes: [0, 2] });
  });
  test('relative requests give a new window', () => {
    expect(matchProposal("vous n'avez rien avant ?", SHOWN, NOW)).toEqual({ kind: 'other', window: { from: '2026-11-25T10:00', to: '2026-11-30T09:29' } });
    expect(matchProposal('plus tard', SHOWN, NOW)).toMatchObject({ kind: 'other', window: { from: '2026-12-01T14:01' } });
    expect(matchProposal('un autre jour', SHOWN, NOW)).toMatchObject({ kind: 'other', window: { from: '2026-12-02T00:00' } });
    expect(matchProposal("la semaine d'apres", SHOWN, NOW)).toEqual({ kind: 'other', window: { from: '2026-12-07T00:00', to: '2026-12-13T23:59' } });
    expect(matchProposal("plutot l'apres midi", SHOWN, NOW)).toEqual({ kind: 'other', window: { from: '2026-11-30T12:00', to: '2026-11-30T18:00' } });
  });
  test('a time no proposal has is no choice (the dialog reads it as a new time)', () => {
    expect(matchProposal('a 16h', SHOWN, NOW)).toEqual({ kind: 'none' });
    expect(matchProposal('jeudi', SHOWN, NOW)).toEqual({ kind: 'none' });
    expect(matchProposal('bonjour', SHOWN, NOW)).toEqual({ kind: 'none' });
  });
});

describe('sideQuestion', () => {
  test.each([
    ['ca se trouve ou ?', 'where'], ['comment j y vais', 'where'], ["c'est ou ?", 'where'], ['quelle adresse', 'where'],
    ["c'est combien ?", 'price'], ["c'est gratuit ?", 'price'], ['il faut payer ?', 'price'],
    ["c'est qui qui vient ?", 'who'], ['qui va venir chez moi', 'who'], ['avec qui', 'who'],
  ])('"%s" → %s', (text, q) => expect(sideQuestion(text)).toBe(q));
  test.each(['Jeanne Martin', 'oui', '44800', 'lundi matin', 'je voudrais un rendez-vous pour la caf'])('"%s" → none', (text) => {
    expect(sideQuestion(text)).toBeNull();
  });
});
