// Replies of proactive turns on channel 'sms' (LocalAdapter.continueConversation) into the
// outbound SMS queue: the channel's side of the seam, so the queue knows nothing of botbuilder.
import type { Activity, ConversationReference } from 'botbuilder';
import type { OutboundSms } from '../../notify/outbound';
import type { Deliver } from '../local-adapter';

/**
 * LocalAdapter `deliver` for proactive turns on channel 'sms': the replies of one turn go
 * out as one queued message (split only past 3 segments), keyed by their activity ids.
 */
export function smsDeliver(outbound: Pick<OutboundSms, 'send'>): Deliver {
  return async (reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> => {
    const to = reference.conversation?.id ?? reference.user?.id;
    const messages = activities.filter((a) => a.type === 'message' && a.text);
    if (!to || !messages.length) return;
    const body = messages.map((a) => a.text).join('\n');
    await outbound.send(to, body, { key: `proactive:${messages.map((a) => a.id).join(',')}`, kind: 'proactive' });
  };
}
