import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';
import { formatNip } from '../../../../shared/identifiers';
import { CollaboratorRowAction } from './collaborator-row-action';
import { CollaboratorStatusBadge } from './collaborator-status-badge';
import { TaxModeText } from './tax-mode-text';

/** The registry: dense, one row per person, the name links to the detail page. */
export function CollaboratorsTable({ collaborators }: { collaborators: readonly CollaboratorListItem[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('collaborators.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('collaborators.columns.knf')}</Table.Th>
            <Table.Th scope="col">{t('collaborators.columns.nip')}</Table.Th>
            <Table.Th scope="col">{t('collaborators.columns.pesel')}</Table.Th>
            <Table.Th scope="col">{t('collaborators.columns.taxMode')}</Table.Th>
            <Table.Th scope="col">{t('collaborators.columns.status')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('team.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {collaborators.map((collaborator) => (
            <Table.Tr
              key={collaborator.id}
              className="clickable-row"
              onClick={(event) => {
                // Links and buttons in the row handle their own clicks (and the keyboard).
                if (!(event.target instanceof Element && event.target.closest('a, button'))) {
                  void navigate(`/collaborators/${collaborator.id}`);
                }
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/collaborators/${collaborator.id}`} fw={600}>
                  {collaborator.fullName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {collaborator.email}
                </Text>
              </Table.Td>
              <Table.Td className="tabular">{collaborator.knfNumber}</Table.Td>
              <Table.Td className="tabular">
                {collaborator.nip ? formatNip(collaborator.nip) : t('common.none')}
              </Table.Td>
              <Table.Td className="tabular">{collaborator.peselMasked ?? t('common.none')}</Table.Td>
              <Table.Td>
                <TaxModeText taxMode={collaborator.taxMode} short />
              </Table.Td>
              <Table.Td>
                <CollaboratorStatusBadge collaborator={collaborator} />
              </Table.Td>
              <Table.Td ta="right">
                <CollaboratorRowAction collaborator={collaborator} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
