// Counts what one ioredis client sends: every command (by name) and the round trips.
// A round trip = one or more socket writes with no reply received in between: a pipeline or
// MULTI goes out as one write, and commands issued together (Promise.all) leave back to
// back — either way the caller waits for Redis once. Valid when one turn runs at a time.
import Redis from 'ioredis';

export interface RtCounts { commands: string[]; roundTrips: number }

/**
 * `ignore`: commands that are no turn's own (the catalogue's background version poll, every
 * 2 s on the same client): left out of the commands, and a write carrying only them is no round trip.
 */
export function instrumentIoredis(ignore: (name: string, args: unknown[]) => boolean = () => false): { track(client: unknown): void; take(): RtCounts; off(): void } {
  let tracked: unknown = null;
  let enabled = false;
  let commands: string[] = [];
  let roundTrips = 0;
  let replySinceWrite = true;
  let ownSinceWrite = false;
  const proto = Redis.prototype as unknown as { sendCommand(command: { name: string; args: unknown[] }, stream?: unknown): unknown };
  const original = proto.sendCommand;
  proto.sendCommand = function (this: unknown, command, stream) {
    if (enabled && this === tracked && !ignore(command.name, command.args)) {
      ownSinceWrite = true;
      const script = command.name === 'evalsha' || command.name === 'eval' ? `(${String(command.args[0]).slice(0, 8)})` : '';
      commands.push(command.name + script);
    }
    return original.call(this, command, stream);
  };
  const hooked = new WeakSet<object>();
  const hookStream = () => {
    if (!tracked) return;
    const stream = (tracked as { stream?: NodeJS.WritableStream & NodeJS.ReadableStream }).stream;
    if (!stream || hooked.has(stream)) return;
    hooked.add(stream);
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    (stream as unknown as { write: (...a: unknown[]) => boolean }).write = (...args: unknown[]) => {
      if (enabled && replySinceWrite && ownSinceWrite) { roundTrips += 1; replySinceWrite = false; }
      ownSinceWrite = false;
      return write(...args);
    };
    stream.prependListener('data', () => { replySinceWrite = true; });
  };
  return {
    track(client) { tracked = client; hookStream(); },
    /** Counts since the previous call (and counts from now on). */
    take() {
      enabled = true;
      hookStream();
      const out = { commands, roundTrips };
      commands = [];
      roundTrips = 0;
      return out;
    },
    off() { enabled = false; commands = []; roundTrips = 0; },
  };
}
