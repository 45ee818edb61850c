// The township passphrase: whether one is set (never the passphrase itself: the main process
// keeps it), set or change it, and stop encrypting after a confirmation. Where the OS keychain
// is missing (the browser host, some Linux desktops) the card says it is stored unencrypted.
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography, type ButtonProps } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { passphraseText, type SyncEncryptionView } from '../../../../shared/domain/sync';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useFormIssues } from '../../forms/useFormIssues';

interface PassphraseValues {
  passphrase: string;
}

export function PassphraseCard(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<PassphraseValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const [state, setState] = useState<SyncEncryptionView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.sync.encryption().then(setState, notifyError);
  }, [notifyError]);

  async function save(passphrase: string | null): Promise<void> {
    if (passphrase !== null) {
      const parsed = passphraseText.safeParse(passphrase);
      if (!parsed.success) {
        showIssues(parsed.error.issues.slice(0, 1).map((issue) => ({ ...issue, path: ['passphrase'] })));
        return;
      }
    }
    setBusy(true);
    try {
      setState(await api.sync.setPassphrase({ passphrase }));
      // The passphrase leaves the field as soon as it is stored: it is never shown back.
      form.resetFields();
      void message.success(t(passphrase === null ? 'sync.passphrase.removed' : 'sync.passphrase.saved'));
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  const isSet = state?.passphraseSet === true;
  return (
    <Card
      title={
        <Space>
          {isSet ? <LockOutlined /> : <UnlockOutlined />}
          {t('sync.passphrase.title')}
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="sync-passphrase"
    >
      <Typography.Paragraph type="secondary">{t('sync.passphrase.hint')}</Typography.Paragraph>
      {state && (
        <Alert
          type={isSet ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sync-passphrase-state"
          title={t(isSet ? 'sync.passphrase.isSet' : 'sync.passphrase.notSet')}
          description={state.passwordProtected ? undefined : t('sync.passphrase.notProtected')}
        />
      )}
      <Form<PassphraseValues> form={form} layout="inline" name="passphrase" onFinish={(values) => void save(values.passphrase ?? '')}>
        <Form.Item name="passphrase" style={{ minWidth: 280 }}>
          <Input.Password placeholder={t('sync.passphrase.placeholder')} autoComplete="new-password" aria-label={t('sync.passphrase.title')} data-testid="sync-passphrase-input" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-passphrase-save">
              {t(isSet ? 'sync.passphrase.change' : 'sync.passphrase.set')}
            </Button>
            {isSet && (
              <Popconfirm
                title={t('sync.passphrase.removeConfirm')}
                onConfirm={() => void save(null)}
                okButtonProps={{ 'data-testid': 'sync-passphrase-remove-confirm' } as ButtonProps}
              >
                <Button danger disabled={busy} data-testid="sync-passphrase-remove">
                  {t('sync.passphrase.remove')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
