// The rows of a ledger that belong to one record (a candidate's development steps, a reserve
// cadre's trainings) in a drawer: the child ledger fixed to that record, as members open from
// their household.
import { UnorderedListOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerNoun } from '../../../../shared/api/methods';
import { LedgerScreen } from '../LedgerScreen';
import type { LedgerRow } from '../viewTypes';

export interface ChildLedger {
  readonly noun: LedgerNoun;
  /** The child's reference field that points at the parent. */
  readonly field: string;
  /** i18n keys: the button, and the drawer's title (given the parent's `name`). */
  readonly label: 'ledgers.candidates.steps' | 'ledgers.cadres.trainings';
  readonly title: 'ledgers.candidates.stepsOf' | 'ledgers.cadres.trainingsOf';
}

export function ChildLedgerButton({ parent, child }: { parent: LedgerRow; child: ChildLedger }): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" icon={<UnorderedListOutlined />} onClick={() => setOpen(true)} data-testid={`${child.noun}-of-${parent.id}`}>
        {t(child.label)}
      </Button>
      {open && (
        <Drawer open size={1100} title={t(child.title, { name: String(parent.name) })} onClose={() => setOpen(false)} data-testid={`${child.noun}-drawer`}>
          <LedgerScreen noun={child.noun} fixed={{ [child.field]: parent.id }} villageId={parent.villageId} embedded />
        </Drawer>
      )}
    </>
  );
}

export const CANDIDATE_STEPS: ChildLedger = { noun: 'steps', field: 'candidateId', label: 'ledgers.candidates.steps', title: 'ledgers.candidates.stepsOf' };
export const CADRE_TRAININGS: ChildLedger = { noun: 'trainings', field: 'cadreId', label: 'ledgers.cadres.trainings', title: 'ledgers.cadres.trainingsOf' };
