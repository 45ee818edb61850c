// The household field of quick entry: a text box and, under it, the households matching what is
// typed, the highlighted one marked. Keys are handled by the form in one place; a click chooses.
import { Input, theme, Typography, type InputRef } from 'antd';
import type { CSSProperties, JSX, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceLabel } from '../ledgers/ReferencePicker';
import type { HouseholdChoice } from './useHouseholdChoice';

export function HouseholdField({ id, choice, inputRef }: { id?: string; choice: HouseholdChoice; inputRef: Ref<InputRef> }): JSX.Element {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const list: CSSProperties = {
    listStyle: 'none', margin: '4px 0 0', padding: 4, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, maxHeight: 200, overflowY: 'auto',
  };
  const item = (active: boolean): CSSProperties => ({
    padding: '4px 8px', borderRadius: token.borderRadiusSM, cursor: 'pointer', background: active ? token.controlItemBgActive : undefined,
  });
  const open = choice.matches !== null && choice.text.trim() !== '';
  return (
    <div>
      <Input
        id={id}
        ref={inputRef}
        value={choice.text}
        autoComplete="off"
        placeholder={t('quickVisit.householdPlaceholder')}
        onChange={(e) => choice.type(e.target.value)}
        role="combobox"
        aria-expanded={open}
        aria-controls="quick-visit-matches"
        data-testid="quick-visit-household"
      />
      {open && (
        <ul id="quick-visit-matches" role="listbox" style={list} data-testid="quick-visit-matches">
          {choice.matches!.length === 0 && (
            <li style={item(false)}>
              <Typography.Text type="secondary">{t('quickVisit.noMatch')}</Typography.Text>
            </li>
          )}
          {choice.matches!.map((row, i) => (
            <li
              key={row.id}
              role="option"
              aria-selected={i === choice.highlighted}
              style={item(i === choice.highlighted)}
              // Keep the focus in the box: the click chooses, the form's keys go on from there.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choice.choose(row)}
              data-testid="quick-visit-option"
            >
              {referenceLabel('households', row)}
            </li>
          ))}
        </ul>
      )}
      {choice.unmatched && (
        <Typography.Text type="danger" data-testid="quick-visit-unmatched">
          {t('quickVisit.noMatch')}
        </Typography.Text>
      )}
    </div>
  );
}
