// Item 3: Redis commands and round trips per turn of the booking bot, counted inside the
// server process (ioredis instrumentation, one turn at a time). Also item 4's check over
// HTTP: the loser of a race for one proposal is told "vient d'être pris".
import type { ServerUnderTest } from '../lib/proc';
import { sayWeb } from '../lib/client';
import { Conversation, loadPersona, type Persona } from '../lib/driver';
import { median, fmt } from '../lib/stats';
import { log, type Section } from '../lib/report';

interface TurnCount { kind: string; commands: string[]; roundTrips: number; ms: number }

/** What the turn answered, from the bot's previous message. */
function kindOf(previous: string | null, reply: string): string {
  if (previous === null) return 'first message (new conversation)';
  if (/C'est noté/.test(reply)) return 'recap OUI → commit booking';
  if (/capitule/.test(previous)) return 'recap';
  if (/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour/.test(previous)) return 'pick a proposal → hold';
  if (/Quand /.test(previous)) return 'when → proposals';
  if (/commune|code postal/.test(previous)) return 'place';
  if (/nom et (votre |le )?pr[ée]nom/.test(previous)) return 'name';
  if (/num[ée]ro de portable/.test(previous)) return 'phone';
  if (/d'accord pour recevoir/.test(previous)) return 'SMS consent';
  if (/pour vous ou pour un proche/.test(previous)) return 'for whom';
  return 'other';
}

/** Turns that only read and write the conversation (no new conversation, no hold, no commit). */
const ORDINARY = new Set(['place', 'when → proposals', 'name', 'phone', 'SMS consent', 'for whom', 'recap']);

export async function runRoundTrips(o: { server: ServerUnderTest; conversations: number }): Promise<{ rt: Section; slotGone: { ok: boolean; text: string } }> {
  const server = o.server;
  try {
    const counts: TurnCount[] = [];
    for (let i = 0; i < o.conversations; i++) {
      const conv = new Conversation(loadPersona(i));
      const id = `rt-${i}-${Date.now()}`;
      let replies: string[] | null = null;
      let previous: string | null = null;
      for (let t = 0; t < 25; t++) {
        const step = conv.next(replies);
        if (!('say' in step)) break;
        await server.request({ cmd: 'roundtrips' }); // drop whatever ran between turns
        const r = await sayWeb(server.base, id, step.say);
        const c = await server.request<{ commands: string[]; roundTrips: number }>({ cmd: 'roundtrips' });
        counts.push({ kind: kindOf(previous, r.texts.join('\n')), commands: c.commands, roundTrips: c.roundTrips, ms: r.ms });
        replies = r.texts;
        previous = r.texts[r.texts.length - 1] ?? '';
      }
    }
    const kinds = [...new Set(counts.map((c) => c.kind))];
    const rows = kinds.map((k) => {
      const list = counts.filter((c) => c.kind === k);
      const rts = list.map((c) => c.roundTrips);
      const cmds = list.map((c) => c.commands.length);
      const sample = list[0].commands.join(', ');
      return [k, String(list.length), fmt(median(list.map((c) => c.ms)), 1), fmt(median(cmds), 1), String(Math.max(...cmds)), fmt(median(rts), 1), String(Math.max(...rts)), ORDINARY.has(k) ? 'yes' : 'no', `\`${sample}\``];
    });
    const ordinary = counts.filter((c) => ORDINARY.has(c.kind));
    const stateOnly = ordinary.filter((c) => c.kind !== 'when → proposals');
    const proposals = ordinary.filter((c) => c.kind === 'when → proposals');
    const worst = Math.max(...stateOnly.map((c) => c.roundTrips));
    const med = median(stateOnly.map((c) => c.roundTrips));
    const worstP = proposals.length ? Math.max(...proposals.map((c) => c.roundTrips)) : NaN;
    log(`round trips: state-only ordinary turns median ${med}, worst ${worst}; proposals turns worst ${worstP}`);
    const worstTurn = [...stateOnly].sort((a, b) => b.roundTrips - a.roundTrips)[0];
    const worstProposals = [...proposals].sort((a, b) => b.roundTrips - a.roundTrips)[0];

    // Item 4 over HTTP: two people see the same proposals; the second to pick loses politely.
    const race: Persona = { label: 'race', opening: ['bjr jai besoin daide pour la caf'], forWhom: '1', place: ['44800'], when: ['dès que possible'], pick: '1', name: 'Jeanne Martin', recap: ['oui'] };
    const toProposals = async (id: string) => {
      const conv = new Conversation(race);
      let replies: string[] | null = null;
      for (let t = 0; t < 8; t++) {
        const step = conv.next(replies);
        if (!('say' in step)) throw new Error(`race: ${JSON.stringify(step)}`);
        const last = replies?.[replies.length - 1] ?? '';
        if (/R[ée]pondez avec un chiffre/.test(last)) return;
        replies = (await sayWeb(server.base, id, step.say)).texts;
      }
      throw new Error('race: no proposals');
    };
    const [ida, idb] = [`race-a-${Date.now()}`, `race-b-${Date.now()}`];
    await toProposals(ida);
    await toProposals(idb);
    const a = (await sayWeb(server.base, ida, '1')).texts.join('\n');
    const b = (await sayWeb(server.base, idb, '1')).texts.join('\n');
    const slotGone = { ok: /nom et (votre |le )?pr[ée]nom/.test(a) && /vient d'être pris/.test(b), text: b.split('\n')[0] };
    log(`race over HTTP: winner asked for a name: ${/nom/.test(a)}; loser: ${slotGone.text}`);

    const rt: Section = {
      title: '3. Redis round trips per turn (booking bot, /api/messages, counted in the server process)',
      header: ['turn', 'turns seen', 'latency ms, one at a time (median)', 'commands (median)', 'commands (max)', 'round trips (median)', 'round trips (max)', 'ordinary?', 'commands of the first such turn'],
      rows,
      bars: [
        { what: 'round trips of an ordinary turn that reads and writes the conversation only (place, name, phone, consent, recap; worst seen)', value: `${worst} (median ${fmt(med, 1)})`, bar: '≤ 2', met: worst <= 2 },
        { what: 'round trips of the ordinary turn that searches proposals (when → proposals; worst seen)', value: `${fmt(worstP, 0)} (median ${fmt(median(proposals.map((c) => c.roundTrips)), 1)})`, bar: '≤ 3', met: worstP <= 3 },
      ],
      notes: [
        `Worst ordinary turn seen (${worstTurn?.kind}, ${worstTurn?.roundTrips} round trips): \`${worstTurn?.commands.join(', ')}\`; worst proposals turn (${worstProposals?.roundTrips}): \`${worstProposals?.commands.join(', ')}\`.`,
        `${o.conversations} whole booking conversations played one turn at a time; commands are those of the store's ioredis client (evalsha(xxxxxxxx) = a Lua script by SHA prefix).`,
        'A round trip = socket writes with no reply received in between: a MULTI/pipeline, or commands issued together (Promise.all), count once. The catalogue\'s background version poll (one GET every 2 s on the same client, not part of any turn) is left out when it lands inside a measured turn.',
        '"Ordinary" = a turn of an ongoing conversation that neither holds a slot nor commits a booking.',
        'Every turn pays 2 round trips for the conversation itself: EVALSHA lockAcquireDoc (takes the lock and returns the state document in one script) and, at the end, EVALSHA docWriteRelease (the eTag compare-and-set of the state, refused if the lock is no longer ours — fencing — and the lock release, in one script); a turn that changed nothing releases with compareAndDelete instead. Anything the dialog asks the store comes on top: one MGET of takenAmong for proposals (every candidate of the nearby places, see src/booking/proposals.ts), SET NX for a hold, SET NX + SADD ×2 then EVALSHA commit for a booking.',
      ],
    };
    return { rt, slotGone };
  } finally {
    await server.request({ cmd: 'rt-off' });
  }
}
