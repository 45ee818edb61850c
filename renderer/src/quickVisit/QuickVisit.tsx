// Quick visit entry from anywhere: a button in the header and a shortcut open a compact form
// a person fills without the mouse.
import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { isQuickVisitShortcut } from './quickVisitKeys';
import { QuickVisitModal } from './QuickVisitModal';

export function QuickVisit(): JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isQuickVisitShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <Tooltip title={t('quickVisit.hint')}>
        <Button ghost icon={<ThunderboltOutlined />} onClick={() => setOpen(true)} data-testid="quick-visit-open">
          {t('quickVisit.open')}
          <span className="kbd-hint">Alt+N</span>
        </Button>
      </Tooltip>
      {open && <QuickVisitModal onClose={() => setOpen(false)} />}
    </>
  );
}
