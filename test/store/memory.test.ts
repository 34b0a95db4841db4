import { MemoryStore } from '../../src/store/memory';
import { storeContract } from './contract';

storeContract('MemoryStore', async () => new MemoryStore());
