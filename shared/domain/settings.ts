// Local settings of this installation. The days-in-village threshold is set by each township
// (often 20 days a month); the device keeps the one its township uses.
import { z } from 'zod';
import { V } from './validation';

export const presenceThreshold = z
  .number({ error: V.invalid })
  .int({ error: V.wholeNumber })
  .min(1, { error: V.invalid })
  .max(31, { error: V.tooLarge });

export const settings = z.object({ presenceThreshold });
export type Settings = z.infer<typeof settings>;

export const settingsPatch = z.strictObject({ presenceThreshold: presenceThreshold.optional() });

export const DEFAULT_SETTINGS: Settings = { presenceThreshold: 20 };
