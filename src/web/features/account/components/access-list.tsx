import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type AccessListItem = {
  id: string;
  title: string;
  isCurrent: boolean;
  /** Short facts shown under the title: label and value pairs. */
  facts: { label: string; value: ReactNode }[];
  action?: ReactNode;
};

/**
 * Sessions and devices as a list of cards rather than a wide table: readable on a phone without
 * scrolling sideways, and the action sits next to what it acts on.
 */
export function AccessList({ label, items }: { label: string; items: AccessListItem[] }) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap="xs" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <Paper component="li" key={item.id} withBorder radius="md" p="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
            <Stack gap={4} style={{ minWidth: 0, flex: '1 1 220px' }}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm">
                  {item.title}
                </Text>
                {item.isCurrent && (
                  <Badge color="green" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    {t('account.sessions.current')}
                  </Badge>
                )}
              </Group>
              {item.facts.map((fact) => (
                <Text key={fact.label} size="sm" c="dimmed">
                  {fact.label}: <span className="tabular">{fact.value}</span>
                </Text>
              ))}
            </Stack>
            {item.action}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
