import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type EmptyStateProps = {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  headingOrder?: 2 | 3;
};

export function EmptyState({ title, description, action, icon, headingOrder = 2 }: EmptyStateProps) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
          {icon ?? <IconInbox size={26} />}
        </ThemeIcon>
        <Title order={headingOrder} size="h4">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" maw={520}>
            {description}
          </Text>
        )}
        {action}
      </Stack>
    </Paper>
  );
}
