import { isGsm7, segments, septets, toGsm7 } from '../../src/sms-text/gsm7';
import { fitOneSegment, fitsOneSegment, smsBodies } from '../../src/sms-text/fit';
import { allKeys, t } from '../../src/i18n';
import { TOPIC_IDS } from '../../src/booking/model';

const SAMPLE_VARS = {
  count: 3, ref: 'K7P-42Q', name: 'Marie-Françoise Le Guennec', date: 'mercredi 30 décembre à 14 h 30',
  helpline: '02 40 00 00 44', helplines: "Loire-Atlantique 02 40 00 00 44, Val-d'Oise 01 34 00 00 95", territory: 'Loire-Atlantique', topic: 'aide Santé, Ameli',
  place: 'Centre médico-social Nantes Nord', site: 'Centre médico-social Nantes Nord', commune: 'Ancenis-Saint-Géréon',
  firstName: 'Léa', state: 'en attente de confirmation',
  // Notices: who writes, the place with its article and a long street address, the short and long dates.
  sender: 'Les Connectés', placeAt: 'au Centre médico-social Nantes Nord',
  address: '12 bis avenue du Maréchal de Lattre de Tassigny, 44150 Ancenis-Saint-Géréon', addressShort: '12 bis avenue du Maréchal de Lattre de Tassigny',
  named: 'Saint-Sébastien-sur-Loire', phoneEnd: '54 32',
  day: 'mer. 30 déc.', time: '14 h 30', longDate: 'mercredi 30 décembre à 14 h 30', longDay: 'mercredi 30 décembre',
  // Workshops: the longest title an SMS says (MAX_TITLE), a coordinator's reason, the hold.
  title: 'Créer et utiliser son adresse e-mail pour', hours: '12', position: 12, reason: 'la salle est fermée pour travaux',
};

// Ordinary values of a booking by SMS (what most people's bookings say), for the one-segment budget.
const ORDINARY_VARS = {
  count: 3, ref: 'K7P-42Q', name: 'Jeanne Martin', topic: 'aide Impôts', date: 'mer. 30 déc. 14 h 30',
  place: 'à la Médiathèque de Clisson', commune: 'Saint-Herblain', named: 'Nantes', phoneEnd: '54 32',
  helpline: '02 40 00 00 44', address: '12 rue des Lilas, 44800 Saint-Herblain', firstName: 'Léa',
};

/** Every message a booking by SMS sends, from the first question to the acknowledgement. */
const BOOKING_PATH_KEYS = [
  'welcome.hello', 'ask.topic', 'ask.topicOther', 'ask.forWhom', 'ask.place', 'ask.placeOther', 'ask.placeHome', 'ask.placeHomeOther',
  'ask.placeChoice', 'ask.when', 'ask.whenOther', 'ask.whenChoice', 'ask.proposals_one', 'ask.proposalsShort_one', 'ask.proposalsShort_other',
  'ask.noneInWindowShort', 'ask.name', 'ask.nameOther', 'ask.phone', 'ask.phoneOther', 'ask.consent', 'ask.consentSelf', 'ask.recapShort',
  'ask.address', 'ask.addressOther', 'ask.change', 'booking.pending', 'booking.pendingOther', 'booking.slotGone', 'booking.holdLost',
  'booking.noHome', 'booking.stopped', 'retry.topic', 'retry.forWhom', 'retry.place', 'retry.placeChoice', 'retry.when', 'retry.whenChoice',
  'retry.proposal', 'retry.name', 'retry.address', 'retry.addressCommune', 'retry.phone', 'retry.phoneLandline', 'retry.consent', 'retry.recap',
  'retry.change', 'global.resume', 'global.human',
];

describe('one SMS segment per message of a booking, with ordinary values', () => {
  it.each(BOOKING_PATH_KEYS)('%s fits one segment', (key) => {
    const body = smsBodies([t(key, ORDINARY_VARS)]);
    expect(body).toHaveLength(1);
    expect(fitsOneSegment(body[0])).toBe(true);
  });

  it('the topic question with its numbered menu fits one segment', () => {
    const menu = TOPIC_IDS.map((id, i) => `${i + 1} ${t(`topicShort.${id}`)}`).join('\n');
    expect(fitsOneSegment(`${t('ask.topic')}\n${menu}`)).toBe(true);
    expect(fitsOneSegment(`${t('ask.topicOther')}\n${menu}`)).toBe(true);
  });
});

describe('GSM-7 text for SMS', () => {
  it('keeps the French letters GSM-7 has and transliterates the others', () => {
    expect(toGsm7('é è à ù É')).toBe('é è à ù É');
    expect(toGsm7('être, âge, île, côté, sûr, ça, Noël, œuf')).toBe('etre, age, ile, coté, sur, ca, Noel, oeuf');
    expect(toGsm7('l’aide «vite» … 😀')).toBe('l\'aide "vite" ... ');
    expect(isGsm7(toGsm7('Ça marche ✔ 👍 — merci'))).toBe(true);
  });

  it('counts segments like a phone does', () => {
    expect(segments('a'.repeat(160))).toBe(1);
    expect(segments('a'.repeat(161))).toBe(2);
    expect(segments('€'.repeat(80))).toBe(1); // 2 septets each
    expect(segments('ê'.repeat(70))).toBe(1); // UCS-2
    expect(segments('ê'.repeat(71))).toBe(2);
  });

  it('merges the replies of one turn while one SMS holds them', () => {
    expect(smsBodies(['Bonjour.', 'Quelle commune ?'])).toEqual(['Bonjour.\nQuelle commune ?']);
    const long = 'x'.repeat(120);
    expect(smsBodies([long, long])).toHaveLength(2);
  });

  it('picks the first text that fits one segment once in GSM-7, else the shortest', () => {
    const long = 'a'.repeat(161);
    expect(fitOneSegment([long, 'b'.repeat(160), 'c'])).toBe('b'.repeat(160));
    expect(fitOneSegment(['court'])).toBe('court');
    // Measured as sent: "ê" becomes "e" (1 septet), "€" costs 2.
    expect(fitsOneSegment('ê'.repeat(160))).toBe(true);
    expect(fitsOneSegment('€'.repeat(81))).toBe(false);
    expect(fitOneSegment(['x'.repeat(300), 'y'.repeat(200), 'z'.repeat(250)])).toBe('y'.repeat(200));
    expect(() => fitOneSegment([])).toThrow();
  });

  it('never sends more than 3 segments', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Phrase numéro ${i} pour tester la coupure.`).join(' ');
    for (const body of smsBodies([text])) expect(segments(body)).toBeLessThanOrEqual(3);
  });

  it.each(allKeys())('%s renders as GSM-7 within 3 segments (160 characters for most)', (key) => {
    const body = smsBodies([t(key, SAMPLE_VARS)]);
    expect(body).toHaveLength(1);
    expect(isGsm7(body[0])).toBe(true);
    expect(segments(body[0])).toBeLessThanOrEqual(2);
    expect(septets(body[0])).toBeGreaterThan(0);
  });
});
