// The activity of one message from a phone channel (an SMS, a call's answer) for the local adapter.
import crypto from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface PhoneMessage {
  channelId: 'sms' | 'voice';
  id?: string;
  conversationId: string;
  from: string;
  to?: string;
  text: string;
  channelData: Record<string, unknown>;
}

export function phoneActivity(m: PhoneMessage): Partial<Activity> {
  return {
    type: 'message',
    id: m.id ?? crypto.randomUUID(),
    channelId: m.channelId,
    serviceUrl: '',
    timestamp: new Date(),
    locale: 'fr-FR',
    conversation: { id: m.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: m.from, name: '' },
    recipient: { id: m.to ?? 'bot', name: '' },
    text: m.text,
    channelData: m.channelData,
  };
}
