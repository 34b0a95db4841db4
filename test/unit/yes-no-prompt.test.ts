import { readYesNo } from '../../src/bot/yes-no-prompt';

describe('readYesNo (the yes/no prompt)', () => {
  it.each([
    ['oui', true], ['OUI', true], ["d'accord", true], ['bien sûr', true], ['ok merci', true], ['1', true], ['le premier', true],
    ['non', false], ['Non merci', false], ['pas du tout', false], ['nn', false], ['2', false], ['la deuxième', false],
  ])('%s → %s', (text, expected) => {
    expect(readYesNo(text)).toBe(expected);
  });

  it.each(['bof', 'peut-être', '3', '', 'je ne sais pas'])('%s is neither', (text) => {
    expect(readYesNo(text)).toBeNull();
  });
});
