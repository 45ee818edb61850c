// 一户一档: a household's members in a drawer, the members ledger fixed to that household.
import { TeamOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { LedgerScreen } from '../LedgerScreen';
import type { LedgerRow } from '../viewTypes';

export function HouseholdMembersButton({ household }: { household: LedgerRow }): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => setOpen(true)} data-testid={`household-members-${household.id}`}>
        {t('ledgers.households.members')}
      </Button>
      {open && (
        <Drawer
          open
          size={980}
          title={t('ledgers.households.membersOf', { name: String(household.headName) })}
          onClose={() => setOpen(false)}
          data-testid="household-members-drawer"
        >
          <LedgerScreen noun="members" fixed={{ householdId: household.id }} villageId={household.villageId} embedded />
        </Drawer>
      )}
    </>
  );
}
