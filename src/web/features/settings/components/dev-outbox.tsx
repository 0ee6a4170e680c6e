import { Badge, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { outboxMessageSchema } from '../../../../shared/api/agency';
import { DateText } from '../../../components/date-text';
import { EmptyState } from '../../../components/empty-state';

type OutboxMessage = z.output<typeof outboxMessageSchema>;

/** Each message as the recipient would read it: the invitation code is in the text. */
export function DevOutbox({ messages }: { messages: readonly OutboxMessage[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) {
    return (
      <EmptyState
        headingOrder={3}
        title={t('settings.outboxEmpty')}
        description={t('settings.outboxEmptyText')}
      />
    );
  }
  return (
    <Stack gap="md">
      {messages.map((message) => (
        <Paper
          key={message.id}
          withBorder
          p="md"
          radius="md"
          component="article"
          aria-labelledby={`mail-${message.id}`}
        >
          <Stack gap={6}>
            <Group justify="space-between" gap="sm">
              <Title order={3} size="h5" id={`mail-${message.id}`}>
                {message.subject}
              </Title>
              <Badge variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
                {message.template}
              </Badge>
            </Group>
            <Text size="sm">
              {t('settings.outboxTo')}: <strong>{message.to}</strong> ·{' '}
              <DateText value={message.createdAt} withTime />
            </Text>
            <Code block fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {message.text}
            </Code>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
