import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock, IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';
import { maskEmail } from '../../../../shared/identifiers';

type RecipientCardProps = {
  collaborator: CollaboratorListItem;
  onBack: () => void;
  onConfirm: () => void;
};

/** Step 2: name, KNF number and the masked address, read before anything is sent. */
export function RecipientCard({ collaborator, onBack, onConfirm }: RecipientCardProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={560}>
      <Paper withBorder p="lg" radius="md" bg="sejf.0" style={{ borderColor: 'var(--mantine-color-sejf-3)' }}>
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={40} radius="xl" aria-hidden>
              <IconUserCheck size={22} />
            </ThemeIcon>
            <Title order={2} size="h3" tabIndex={-1} data-step-focus>
              {collaborator.fullName}
            </Title>
          </Group>
          <Text>
            {t('documents.send.knf')}:{' '}
            <Text span fw={700} className="tabular">
              {collaborator.knfNumber}
            </Text>
          </Text>
          <Text>
            {t('documents.send.email')}:{' '}
            <Text span fw={700}>
              {maskEmail(collaborator.email)}
            </Text>
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconLock size={18} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <Text size="sm">{t('documents.send.encryptedFor', { name: collaborator.fullName })}</Text>
          </Group>
        </Stack>
      </Paper>
      <Text fw={600}>{t('documents.send.isRightPerson')}</Text>
      <Group gap="sm">
        <Button variant="default" size="md" onClick={onBack}>
          {t('documents.send.changeRecipient')}
        </Button>
        <Button size="md" onClick={onConfirm} data-autofocus>
          {t('documents.send.confirmRecipient')}
        </Button>
      </Group>
    </Stack>
  );
}
