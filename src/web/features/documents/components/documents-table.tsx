import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { DocumentListItem } from '../../../../shared/api/documents';
import { formatMonth } from '../../../../shared/format';
import { DateText } from '../../../components/date-text';
import { useLocale } from '../../../lib/i18n';

export function DocumentsTable({ documents }: { documents: readonly DocumentListItem[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('documents.columns.title')}</Table.Th>
            <Table.Th scope="col">{t('documents.columns.month')}</Table.Th>
            <Table.Th scope="col">{t('documents.columns.collaborator')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('documents.columns.files')}
            </Table.Th>
            <Table.Th scope="col">{t('documents.columns.sentAt')}</Table.Th>
            <Table.Th scope="col">{t('documents.columns.sentBy')}</Table.Th>
            <Table.Th scope="col">{t('documents.columns.firstOpened')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('documents.columns.downloads')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((document) => (
            <Table.Tr
              key={document.id}
              className="clickable-row"
              onClick={(event) => {
                if (!(event.target instanceof HTMLAnchorElement)) {
                  void navigate(`/documents/${document.id}`);
                }
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/documents/${document.id}`} fw={600}>
                  {document.title}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatMonth(document.periodMonth, locale)}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{document.collaborator.fullName}</Text>
                <Text size="xs" c="dimmed" className="tabular">
                  {document.collaborator.knfNumber}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {document.files.length}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <DateText value={document.publishedAt} withTime />
              </Table.Td>
              <Table.Td>{document.uploadedBy}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {document.firstOpenedAt ? (
                  <DateText value={document.firstOpenedAt} withTime />
                ) : (
                  <Badge color="orange" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    {t('documents.notOpened')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {document.downloadCount}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
