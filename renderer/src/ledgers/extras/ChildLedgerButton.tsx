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
  /** i18n keys: the button (`ledgers.<parent>.<child>`), and the drawer's title given the parent's
   *  `name` (`ledgers.<parent>.<child>Of`); test/shared/ledgerPlaces.test.ts checks both languages have them. */
  readonly label: string;
  readonly title: string;
}

// The keys are made from the nouns, so i18next's typed keys cannot check them here: the test does.
type ChildWord = 'ledgers.candidates.steps';

export function ChildLedgerButton({ parent, child }: { parent: LedgerRow; child: ChildLedger }): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" icon={<UnorderedListOutlined />} onClick={() => setOpen(true)} data-testid={`${child.noun}-of-${parent.id}`}>
        {t(child.label as ChildWord)}
      </Button>
      {open && (
        <Drawer open size={1100} title={t(child.title as ChildWord, { name: String(parent.name) })} onClose={() => setOpen(false)} data-testid={`${child.noun}-drawer`}>
          <LedgerScreen noun={child.noun} fixed={{ [child.field]: parent.id }} villageId={parent.villageId} embedded />
        </Drawer>
      )}
    </>
  );
}
