// "选择…" next to a path field: the desktop app's native dialog fills the field; in the browser
// host there are no native dialogs, the button is not shown and the path is typed.
import { FolderOpenOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { JSX, ReactNode } from 'react';
import type { DialogResult } from '../../../../shared/domain/dialogs';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { chosenPaths } from './menuActions';

export const useNativeDialogs = (): boolean => useAppStore((s) => s.appInfo?.nativeDialogs === true);

export interface ChooseButtonProps {
  ask: () => Promise<DialogResult>;
  /** What the person chose (never called when the dialog was closed). */
  onChosen: (paths: string[]) => void;
  children: ReactNode;
  disabled?: boolean;
  testId: string;
}

export function ChooseButton({ ask, onChosen, children, disabled, testId }: ChooseButtonProps): JSX.Element | null {
  const native = useNativeDialogs();
  const notifyError = useNotifyError();
  if (!native) return null;
  const choose = () =>
    chosenPaths(ask).then((paths) => {
      if (paths && paths.length > 0) onChosen(paths);
    }, notifyError);
  return (
    <Button icon={<FolderOpenOutlined />} disabled={disabled} onClick={() => void choose()} data-testid={testId}>
      {children}
    </Button>
  );
}
