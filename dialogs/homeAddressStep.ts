// The home-visit address step: once a home visit's slot is chosen, the street address where
// the volunteer goes. A separate small step so that the booking dialog only routes to it.
import type { TurnContext } from 'botbuilder';
import type { Catalogue } from '../src/booking/catalogue';
import type { Form } from '../src/conversation/form';
import { checkHomeAddress } from '../src/language/address';
import { findPlace } from '../src/language/place';
import { sayKey } from './say';

export async function askHomeAddress(ctx: TurnContext, form: Form): Promise<void> {
  return sayKey(ctx, form.forOther ? 'ask.addressOther' : 'ask.address', { commune: form.place?.commune ?? '' });
}

/**
 * One answer to the address question. true: the form has the address (or a clear question
 * about another commune was asked); false: not understood (the dialog says retry.address).
 */
export async function absorbHomeAddress(ctx: TurnContext, form: Form, text: string, catalogue: Catalogue): Promise<boolean> {
  const place = form.place;
  if (!place) return false;
  const lookup = (name: string) => {
    const found = findPlace(name, catalogue);
    return found?.status === 'found' ? { insee: found.insee, commune: found.commune } : null;
  };
  const r = checkHomeAddress(text, { insee: place.insee, commune: place.commune, postcode: place.postcode }, lookup);
  if (r.status === 'ok') { form.homeAddress = r.address; return true; }
  if (r.status === 'otherCommune') {
    await sayKey(ctx, 'retry.addressCommune', { named: r.named, commune: place.commune });
    return true;
  }
  return false;
}

/** "06 98 76 54 32" → "54 32": the recap shows which number without writing it whole. */
export function phoneEnding(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `${digits.slice(-4, -2)} ${digits.slice(-2)}`;
}
