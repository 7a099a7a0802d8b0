import { describeLimiterContract } from '../limiter.contract.ts';
import { memoryLimiter } from './memory.ts';

describeLimiterContract('memory', () => Promise.resolve(memoryLimiter()));
