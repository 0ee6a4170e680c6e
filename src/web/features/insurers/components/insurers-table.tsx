import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconEdit, IconHash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Insurer } from '../../../../shared/api/insurers';

type InsurersTableProps = {
  insurers: readonly Insurer[];
  onRename: (insurer: Insurer) => void;
  onCodes: (insurer: Insurer) => void;
  onToggleArchived: (insurer: Insurer) => void;
  pendingId: string | null;
};

export function InsurersTable({
  insurers,
  onRename,
  onCodes,
  onToggleArchived,
  pendingId,
}: InsurersTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={t('insurers.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('insurers.columns.name')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('insurers.columns.codes')}
            </Table.Th>
            <Table.Th scope="col">{t('insurers.columns.template')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {insurers.map((insurer) => (
            <Table.Tr key={insurer.id}>
              <Table.Th scope="row" fw={600}>
                {insurer.name}
              </Table.Th>
              <Table.Td ta="right" className="tabular">
                {insurer.agentCodeCount}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {insurer.hasTemplate ? t('insurers.templateSaved') : t('insurers.noTemplate')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  color={insurer.isArchived ? 'gray' : 'green'}
                  variant="light"
                  radius="sm"
                  style={{ textTransform: 'none' }}
                >
                  {insurer.isArchived ? t('insurers.archived') : t('insurers.active')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconHash size={14} aria-hidden />}
                    aria-label={t('insurers.codesLabel', { name: insurer.name })}
                    onClick={() => {
                      onCodes(insurer);
                    }}
                  >
                    {t('insurers.codes')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconEdit size={14} aria-hidden />}
                    aria-label={t('insurers.renameLabel', { name: insurer.name })}
                    onClick={() => {
                      onRename(insurer);
                    }}
                  >
                    {t('insurers.rename')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    loading={pendingId === insurer.id}
                    leftSection={
                      insurer.isArchived ? (
                        <IconArchiveOff size={14} aria-hidden />
                      ) : (
                        <IconArchive size={14} aria-hidden />
                      )
                    }
                    aria-label={
                      insurer.isArchived
                        ? t('insurers.restoreLabel', { name: insurer.name })
                        : t('insurers.archiveLabel', { name: insurer.name })
                    }
                    onClick={() => {
                      onToggleArchived(insurer);
                    }}
                  >
                    {insurer.isArchived ? t('insurers.restore') : t('insurers.archive')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
