// A home visit end to end, by SMS and on the web, over real HTTP into the coordinator API:
// the street address is asked once the slot is chosen, checked against the commune, shown in
// the recap, stored with the booking, told to the beneficiary by SMS (request, confirmation)
// and to the coordinator; SUPPRIMER erases it with the name and the number.
import { addCoordinator, api, expectMessages, startCoordApp, type Coord } from '../coordinator/helpers';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { AUTH_TOKEN, Phone, REF, randomMobile } from '../sms/client';
import { ChatClient, texts } from '../directline/client';
import { ERASED_NAME } from '../../src/booking/erasure';
import { segments } from '../../src/sms-text/gsm7';

jest.setTimeout(90_000);

let twilio: TwilioStandin;
let c: Coord;
beforeAll(async () => {
  // The stand-in and the app share the webhook's signing token, so the phone's SMS are genuine.
  twilio = await startTwilioStandin({ authToken: AUTH_TOKEN });
  c = await startCoordApp({ twilio, overrides: { logger: (await import('../../src/log')).createLogger('error') } });
});
afterAll(async () => {
  await c?.close();
  await twilio?.close();
});

type Answer = [RegExp, string];

/** Answers the bot's questions from a script until `done` matches; returns every reply. */
async function converse(say: (text: string) => Promise<string>, first: string, answers: Answer[], done: RegExp): Promise<string[]> {
  const seen: string[] = [];
  let reply = await say(first);
  for (let turn = 0; turn < 20; turn++) {
    seen.push(reply);
    if (done.test(reply)) return seen;
    const a = answers.find(([re]) => re.test(reply));
    if (!a) throw new Error(`no scripted answer for: ${reply}`);
    reply = await say(a[1]);
  }
  throw new Error(`conversation did not reach ${done}: ${seen.join('\n---\n')}`);
}

interface ApiBooking { ref: string; mode: string; homeAddress?: { line: string; postcode: string; commune: string }; beneficiary: { name: string; phone: string }; status: string }

it('by SMS: a daughter books a home visit for her mother; the address reaches the recap, the coordinator and the mother\'s SMS', async () => {
  const daughter = new Phone(c, randomMobile());
  const mother = randomMobile();
  const say = async (text: string) => (await daughter.send(text)).join('\n');
  const motherLocal = `0${mother.slice(3)}`;
  const replies = await converse(say, "bonjour je voudrais de l'aide pour la CAF pour ma mère, elle ne peut pas se déplacer", [
    [/capitule/, 'oui'],
    [/Cette adresse est à/, '12 rue des Lilas'],
    [/Quelle est son adresse à Carquefou/, '3 rue Jean Jaurès, 44000 Nantes'],
    [/d'accord pour recevoir des SMS/, 'oui'],
    [/num[ée]ro de portable/, motherLocal],
    [/nom et le pr[ée]nom/, 'Odette Martin'],
    [/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour/, '1'],
    [/Quand /, 'dès que possible'],
    [/commune|code postal/, 'Carquefou'],
  ], /C'est noté/);
  const all = replies.join('\n');
  // The commune is checked: an address in Nantes is refused for a visit in Carquefou.
  expect(all).toMatch(/Cette adresse est à Nantes, mais le rendez-vous est prévu à Carquefou/);
  const recap = replies.find((r) => /capitule/.test(r))!;
  // One SMS: the street the daughter typed stays, the commune she named may go.
  expect(recap).toMatch(/chez la personne, 12 rue des Lilas(, 44470 Carquefou)?, pour Odette Martin, portable finissant par \d\d \d\d/);
  expect(segments(recap)).toBe(1);
  const ref = REF.exec(replies[replies.length - 1])![1];

  // The mother hears of the request from "Les Connectés", not first from an unsigned confirmation.
  const [requested] = await expectMessages(twilio, mother, 1);
  expect(requested).toMatch(new RegExp(`^Les Connectés : un proche a demandé pour vous une visite chez vous le .* vers [^.]+\\.( Vous recevrez une confirmation\\.)? Pour annuler, répondez ANNULER\\.$`));
  expect(segments(requested)).toBe(1);

  // The coordinator sees where the volunteer goes.
  const { token } = await addCoordinator(c.app, '44');
  const a = api(c.base, token);
  const pending = (await (await a.get('/bookings?status=pending&limit=200')).json()) as { items: ApiBooking[] };
  expect(pending.items.find((b) => b.ref === ref)).toMatchObject({
    mode: 'home', beneficiary: { name: 'Odette Martin', phone: mother },
    homeAddress: { line: '12 rue des Lilas', postcode: '44470', commune: 'Carquefou' },
  });
  expect((await a.post(`/bookings/${ref}/confirm`)).status).toBe(200);
  const sms = await expectMessages(twilio, mother, 2);
  expect(sms[1]).toMatch(/^Les Connectés : RDV confirmé le .* vers .* chez vous, 12 rue des Lilas(, 44470 Carquefou)?, avec [A-Z]\S+\. Pour annuler, répondez ANNULER\. Une question : 02 40 00 00 44$/);

  // SUPPRIMER from the mother's phone erases the address with her name and number.
  const phone = new Phone(c, mother);
  expect((await phone.send('SUPPRIMER')).join('\n')).toMatch(/effacer/);
  await phone.send('OUI');
  const erased = await c.app.store.bookings.get(ref);
  expect(erased?.beneficiary.name).toBe(ERASED_NAME);
  expect(erased?.homeAddress).toBeUndefined();
});

it('on the web: a person books a home visit for themself; the address is in the booking, the SMS and the coordinator API', async () => {
  const grant = (await (await fetch(`${c.base}/api/widget/token`, { method: 'POST' })).json()) as { token: string; userId: string };
  const chat = new ChatClient(c.base, grant.token, grant.userId);
  try {
    await chat.waitFor((all) => all.length > 0);
    const me = randomMobile();
    const say = async (text: string) => texts(await chat.say(text));
    const replies = await converse(say, 'je ne peux pas me déplacer, il me faut de l\'aide pour mes impôts', [
      [/capitule/, 'oui'],
      [/pas compris l'adresse/, 'La Grande Noë, Carquefou'],
      [/Quelle est votre adresse à Carquefou/, 'chez moi'],
      [/recevoir des SMS/, 'oui'],
      [/num[ée]ro de portable/, `0${me.slice(3)}`],
      [/nom et votre pr[ée]nom/, 'Paul Roy'],
      [/pour vous ou pour un proche/, '1'],
      [/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour/, '1'],
      [/Quand /, 'dès que possible'],
      [/commune|code postal/, 'Carquefou'],
    ], /C'est noté/);
    expect(replies.find((r) => /capitule/.test(r))).toMatch(/chez vous, La Grande Noë, 44470 Carquefou, pour Paul Roy/);
    const ref = REF.exec(replies[replies.length - 1])![1];
    const stored = await c.app.store.bookings.get(ref);
    expect(stored).toMatchObject({ channel: 'webchat', mode: 'home', requestedBy: 'self', homeAddress: { line: 'La Grande Noë', postcode: '44470', commune: 'Carquefou' } });
    // Booked on the web: the person gets the request by SMS too.
    const [sms] = await expectMessages(twilio, me, 1);
    expect(sms).toMatch(new RegExp(`^Les Connectés : votre demande de visite chez vous le .* est enregistrée \\(réf\\. ${ref}\\)`));
    const { token } = await addCoordinator(c.app, '44');
    const detail = (await (await api(c.base, token).get(`/bookings/${ref}`)).json()) as { booking: ApiBooking };
    expect(detail.booking.homeAddress).toEqual({ line: 'La Grande Noë', postcode: '44470', commune: 'Carquefou' });
  } finally {
    chat.end();
  }
});
