import { ActionIcon, Button, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type CopyTextButtonProps = {
  value: string;
  label: string;
  /** An icon-only button, with the label for screen readers and as a tooltip. */
  compact?: boolean;
};

export function CopyTextButton({ value, label, compact = false }: CopyTextButtonProps) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) =>
        compact ? (
          <Tooltip label={copied ? t('common.copied') : label}>
            <ActionIcon
              variant="subtle"
              onClick={copy}
              aria-label={label}
              color={copied ? 'teal.9' : undefined}
            >
              {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button
            variant="default"
            onClick={copy}
            leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          >
            {copied ? t('common.copied') : label}
          </Button>
        )
      }
    </CopyButton>
  );
}
