import { Badge, Group, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PeriodStatus } from '../../../../shared/api/periods';

const order: readonly PeriodStatus[] = ['open', 'locked', 'published', 'closed'];

const colors: Record<PeriodStatus, string> = {
  open: 'sejf',
  locked: 'orange',
  published: 'teal',
  closed: 'gray',
};

export function PeriodStatusBadge({ status }: { status: PeriodStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`periods.status.${status}`)}
    </Badge>
  );
}

/** otwarty → zablokowany → opublikowany → zamknięty, with the current step marked for screen readers. */
export function PeriodStepper({ status }: { status: PeriodStatus }) {
  const { t } = useTranslation();
  const current = order.indexOf(status);
  return (
    <Group
      component="ol"
      gap="xs"
      wrap="wrap"
      aria-label={t('periods.steps.label')}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {order.map((step, index) => {
        const isDone = index < current;
        const isCurrent = index === current;
        return (
          <Group
            component="li"
            key={step}
            gap={8}
            wrap="nowrap"
            aria-current={isCurrent ? 'step' : undefined}
          >
            <ThemeIcon
              size={28}
              radius="xl"
              variant={isCurrent ? 'filled' : isDone ? 'light' : 'default'}
              color={isCurrent || isDone ? 'sejf' : 'gray'}
              aria-hidden
            >
              {isDone ? (
                <IconCheck size={16} />
              ) : (
                <Text size="sm" fw={700}>
                  {index + 1}
                </Text>
              )}
            </ThemeIcon>
            <Text fw={isCurrent ? 700 : 500} c={index > current ? 'dimmed' : undefined}>
              {t(`periods.steps.${step}`)}
              {isDone && <span className="sr-only"> ({t('periods.steps.done')})</span>}
            </Text>
            {index < order.length - 1 && (
              <Text c="dimmed" aria-hidden>
                →
              </Text>
            )}
          </Group>
        );
      })}
    </Group>
  );
}
