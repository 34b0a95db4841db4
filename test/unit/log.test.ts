import { createLogger, maskPhoneLike } from '../../src/log';

describe('log masking', () => {
  it('masks phone numbers in every usual form', () => {
    expect(maskPhoneLike('appel de +33612345678')).toBe('appel de +33 6 •• •• •• 78');
    expect(maskPhoneLike('06 12 34 56 78')).toBe('+33 6 •• •• •• 78');
    expect(maskPhoneLike('rdv le 12')).toBe('rdv le 12');
  });

  it('never writes a full phone number or name', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    log.info('sms from +33612345678', { from: '+33612345678', beneficiaryName: 'Jeanne Dupont', nested: { phone: '0612345678' } });
    const out = lines.join('\n');
    expect(out).not.toMatch(/612345678/);
    expect(out).not.toMatch(/Dupont/);
    expect(out).toContain('J•••');
  });

  it('masks a home-visit street address (a whole booking logged, or the address alone)', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    log.info('booking', { booking: { ref: 'K7P-42Q', homeAddress: { line: '12 rue des Lilas', postcode: '44470', commune: 'Carquefou' } }, address: '3 rue du Port' });
    const out = lines.join('\n');
    expect(out).not.toMatch(/Lilas|rue du Port/);
    expect(out).toContain('44470');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    createLogger('warn', (l) => lines.push(l)).info('hidden');
    expect(lines).toHaveLength(0);
  });
});
