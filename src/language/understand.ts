// One message → everything the language layer can tell about it.
import type { TopicId } from '../booking/model';
import { classify, type Intent } from './intent';
import { findPlace, type PlaceCatalogue, type PlaceResult } from './place';
import { parseWhen, type WhenResult } from './when';

export interface Understanding {
  text: string;
  intent: Intent;
  topic: TopicId | null;
  forOther: boolean | null;
  when: WhenResult | null;
  place: PlaceResult | null;
}

// Phone numbers would otherwise look like postcodes or dates to the other readers.
const PHONE_RUN = /(?:\+|00)?\d(?:[\s.-]?\d){8,13}/g;

/** `catalogue`: the loaded catalogue, whose territories decide what is in or out of area. */
export function understand(text: string, now: Date, catalogue: PlaceCatalogue): Understanding {
  const { intent, topic, forOther } = classify(text);
  const withoutPhones = text.replace(PHONE_RUN, ' ');
  return { text, intent, topic, forOther, when: parseWhen(withoutPhones, now), place: findPlace(withoutPhones, catalogue) };
}

/** The JSON line of `npm run understand` (the documented, stable shape). */
export function understandingToJson(u: Understanding): Record<string, unknown> {
  let place: Record<string, unknown> | null = null;
  if (u.place?.status === 'found') place = { status: 'found', insee: u.place.insee, commune: u.place.commune, nearestSites: u.place.nearestSites };
  else if (u.place?.status === 'ask') place = { status: 'ask', candidates: u.place.candidates.map((c) => ({ insee: c.insee, commune: c.commune })) };
  else if (u.place?.status === 'out') place = { status: 'out', ...(u.place.commune ? { commune: u.place.commune, departement: u.place.departement } : {}) };
  return { text: u.text, intent: u.intent, topic: u.topic, forOther: u.forOther, when: u.when, place };
}
