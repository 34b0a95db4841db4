// The voice's rendering (numbers, dates, codes, choices said aloud) and its reading of what a
// speech recogniser writes, checked through the language layer the dialog uses.
import { feminineWords, numberWords, phoneWords, timeWords } from '../../src/channels/voice/words';
import { speak, speakLine, spellCode, hintsFor } from '../../src/channels/voice/speech';
import { fromDictation } from '../../src/channels/voice/dictation';
import { heard, wantsTransfer, type InboundCall } from '../../src/channels/voice/inbound';
import { understand } from '../../src/language/understand';
import { parseWhen } from '../../src/language/when';
import { parsePhone } from '../../src/language/phone';
import { loadCatalogue } from '../../src/booking/catalogue';
import { paris } from '../language/tsv';

const catalogue = loadCatalogue();
const NOW = paris('2026-11-25T10:00'); // a Wednesday

describe('numbers in words', () => {
  test.each([
    [0, 'zéro'], [1, 'un'], [16, 'seize'], [17, 'dix-sept'], [21, 'vingt et un'], [22, 'vingt-deux'], [70, 'soixante-dix'],
    [71, 'soixante et onze'], [77, 'soixante-dix-sept'], [80, 'quatre-vingts'], [81, 'quatre-vingt-un'], [91, 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf'], [100, 'cent'], [200, 'deux cents'], [201, 'deux cent un'], [1000, 'mille'], [2026, 'deux mille vingt-six'],
    [3939, 'trois mille neuf cent trente-neuf'], [44800, 'quarante-quatre mille huit cents'], [80000, 'quatre-vingt mille'], [200000, 'deux cent mille'],
  ])('%i → %s', (n, words) => expect(numberWords(n)).toBe(words));

  it('says hours in the feminine and phone numbers in pairs', () => {
    expect(timeWords(14, 30)).toBe('quatorze heures trente');
    expect(timeWords(1, 0)).toBe('une heure');
    expect(timeWords(21, 1)).toBe('vingt et une heures une');
    expect(feminineWords(31)).toBe('trente et une');
    expect(phoneWords('02 40 00 00 44')).toBe('zéro deux, quarante, zéro zéro, zéro zéro, quarante-quatre');
  });
});

describe('the bot’s text said aloud', () => {
  it('says dates, times and the French first of the month in words', () => {
    expect(speakLine('Le mardi 1er décembre à 14 h 30, au Centre social.')).toBe('Le mardi premier décembre à quatorze heures trente, au Centre social.');
    expect(speakLine('RDV mer. 30 déc. 9 h')).toBe('rendez-vous mercredi trente décembre neuf heures');
  });

  it('spells reference codes slowly and reads phone numbers in pairs', () => {
    expect(spellCode('K7P-42Q')).toBe('K comme Kilo, sept, P comme Papa, tiret, quatre, deux, Q comme Québec');
    expect(speakLine('Votre numéro : K7P-42Q. Appelez le 02 40 00 00 44.')).toBe(
      'Votre numéro : K comme Kilo, sept, P comme Papa, tiret, quatre, deux, Q comme Québec. Appelez le zéro deux, quarante, zéro zéro, zéro zéro, quarante-quatre.');
  });

  it('reads numbered choices, then how to answer, with the labels as hints and one key to press', () => {
    const s = speak(['Pour quelle démarche ? Répondez avec un chiffre.\n1 CAF\n2 Impôts\n3 Autre']);
    expect(s.text).toBe('Pour quelle démarche ? Un : CAF. Deux : Impôts. Trois : Autre. Dites un, deux ou trois, ou tapez la touche sur votre téléphone.');
    expect(s.choices).toBe(3);
    expect(hintsFor(s)).toMatch(/^CAF, Impôts, Autre, oui, non, conseiller/);
  });

  it('a free question has no choices; SMS words become spoken ones', () => {
    const s = speak(['C’est bon ? Répondez OUI ou NON.']);
    expect(s).toMatchObject({ text: 'C’est bon ? Dites oui ou non.', choices: 0 });
  });
});

describe('what the recogniser writes, made readable for the language layer', () => {
  const reads = (speech: string) => understand(fromDictation(speech), NOW, catalogue);

  test.each([
    ['quarante-quatre mille huit cents', '44800'],
    ['quatre quatre huit zéro zéro', '44800'],
    ['Quarante-quatre, huit cents.', '44800'],
  ])('postcode dictated as "%s"', (speech, postcode) => {
    expect(fromDictation(speech)).toBe(postcode);
    expect(reads(speech).place).toMatchObject({ status: 'found' });
  });

  it('a mobile number dictated in pairs', () => {
    const text = fromDictation('zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit');
    expect(parsePhone(text)).toMatchObject({ e164: '+33612345678', status: 'mobile' });
  });

  it('a year in words', () => {
    expect(fromDictation('le quinze décembre deux mille vingt-six')).toBe('le quinze décembre 2026');
    expect(reads('le quinze décembre deux mille vingt-six').when).toMatchObject({ from: '2026-12-15T00:00' });
  });

  test.each(['verre', 'vert', 'vers'])('"%s quatorze heures" is around 14 h, as "vers"', (word) => {
    expect(parseWhen(fromDictation(`${word} quatorze heures`), NOW)).toEqual(parseWhen('vers quatorze heures', NOW));
  });

  it('"mardi" heard as "mardis" is still next Tuesday', () => {
    expect(reads('Mardis après-midi.').when).toMatchObject({ from: '2026-12-01T12:00', to: '2026-12-01T18:00' });
  });

  it('leaves words that are not dictated numbers alone', () => {
    for (const s of ['un rendez-vous pour deux personnes', 'Jeanne Martin', 'quatorze heures trente', 'le vingt et un', 'Vert-Saint-Denis']) {
      expect(fromDictation(s)).toBe(s);
    }
  });
});

describe('what the caller asked', () => {
  const call = (extra: Partial<InboundCall>): InboundCall => ({ CallSid: 'CA1', From: '+33612345678', ...extra });
  it('keys win over speech; # ends the keys', () => {
    expect(heard(call({ Digits: '44800#', SpeechResult: 'bla' }))).toBe('44800');
    expect(heard(call({ SpeechResult: ' quatre quatre huit zéro zéro ' }))).toBe('44800');
  });
  test.each([
    [{ Digits: '0' }, true], [{ SpeechResult: 'Zéro.' }, true], [{ SpeechResult: 'Conseiller.' }, true],
    [{ SpeechResult: 'Je voudrais parler à quelqu’un.' }, true], [{ Digits: '1' }, false], [{ SpeechResult: 'Saint-Herblain' }, false],
  ])('%j → transfer %s', (extra, wanted) => expect(wantsTransfer(call(extra))).toBe(wanted));
});
