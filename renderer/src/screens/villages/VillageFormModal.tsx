// Add or edit one village in a modal form. Checked with the contract's schema first (a new
// village in full, an edit as the patch of what changed); what the main process refuses —
// a second village of that name in the township — shows under the same field. A new township
// is asked about first (useVillageMoveConfirm): it moves the village between coordinators.
import { App, Form, Input, Modal } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { villageInput, villagePatch, type Village } from '../../../../shared/domain/village';
import { useDiscardGuard } from '../../forms/useDiscardGuard';
import { useFormIssues } from '../../forms/useFormIssues';
import { useOneAtATime } from '../../forms/useOneAtATime';
import { useAppStore } from '../../store/useAppStore';
import { useVillageMoveConfirm } from './useVillageMoveConfirm';
import { villageFormValues, villagePatchOf, type VillageFormValues } from './villagePatchOf';

export interface VillageFormModalProps {
  /** The village to edit, or null to add one. */
  village: Village | null;
  onClose: () => void;
}

export function VillageFormModal({ village, onClose }: VillageFormModalProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VillageFormValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const { profile, createVillage, updateVillage } = useAppStore(
    useShallow((s) => ({ profile: s.profile, createVillage: s.createVillage, updateVillage: s.updateVillage })),
  );
  const [saving, setSaving] = useState(false);
  const confirmMove = useVillageMoveConfirm();
  const initialValues: VillageFormValues = village
    ? villageFormValues(village)
    : { township: profile?.township ?? '', county: profile?.county ?? '' };
  const requestClose = useDiscardGuard(form, initialValues, onClose);

  const save = useOneAtATime(saveOnce);

  async function saveOnce(values: VillageFormValues): Promise<void> {
    if (village) await saveEdit(village, values);
    else await saveNew(values);
  }

  async function saveNew(values: VillageFormValues): Promise<void> {
    const parsed = villageInput.safeParse(values);
    if (!parsed.success) return showIssues(parsed.error.issues);
    showIssues([]);
    setSaving(true);
    try {
      const created = await createVillage(parsed.data);
      void message.success(t('villages.created', { name: created.name }));
      onClose();
    } catch (error) {
      handleError(error);
      setSaving(false);
    }
  }

  async function saveEdit(current: Village, values: VillageFormValues): Promise<void> {
    const parsed = villagePatch.safeParse(villagePatchOf(current, values));
    if (!parsed.success) return showIssues(parsed.error.issues);
    showIssues([]);
    if (Object.keys(parsed.data).length === 0) {
      void message.info(t('villages.unchanged'));
      onClose();
      return;
    }
    setSaving(true);
    try {
      const facts = { village: current.name, from: current.township, to: parsed.data.township ?? current.township };
      const updated = await confirmMove(facts, (confirm) => updateVillage(current.id, parsed.data, confirm));
      if (!updated) {
        // Went back to change it: the form stays open as it was.
        setSaving(false);
        return;
      }
      void message.success(t('villages.updated', { name: updated.name }));
      onClose();
    } catch (error) {
      handleError(error, { prefix: ['patch'] });
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={village ? t('villages.editTitle', { name: village.name }) : t('villages.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={requestClose}
      okButtonProps={{ 'data-testid': 'village-submit' }}
      mask={{ closable: false }}
    >
      <Form<VillageFormValues>
        form={form}
        name="village"
        layout="vertical"
        style={{ marginTop: 20 }}
        initialValues={initialValues}
        onFinish={(values) => void save(values)}
        data-testid="village-form"
      >
        <Form.Item name="name" label={t('villages.name')} required>
          <Input maxLength={40} autoFocus />
        </Form.Item>
        <Form.Item name="code" label={t('villages.code')}>
          <Input className="mono" placeholder={t('villages.codePlaceholder')} inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="township" label={t('villages.township')} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="county" label={t('villages.county')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="notes" label={t('villages.notes')}>
          <Input.TextArea placeholder={t('villages.notesPlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {/* Enter in a field submits, as in any form. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
