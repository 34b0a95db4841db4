import { BookingSchema } from '../../src/booking/model';
import { REF_ALPHABET, REF_CODE_PATTERN, findRefCode, isRefCode, newRefCode, normalizeRefCode } from '../../src/booking/refcode';

describe('reference codes', () => {
  it('the alphabet has no 0, O, 1 or I and 32 distinct symbols', () => {
    expect(REF_ALPHABET).not.toMatch(/[01OI]/);
    expect(new Set(REF_ALPHABET).size).toBe(32);
  });

  it('looks like K7P-42Q and fits the booking schema', () => {
    const ref = BookingSchema.shape.ref;
    for (let i = 0; i < 500; i++) {
      const code = newRefCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
      expect(ref.safeParse(code).success).toBe(true);
    }
  });

  it('uses the given random source over the whole alphabet', () => {
    expect(newRefCode(() => 0)).toBe('222-222');
    expect(newRefCode(() => 0.999999)).toBe('ZZZ-ZZZ');
    const seq = [10, 5, 21, 0, 2, 23].map((n) => (n + 0.5) / 32);
    let i = 0;
    expect(newRefCode(() => seq[i++])).toBe('C7P-24R');
  });

  it('is spread out (no code twice in 2,000)', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newRefCode()));
    expect(seen.size).toBe(2000);
  });

  it.each([
    ['K7P-42Q', 'K7P-42Q'], ['k7p42q', 'K7P-42Q'], ['K7P 42Q', 'K7P-42Q'], [' k7p-42q ', 'K7P-42Q'], ['k7p.42q', 'K7P-42Q'],
  ])('normalizes %j', (input, out) => {
    expect(normalizeRefCode(input)).toBe(out);
  });

  it.each(['K7P-42', 'K0P-42Q', 'KIP-42Q', 'K7P-42QX', 'bonjour', ''])('refuses %j', (input) => {
    expect(normalizeRefCode(input)).toBeNull();
  });

  it('finds a code inside a sentence, not an ordinary word', () => {
    expect(findRefCode('je veux annuler le K7P-42Q svp')).toBe('K7P-42Q');
    expect(findRefCode('annuler k7p42q')).toBe('K7P-42Q');
    expect(findRefCode('mon code est k7p 42q merci')).toBe('K7P-42Q');
    expect(findRefCode('annuler mon rendez-vous')).toBeNull();
    expect(findRefCode('ben rdv demain')).toBeNull();
    expect(findRefCode('mon numero 0612345678')).toBeNull();
  });
});

describe('the written reference pattern', () => {
  it('accepts the written form only', () => {
    expect(isRefCode('K7P-42Q')).toBe(true);
    for (const bad of ['k7p-42q', 'K7P42Q', 'K0P-42Q', 'KIP-42Q', ' K7P-42Q', 'K7P-42QX', 42, undefined]) expect(isRefCode(bad)).toBe(false);
  });

  it('finds a code inside a longer text when embedded', () => {
    expect(new RegExp(`numéro (${REF_CODE_PATTERN})`).exec('votre numéro K7P-42Q.')?.[1]).toBe('K7P-42Q');
  });
});
