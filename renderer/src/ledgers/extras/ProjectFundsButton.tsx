// A project's money in a drawer: budget, received and spent (summed in fen from every entry),
// and the fund entries ledger fixed to that project.
import { WalletOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { LedgerScreen } from '../LedgerScreen';
import type { LedgerRow } from '../viewTypes';
import { ProjectMoney } from './ProjectMoney';

export function ProjectFundsButton({ project }: { project: LedgerRow }): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" icon={<WalletOutlined />} onClick={() => setOpen(true)} data-testid={`project-funds-${project.id}`}>
        {t('ledgers.projects.funds')}
      </Button>
      {open && (
        <Drawer open size={980} title={t('ledgers.projects.fundsOf', { name: String(project.name) })} onClose={() => setOpen(false)} data-testid="project-funds-drawer">
          <ProjectMoney projectId={project.id} />
          <LedgerScreen noun="funds" fixed={{ projectId: project.id }} villageId={project.villageId} embedded />
        </Drawer>
      )}
    </>
  );
}
