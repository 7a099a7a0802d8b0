// v2's HTTP answers in the emulator (reference §7.1): 200 with a JSON body, or
// 204 (quota), 403 (key) and 400 (arguments) with an empty body. The bodies
// themselves come from @vtbroker/legacy-v2.
import type { V2Body } from '@vtbroker/legacy-v2';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';

export const v2Answer = (body: V2Body | V2Body[]): EmuResponse => json(body);

/** 204, 400 and 403 carry no body on v2 (§7.1, §6 "Exceeded (v2)"). */
export const v2Empty = (status: number): EmuResponse => ({ status, body: '' });
