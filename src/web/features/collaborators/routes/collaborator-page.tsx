import { Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArrowLeft,
  IconEdit,
  IconFileText,
  IconPercentage,
  IconSend,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Collaborator } from '../../../../shared/api/collaborators';
import { formatNip, formatPhone } from '../../../../shared/identifiers';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { DetailList } from '../../../components/detail-list';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { formatBankAccount } from '../../../lib/bank-account';
import { AgentCodesSection } from '../../insurers/components/agent-codes-section';
import { useArchiveCollaborator } from '../api/archive-collaborator';
import { useCollaborator } from '../api/get-collaborator';
import { CollaboratorDrawer } from '../components/collaborator-drawer';
import { CollaboratorStatusBadge } from '../components/collaborator-status-badge';
import { InvitationPanel } from '../components/invitation-panel';
import { TaxModeText } from '../components/tax-mode-text';

function CollaboratorDetail({ collaborator }: { collaborator: Collaborator }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const archive = useArchiveCollaborator();
  const [isEditing, setIsEditing] = useState(false);
  const isArchived = collaborator.status === 'archived';
  const none = t('common.none');

  return (
    <>
      <PageHeader
        title={collaborator.fullName}
        back={
          <Anchor component={Link} to="/collaborators" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('collaborators.detail.back')}
            </Group>
          </Anchor>
        }
        description={<CollaboratorStatusBadge collaborator={collaborator} />}
        actions={
          !isArchived && (
            <>
              <Button
                variant="default"
                leftSection={<IconEdit size={18} aria-hidden />}
                onClick={() => {
                  setIsEditing(true);
                }}
              >
                {t('common.edit')}
              </Button>
              <Button
                variant="default"
                color="red"
                leftSection={<IconArchive size={18} aria-hidden />}
                loading={archive.isPending}
                onClick={() => {
                  confirm({
                    title: t('collaborators.detail.archiveTitle'),
                    message: t('collaborators.detail.archiveText', { name: collaborator.fullName }),
                    confirmLabel: t('collaborators.detail.archiveConfirm'),
                    isDanger: true,
                    onConfirm: () => {
                      archive.mutate(collaborator.id, {
                        onSuccess: () => {
                          notifications.show({
                            message: t('collaborators.detail.archived', { name: collaborator.fullName }),
                          });
                        },
                      });
                    },
                  });
                }}
              >
                {t('collaborators.detail.archive')}
              </Button>
              <Button
                component={Link}
                to={`/documents/new?collaboratorId=${collaborator.id}`}
                leftSection={<IconSend size={18} aria-hidden />}
              >
                {t('collaborators.detail.sendDocument')}
              </Button>
            </>
          )
        }
      />
      {archive.isError && <ErrorAlert error={archive.error} focusOnShow />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="data-heading">
            <Title order={2} size="h4" id="data-heading" mb="sm">
              {t('collaborators.detail.data')}
            </Title>
            <DetailList
              items={[
                { label: t('collaborators.detail.email'), value: collaborator.email },
                {
                  label: t('collaborators.detail.phone'),
                  value: collaborator.phone ? formatPhone(collaborator.phone) : none,
                },
                {
                  label: t('collaborators.detail.knf'),
                  value: <span className="tabular">{collaborator.knfNumber}</span>,
                },
                {
                  label: t('collaborators.detail.taxMode'),
                  value: <TaxModeText taxMode={collaborator.taxMode} />,
                },
                {
                  label: t('collaborators.detail.nip'),
                  value: collaborator.nip ? (
                    <span className="tabular">{formatNip(collaborator.nip)}</span>
                  ) : (
                    none
                  ),
                },
                {
                  label: t('collaborators.detail.selfBilling'),
                  value:
                    collaborator.taxMode === 'invoice'
                      ? collaborator.selfBilling
                        ? t('common.yes')
                        : t('common.no')
                      : none,
                },
                {
                  label: t('collaborators.detail.address'),
                  value: collaborator.address ? (
                    <span style={{ whiteSpace: 'pre-line' }}>{collaborator.address}</span>
                  ) : (
                    none
                  ),
                },
                {
                  label: t('collaborators.detail.iban'),
                  value: collaborator.iban ? (
                    <span className="tabular">{formatBankAccount(collaborator.iban)}</span>
                  ) : (
                    none
                  ),
                },
                {
                  label: t('collaborators.detail.pesel'),
                  value: collaborator.pesel ? <span className="tabular">{collaborator.pesel}</span> : none,
                },
                {
                  label: t('collaborators.detail.createdAt'),
                  value: <DateText value={collaborator.createdAt} withTime />,
                },
                {
                  label: t('collaborators.detail.updatedAt'),
                  value: <DateText value={collaborator.updatedAt} withTime />,
                },
              ]}
            />
            {collaborator.pesel && (
              <Text size="xs" c="dimmed" mt="sm">
                {t('collaborators.detail.peselNote')}
              </Text>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <InvitationPanel collaborator={collaborator} />
            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="documents-heading">
              <Title order={2} size="h4" id="documents-heading" mb="sm">
                {t('collaborators.detail.documents')}
              </Title>
              <Button
                component={Link}
                to={`/documents?collaboratorId=${collaborator.id}`}
                variant="default"
                leftSection={<IconFileText size={18} aria-hidden />}
              >
                {t('collaborators.detail.showDocuments')}
              </Button>
            </Paper>
            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="rules-heading">
              <Title order={2} size="h4" id="rules-heading" mb="sm">
                {t('collaborators.detail.rules')}
              </Title>
              <Button
                component={Link}
                to={`/rules?collaboratorId=${collaborator.id}`}
                variant="default"
                leftSection={<IconPercentage size={18} aria-hidden />}
              >
                {t('collaborators.detail.showRules')}
              </Button>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <SectionCard title={t('agentCodes.title')} description={t('agentCodes.description')}>
            <AgentCodesSection collaboratorId={collaborator.id} isReadOnly={isArchived} />
          </SectionCard>
        </Grid.Col>
      </Grid>
      <CollaboratorDrawer
        opened={isEditing}
        collaborator={collaborator}
        onClose={() => {
          setIsEditing(false);
        }}
      />
    </>
  );
}

export function CollaboratorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const collaborator = useCollaborator(id);
  if (collaborator.isSuccess) {
    return <CollaboratorDetail collaborator={collaborator.data} />;
  }
  return (
    <>
      <PageHeader title={t('collaborators.detail.pageTitle')} />
      <QueryState query={collaborator}>{() => null}</QueryState>
    </>
  );
}
