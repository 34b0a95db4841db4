// botbuilder's Storage over our Store documents: real eTag compare-and-set, so that two
// processes writing one conversation's state cannot silently overwrite each other.
import type { Storage, StoreItems } from 'botbuilder';
import type { Store } from '../store/store';

export class StoreBotStorage implements Storage {
  constructor(private readonly store: Pick<Store, 'documents'>, private readonly namespace = 'state:') {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const docs = await this.store.documents.read(keys.map((k) => this.namespace + k));
    const items: StoreItems = {};
    for (const key of keys) {
      const doc = docs[this.namespace + key];
      if (doc) items[key] = { ...(doc.value as object), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const docs: Record<string, { value: unknown; eTag?: string }> = {};
    for (const [key, item] of entries) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      docs[this.namespace + key] = { value, eTag };
    }
    await this.store.documents.write(docs);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.store.documents.delete(keys.map((k) => this.namespace + k));
  }
}
