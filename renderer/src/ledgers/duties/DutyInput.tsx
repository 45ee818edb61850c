// A plan's duty and a diary day's duty tags are chosen from the township's duties. A record that
// holds a duty since taken out of the set still shows it (marked), so it can be saved unchanged.
import { Checkbox, Select, type SelectProps } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { dutyLabel } from '../../../../shared/domain/duties';
import type { Lang } from '../../../../shared/domain/labels';
import { useTownshipDuties } from './useTownshipDuties';

function useDutyOptions(held: readonly string[], lang: Lang): { value: string; label: string }[] {
  const { t } = useTranslation();
  const duties = useTownshipDuties();
  const others = held.filter((d) => !duties.includes(d));
  return [
    ...duties.map((d) => ({ value: d, label: dutyLabel(d, lang) })),
    ...others.map((d) => ({ value: d, label: t('plans.notInSet', { duty: dutyLabel(d, lang) }) })),
  ];
}

export function DutySelect({ value, lang, ...rest }: Omit<SelectProps<string>, 'options'> & { value?: string; lang: Lang }): JSX.Element {
  const options = useDutyOptions(typeof value === 'string' ? [value] : [], lang);
  return <Select {...rest} value={value} allowClear options={options} />;
}

export function DutyChecks({ value, onChange, id, lang }: { value?: string[]; onChange?: (v: string[]) => void; id?: string; lang: Lang }): JSX.Element {
  const options = useDutyOptions(Array.isArray(value) ? value : [], lang);
  return (
    <span id={id}>
      <Checkbox.Group<string> value={value} onChange={(v) => onChange?.(v)} options={options} />
    </span>
  );
}
