import { storeContract } from './contract';
import { cleanRedisStore, makeRedisStore } from './redis-helpers';

storeContract('RedisStore', () => makeRedisStore('contract'), cleanRedisStore);
