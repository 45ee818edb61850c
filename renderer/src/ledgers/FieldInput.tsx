// The widget a field is edited with, by its kind. Choices offer their labels in the person's
// language; money is typed in 元 with two decimals and kept as text until it becomes fen.
import { Checkbox, DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { JSX } from 'react';
import type { Lang } from '../../../shared/domain/labels';
import { labelOf } from '../../../shared/domain/labels';
import type { LabelledEnum } from '../../../shared/domain/labels';
import { DutyChecks, DutySelect } from './duties/DutyInput';
import { ReferencePicker } from './ReferencePicker';
import type { FieldView } from './viewTypes';

export function choiceOptions(labels: LabelledEnum<string> | undefined, lang: Lang) {
  return Object.keys(labels ?? {}).map((value) => ({ value, label: labelOf(labels!, value, lang) }));
}

export interface FieldInputProps {
  field: FieldView;
  lang: Lang;
  /** The referenced row's name, for a reference field being edited. */
  refLabel?: string;
  villageId?: string | null;
  placeholder?: string;
  /** antd Form.Item passes these down. */
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
}

export function FieldInput({ field, lang, refLabel, villageId, placeholder, ...control }: FieldInputProps): JSX.Element {
  const value = control.value as never;
  const onChange = control.onChange as never;
  const common = { id: control.id, value, onChange };
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea {...common} autoSize={{ minRows: 2, maxRows: 6 }} placeholder={placeholder} />;
    case 'choice':
      return <Select {...common} allowClear options={choiceOptions(field.labels, lang)} placeholder={placeholder} />;
    case 'choices':
      return <Checkbox.Group {...common} options={choiceOptions(field.labels, lang)} />;
    case 'duty':
      return <DutySelect {...common} lang={lang} placeholder={placeholder} />;
    case 'duties':
      return <DutyChecks {...common} lang={lang} />;
    case 'date':
      return <DatePicker {...common} format="YYYY-MM-DD" style={{ width: '100%' }} />;
    case 'money':
      return <InputNumber<string> {...common} stringMode precision={2} min="0" step="0.01" suffix="¥" style={{ width: '100%' }} />;
    case 'integer':
      return <InputNumber {...common} precision={0} min={0} style={{ width: '100%' }} disabled={field.derived} placeholder={placeholder} />;
    case 'number':
      return <InputNumber {...common} min={0} style={{ width: '100%' }} />;
    case 'boolean':
      return <Switch id={control.id} checked={value === true} onChange={onChange} />;
    case 'reference':
      return (
        <ReferencePicker
          id={control.id}
          refNoun={field.ref!}
          value={value}
          currentLabel={refLabel}
          villageId={villageId}
          onChange={(id) => control.onChange?.(id)}
          placeholder={placeholder}
        />
      );
    case 'idNumber':
      return <Input {...common} className="mono" maxLength={18} autoComplete="off" />;
    case 'phone':
      return <Input {...common} className="mono" maxLength={13} inputMode="tel" />;
    default:
      return <Input {...common} placeholder={placeholder} />;
  }
}
