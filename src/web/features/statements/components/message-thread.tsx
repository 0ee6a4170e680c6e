import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StatementDetail } from '../../../../shared/api/statements';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { focusFirstError } from '../../../lib/form-errors';

type MessageThreadProps = {
  messages: StatementDetail['messages'];
  send: UseMutationResult<void, Error, string>;
  /** The collaborator's panel: bigger type and a full-width button. */
  isLarge?: boolean;
  isReadOnly?: boolean;
};

/** The conversation about a statement, oldest first, with a reply box. */
export function MessageThread({ messages, send, isLarge = false, isReadOnly = false }: MessageThreadProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { body: '' },
    validate: { body: (value) => (value.trim() === '' ? t('statements.thread.bodyRequired') : null) },
  });
  const submit = form.onSubmit((values) => {
    send.mutate(values.body.trim(), {
      onSuccess: () => {
        form.reset();
      },
    });
  }, focusFirstError(form));
  return (
    <Stack gap="md">
      {messages.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('statements.thread.empty')}
        </Text>
      ) : (
        <Stack
          component="ol"
          gap="sm"
          aria-label={t('statements.thread.label')}
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {messages.map((message) => (
            <Paper
              component="li"
              key={message.id}
              p="sm"
              radius="md"
              withBorder
              bg={message.fromAgency ? 'sejf.0' : 'white'}
              ml={message.fromAgency ? 0 : 'lg'}
              mr={message.fromAgency ? 'lg' : 0}
            >
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Group gap={6}>
                  <Text fw={700} size="sm">
                    {message.authorName}
                  </Text>
                  {message.fromAgency && (
                    <Badge size="xs" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                      {t('statements.thread.agency')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  <DateText value={message.createdAt} withTime />
                </Text>
              </Group>
              <Text
                fz={isLarge ? 'md' : 'sm'}
                mt={4}
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
              >
                {message.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {!isReadOnly && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            {send.isError && <ErrorAlert error={send.error} focusOnShow />}
            <Textarea
              label={t('statements.thread.reply')}
              autosize
              minRows={isLarge ? 3 : 2}
              maxLength={4000}
              size={isLarge ? 'md' : 'sm'}
              {...form.getInputProps('body')}
            />
            <Group>
              <Button
                type="submit"
                size={isLarge ? 'md' : 'sm'}
                fullWidth={isLarge}
                variant="light"
                loading={send.isPending}
                leftSection={<IconSend size={16} aria-hidden />}
              >
                {t('statements.thread.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
