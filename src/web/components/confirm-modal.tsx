import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type ConfirmOptions = {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Irreversible actions get a red confirm button. */
  isDanger?: boolean;
  onConfirm: () => void;
};

/** A confirmation dialog: the question, what follows, and two clearly named buttons. */
export function useConfirm(): (options: ConfirmOptions) => void {
  const { t } = useTranslation();
  return ({ title, message, confirmLabel, isDanger = false, onConfirm }) => {
    modals.openConfirmModal({
      title,
      centered: true,
      children: typeof message === 'string' ? <Text size="sm">{message}</Text> : message,
      labels: { confirm: confirmLabel, cancel: t('common.cancel') },
      confirmProps: { color: isDanger ? 'red.9' : undefined },
      cancelProps: { variant: 'default' },
      onConfirm,
    });
  };
}
