// t(): the sentences of locales/fr.json, formatted once per key and variables.
import { t } from '../../src/i18n';

it('formats each key and variables as i18next does, whatever was asked before', () => {
  const first = t('cancel.done', { date: 'lundi 30 novembre à 14 h' });
  expect(first).toContain('lundi 30 novembre à 14 h');
  expect(t('cancel.done', { date: 'mardi 1er décembre à 9 h' })).toContain('mardi 1er décembre à 9 h');
  expect(t('cancel.done', { date: 'lundi 30 novembre à 14 h' })).toBe(first);
  // Plurals follow the count, remembered or not.
  const one = t('ask.proposals', { count: 1 });
  const three = t('ask.proposals', { count: 3 });
  expect(one).not.toBe(three);
  expect(t('ask.proposals', { count: 1 })).toBe(one);
  expect(t('ask.proposals', { count: 3 })).toBe(three);
});

it('still refuses a key the catalogue does not have', () => {
  expect(() => t('no.such.key', { x: 1 })).toThrow(/missing message/);
  expect(() => t('no.such.key', { x: 1 })).toThrow(/missing message/);
});
