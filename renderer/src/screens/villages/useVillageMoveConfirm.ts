// A change of a village's township moves it between two townships' coordinators: when the main
// process answers NEEDS_CONFIRMATION (villageMove), the person is told what will happen — who
// stops seeing it, who must confirm it — and only a confirmed retry writes.
import { App, type ButtonProps } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/result';
import { keepsWholeTownships, townshipsOf } from '../../../../shared/domain/device';
import type { VillageConfirmation } from '../../../../shared/domain/village';
import { V } from '../../../../shared/domain/validation';
import { useAppStore } from '../../store/useAppStore';

/** Whether an error is the main process asking to confirm a village's move. */
export function asksVillageMove(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NEEDS_CONFIRMATION' && (error.issues ?? []).some((issue) => issue.message === V.villageMove);
}

export interface VillageMoveFacts {
  readonly village: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Runs a write; when it asks to confirm a move, shows what will happen and, if the person agrees,
 * runs it again with `villageMove` confirmed. Resolves to null when they went back to change it.
 */
export function useVillageMoveConfirm(): <T>(facts: VillageMoveFacts, write: (confirm: VillageConfirmation[] | undefined) => Promise<T>) => Promise<T | null> {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);

  return useCallback(
    async <T,>(facts: VillageMoveFacts, write: (confirm: VillageConfirmation[] | undefined) => Promise<T>): Promise<T | null> => {
      try {
        return await write(undefined);
      } catch (error) {
        if (!asksVillageMove(error)) throw error;
      }
      // A coordinator moving a village out of her own townships loses it from her list at once.
      const kept = profile && keepsWholeTownships(profile.role) ? townshipsOf(profile) : [];
      const leavesHere = kept.length > 0 && !kept.includes(facts.to);
      const agreed = await new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('syncPlain.move.title', { ...facts }),
          content: `${t('syncPlain.move.body', { ...facts })}${leavesHere ? t('syncPlain.move.leavesHere', { townships: kept.join(t('sync.receipt.nameSeparator')) }) : ''}`,
          okText: t('syncPlain.move.ok'),
          cancelText: t('syncPlain.move.back'),
          okButtonProps: { 'data-testid': 'village-move-ok' } as ButtonProps,
          cancelButtonProps: { 'data-testid': 'village-move-back' } as ButtonProps,
          width: 520,
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
      return agreed ? write(['villageMove']) : null;
    },
    [modal, t, profile],
  );
}
