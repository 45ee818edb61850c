// Enums that a person reads carry their Chinese and English labels with them, so every
// screen, report and export names a value the same way.
export type Lang = 'zh-CN' | 'en';

export interface LabelledValue {
  readonly zh: string;
  readonly en: string;
}

export type LabelledEnum<V extends string> = Readonly<Record<V, LabelledValue>>;

export function enumValues<V extends string>(labels: LabelledEnum<V>): [V, ...V[]] {
  const values = Object.keys(labels) as V[];
  if (values.length === 0) throw new Error('A labelled enum needs at least one value');
  return values as [V, ...V[]];
}

export function labelOf<V extends string>(labels: LabelledEnum<V>, value: V, lang: Lang): string {
  const label = labels[value];
  return lang === 'zh-CN' ? label.zh : label.en;
}
