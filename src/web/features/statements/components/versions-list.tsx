import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatementDetail } from '../../../../shared/api/statements';
import { DateText } from '../../../components/date-text';
import { MoneyText } from '../../../components/money-text';

type VersionsListProps = {
  versions: StatementDetail['versions'];
  currentId: string;
  linkOf: (id: string) => string;
};

export function VersionsList({ versions, currentId, linkOf }: VersionsListProps) {
  const { t } = useTranslation();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return (
    <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {sorted.map((version) => (
        <Group component="li" key={version.id} justify="space-between" gap="xs" wrap="nowrap">
          <Stack gap={0}>
            <Group gap={6}>
              {version.id === currentId ? (
                <Text fw={700} size="sm">
                  {t('statements.versions.version', { version: version.version })}
                </Text>
              ) : (
                <Anchor component={Link} to={linkOf(version.id)} size="sm" fw={600}>
                  {t('statements.versions.version', { version: version.version })}
                </Anchor>
              )}
              {version.isCurrent && (
                <Badge size="xs" color="green" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                  {t('statements.versions.current')}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              <DateText value={version.createdAt} withTime />
            </Text>
          </Stack>
          <MoneyText grosze={version.amountDue} size="sm" />
        </Group>
      ))}
    </Stack>
  );
}
