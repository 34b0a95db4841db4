// The dialogs' part of the conversation's document (src/bot/state.ts reads and writes it once a
// turn): the profile, the opt-out question's flag, and the one conversation whose question is
// pending. Plain JSON, no framework's stack. Documents written before the flat dialog layer
// (botbuilder-dialogs' nested stacks, deployed until 2026-12-03) are read once here.
import { z } from 'zod';
import type { ConversationDoc } from '../src/bot/state';
import type { Form } from '../src/conversation/form';
import type { CancelState } from './cancelDialog';
import type { ChangeState } from './changeDialog';
import { confirmErase } from './eraseDialog';
import type { MenuState } from './menuDialog';
import type { Prompt, PromptKind } from './prompts';
import { unclearPrompt } from './unclear';
import type { WorkshopState } from './workshopDialog';
import type { Profile } from './turn';

/** The conversation under way, by the dialog that asked the pending question. */
export type Active =
  | { id: 'booking'; state: Form }
  | { id: 'menu'; state: MenuState }
  | { id: 'unclear'; state: Prompt }
  | { id: 'cancel'; state: CancelState }
  | { id: 'erase'; state: Prompt }
  | { id: 'change'; state: ChangeState }
  | { id: 'workshop'; state: WorkshopState };

export interface DialogDoc {
  profile?: Profile;
  /** "Voulez-vous ne plus recevoir de SMS ?" was asked last turn: the answer decides. */
  optOutAsked?: boolean;
  /** Absent: no question pending. */
  dialog?: Active;
}

export function dialogDoc(doc: ConversationDoc): DialogDoc {
  return doc as DialogDoc;
}

/** The territory this conversation learnt (for the channels' metrics and the helpline). */
export function territoryOf(doc: ConversationDoc | undefined): string | undefined {
  return doc ? dialogDoc(doc).profile?.territory : undefined;
}

// ---- documents of the botbuilder-dialogs bot ------------------------------------------------

const Instance = z.object({ id: z.string(), state: z.record(z.string(), z.unknown()).optional() });
const Stack = z.object({ dialogStack: z.array(Instance) });
type Instance = z.infer<typeof Instance>;
const Waterfall = z.object({ values: z.record(z.string(), z.unknown()), stepIndex: z.number().int().min(0) });
const PromptOptions = z.object({
  prompt: z.record(z.string(), z.unknown()),
  retryPrompt: z.record(z.string(), z.unknown()).optional(),
  validations: z.object({ count: z.number() }).optional(),
});
const OldBooking = z.object({ form: z.object({ awaiting: z.string().nullable(), failures: z.number() }).passthrough() });
const OldMenu = z.object({ draft: z.object({ awaiting: z.string().nullable() }).passthrough().optional(), failures: z.number().optional() });
const OldChange = z.object({ stage: z.enum(['which', 'proposal', 'session', 'recap']) }).passthrough();
const OldCancelBookings = z.array(z.object({ ref: z.string(), start: z.string() }).passthrough());

/** The old prompt ids of the workshop's waterfall → what they read. */
const WORKSHOP_PROMPTS: Record<string, PromptKind> = {
  workshopChoice: 'choice', workshopText: 'text', workshopYesNo: 'yesNo', workshopName: 'name', workshopPhone: 'phone',
};

function oldPrompt(instance: Instance | undefined, kind: PromptKind): Prompt {
  const o = PromptOptions.parse((instance?.state as { options?: unknown } | undefined)?.options);
  return { kind, prompt: o.prompt, ...(o.retryPrompt ? { retry: o.retryPrompt } : {}), ...(o.validations ? { count: o.validations.count } : {}) };
}

/** A component dialog's own stack: [its waterfall, the prompt it waits on]. */
function inner(child: Instance): [z.infer<typeof Waterfall>, Instance | undefined] {
  const stack = Stack.parse(child.state?.dialogs).dialogStack;
  return [Waterfall.parse(stack[0]?.state), stack[1]];
}

/** The pending conversation of an old stack (null: none pending); throws when it cannot be read. */
function fromOldStack(value: unknown): Active | null {
  const root = Stack.parse(value).dialogStack;
  if (root.length === 0) return null;
  if (root[0]!.id !== 'main') throw new Error(`unknown root dialog ${root[0]!.id}`);
  // MainDialog's own stack: [the router waterfall, the child whose question is pending].
  const child = Stack.parse(root[0]!.state?.dialogs).dialogStack[1];
  if (!child) return null;
  switch (child.id) {
    case 'booking': return { id: 'booking', state: OldBooking.parse(child.state).form as unknown as Form };
    case 'menu': {
      const m = OldMenu.parse(child.state);
      return { id: 'menu', state: { ...(m.draft ? { draft: m.draft as unknown as Form } : {}), failures: m.failures ?? 0 } };
    }
    case 'change': return { id: 'change', state: OldChange.parse(child.state) as unknown as ChangeState };
    case 'unclear': return { id: 'unclear', state: unclearPrompt() };
    case 'erase': return { id: 'erase', state: confirmErase() };
    case 'cancel': {
      const [steps, prompt] = inner(child);
      if (prompt?.id === 'cancelConfirm') return { id: 'cancel', state: { stage: 'confirm', ref: z.string().parse(steps.values.ref), prompt: oldPrompt(prompt, 'yesNo') } };
      if (prompt?.id === 'cancelWhich') {
        const bookings = OldCancelBookings.parse(steps.values.bookings).map((b) => ({ ref: b.ref, start: b.start }));
        return { id: 'cancel', state: { stage: 'which', bookings, prompt: oldPrompt(prompt, 'choice') } };
      }
      throw new Error(`unknown cancel prompt ${prompt?.id}`);
    }
    case 'workshop': {
      const [steps, prompt] = inner(child);
      const kind = prompt ? WORKSHOP_PROMPTS[prompt.id] : undefined;
      if (!kind) throw new Error(`unknown workshop prompt ${prompt?.id}`);
      // The waterfall resumes after the step that asked: the same numbering as workshopDialog.ts's steps.
      const s = z.record(z.string(), z.unknown()).parse(steps.values.s) as unknown as WorkshopState['s'];
      return { id: 'workshop', state: { s, step: steps.stepIndex + 1, prompt: oldPrompt(prompt, kind) } };
    }
    default: throw new Error(`unknown dialog ${child.id}`);
  }
}

/**
 * Reads a document of the botbuilder-dialogs bot in place (its profile and opt-out flag are
 * kept as they were). 'restarted': its pending question could not be read, so the conversation
 * starts over (the caller says so); 'current': a document of this layer.
 */
export function upgradeDoc(doc: ConversationDoc): 'current' | 'migrated' | 'restarted' {
  if (!('dialogState' in doc)) return 'current';
  const old = doc.dialogState;
  delete doc.dialogState;
  let active: Active | null;
  try {
    active = fromOldStack(old);
  } catch {
    return 'restarted';
  }
  if (active) dialogDoc(doc).dialog = active;
  return 'migrated';
}
