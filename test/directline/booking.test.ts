// A relative books for their mother through the Direct Line subset, with the real
// botframework-directlinejs client in polling mode, against the running app on Redis.
import { ConnectionStatus } from 'botframework-directlinejs';
import { startApp, type Running } from '../e2e/http';
import { ChatClient, texts } from './client';
import type { Message } from 'botframework-directlinejs';
import { addCoordinator } from '../coordinator/helpers';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';

let run: Running;
beforeAll(async () => { run = await startApp({ WIDGET_TOKEN_SECRET: 'x'.repeat(40) }); });
afterAll(async () => { await run.app.close(); });

async function widgetToken(): Promise<{ token: string; conversationId: string; userId: string; expires_in: number }> {
  const res = await fetch(`${run.base}/api/widget/token`, { method: 'POST' });
  expect(res.status).toBe(200);
  return res.json() as never;
}

describe('Direct Line with botframework-directlinejs', () => {
  let chat: ChatClient | undefined;
  afterEach(() => chat?.end());

  it('plays a whole booking for a relative and stores it pending with the conversation id', async () => {
    const grant = await widgetToken();
    expect(grant.expires_in).toBe(1800);
    chat = new ChatClient(run.base, grant.token, grant.userId);
    await chat.waitFor((all) => all.length > 0);
    expect(chat.status()).toBe(ConnectionStatus.Online);
    expect(chat.received[0]).toMatchObject({ type: 'message', from: { role: 'bot' }, channelId: 'webchat', conversation: { id: grant.conversationId } });
    expect((chat.received[0] as { text: string }).text).toMatch(/Bonjour/);

    const topic = await chat.say('je voudrais un rendez-vous pour ma mère pour la CAF');
    expect(texts(topic)).toMatch(/commune|code postal/i);
    expect(texts(await chat.say('44400'))).toMatch(/Quand/);
    const proposals = await chat.say('dès que possible');
    // Web: the same choices as buttons, each with its site's address (src/channels/web/render.ts),
    // and the question without the numbered lines the buttons carry.
    const buttons = proposals.flatMap((m) => m.suggestedActions?.actions ?? []);
    expect(buttons.map((b) => b.value)).toEqual(['1', '2', '3'].slice(0, buttons.length));
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(b.title).toMatch(/^\d .*, .* \u2013 .*\d{5} /);
    expect(proposals.flatMap((m) => m.attachments ?? [])).toEqual([]);
    expect(texts(proposals)).not.toMatch(/\n1 /);
    expect(texts(await chat.say('1'))).toMatch(/nom/);
    expect(texts(await chat.say('Paulette Durand'))).toMatch(/portable/);
    expect(texts(await chat.say('06 98 76 54 32'))).toMatch(/SMS/);
    expect(texts(await chat.say('oui'))).toMatch(/Paulette Durand/);
    const done = await chat.say('oui');
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(texts(done))?.[1];
    expect(ref).toBeDefined();
    const booking = await run.app.store.bookings.get(ref!);
    expect(booking).toMatchObject({
      status: 'pending', topic: 'caf', requestedBy: 'relative', channel: 'webchat', conversationId: grant.conversationId,
      beneficiary: { name: 'Paulette Durand', phone: '+33698765432' },
    });
    // One calendar file offered, through a link that only opens this booking.
    const file = done.flatMap((m) => (m.attachments ?? []) as { contentType: string; contentUrl?: string; name?: string }[]).find((a) => a.contentType === 'text/calendar');
    expect(file?.name).toBe(`rendez-vous-${ref}.ics`);
    const ics = await fetch(file!.contentUrl!);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    const body = await ics.text();
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toContain(`${ref}@les-connectes`);
    expect(body).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(body).toContain('STATUS:TENTATIVE');
    // Still a request: the offer and the file both say "en attente".
    expect(texts(done)).toMatch(/en attente de confirmation/);
    expect(body.replace(/\r\n /g, '')).toContain('SUMMARY:(en attente) Rendez-vous Les Connectés');
    // RFC 5545: no content line longer than 75 octets (UTF-8), continuation lines fold with a space.
    const lines = body.split('\r\n');
    expect(lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75)).toEqual([]);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    const startUtc = new Date(booking!.startsAt).toISOString().replace(/[-:]/g, '').slice(0, 15);
    expect(body).toContain(`DTSTART:${startUtc}Z`);
    // The conversation's own token opens it too; another conversation's token does not.
    const own = await fetch(`${run.base}/api/widget/bookings/${ref}.ics`, { headers: { Authorization: `Bearer ${grant.token}` } });
    expect(own.status).toBe(200);
    const other = await widgetToken();
    const foreign = await fetch(`${run.base}/api/widget/bookings/${ref}.ics`, { headers: { Authorization: `Bearer ${other.token}` } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'Forbidden' } });
    const linkOtherRef = file!.contentUrl!.replace(ref!, 'AAA-AAA');
    expect((await fetch(linkOtherRef)).status).toBe(403);
    expect((await fetch(`${run.base}/api/widget/bookings/${ref}.ics`)).status).toBe(401);

    // Once a coordinator confirms, the conversation is told and offered the confirmed file.
    const { token: coordToken } = await addCoordinator(run.app, '44');
    const confirm = await fetch(`${run.base}/api/coordinator/bookings/${ref}/confirm`, { method: 'POST', headers: { Authorization: `Bearer ${coordToken}` } });
    expect(confirm.status).toBe(200);
    await chat.waitFor((all) => all.filter((a) => (a as Message).attachments?.some((x) => x.contentType === 'text/calendar')).length === 2);
    const offers = chat.received.filter((a) => (a as Message).attachments?.some((x) => x.contentType === 'text/calendar')) as Message[];
    expect(offers[1].text).toMatch(/confirmé/);
    // Told outside a request (no Host header, no PUBLIC_BASE_URL here): a link relative to the widget page.
    const confirmedUrl = (offers[1].attachments![0] as { contentUrl: string }).contentUrl;
    expect(confirmedUrl).toMatch(/^\/api\/widget\/bookings\//);
    const confirmed = await (await fetch(new URL(confirmedUrl, run.base))).text();
    expect(confirmed).toContain('STATUS:CONFIRMED');
    expect(confirmed.replace(/\r\n /g, '')).toContain('SUMMARY:Rendez-vous Les Connectés');

    // The client sent the headers Direct Line clients send.
    expect(chat.requests.every((r) => /^Bearer v1\./.test(r.headers.Authorization))).toBe(true);
    expect(chat.requests.some((r) => /directlinejs/.test(r.headers['x-ms-bot-agent']))).toBe(true);
  });
});
