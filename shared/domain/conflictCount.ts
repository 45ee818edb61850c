// How many sync conflicts wait in this device's villages: the menu's badge, read after every write.
import { z } from 'zod';

export const conflictCount = z.object({ count: z.number().int().nonnegative() });
export type ConflictCount = z.infer<typeof conflictCount>;
