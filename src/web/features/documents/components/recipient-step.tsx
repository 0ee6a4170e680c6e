import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { IconInfoCircle, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadingState } from '../../../components/query-state';
import { useCollaborators } from '../../collaborators/api/get-collaborators';

type RecipientStepProps = {
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onNext: (collaborator: CollaboratorListItem) => void;
};

/** Step 1: the recipient comes from the registry, never from a typed address. */
export function RecipientStep({ selectedId, onSelect, onNext }: RecipientStepProps) {
  const { t } = useTranslation();
  // "current" leaves out archived collaborators: they can no longer receive anything.
  const collaborators = useCollaborators({ status: 'current' });
  const [error, setError] = useState<string | null>(null);

  if (collaborators.isPending) {
    return <LoadingState />;
  }
  if (collaborators.isError) {
    return (
      <ErrorAlert
        error={collaborators.error}
        onRetry={() => {
          void collaborators.refetch();
        }}
      />
    );
  }
  const list = collaborators.data;
  if (list.length === 0) {
    return (
      <EmptyState
        headingOrder={3}
        icon={<IconUsers size={26} />}
        title={t('documents.send.noCollaborators')}
        description={t('documents.send.noCollaboratorsText')}
        action={
          <Button component={Link} to="/collaborators?new=1">
            {t('dashboard.addCollaborator')}
          </Button>
        }
      />
    );
  }
  const selected = list.find((collaborator) => collaborator.id === selectedId) ?? null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!selected) {
          setError(t('documents.send.recipientRequired'));
          document.getElementById('recipient-select')?.focus();
          return;
        }
        onNext(selected);
      }}
    >
      <Stack gap="md">
        <Select
          id="recipient-select"
          data-step-focus
          label={t('documents.send.recipient')}
          description={t('documents.send.recipientHint')}
          placeholder={t('documents.send.recipientPlaceholder')}
          searchable
          required
          size="md"
          nothingFoundMessage={t('documents.send.noRecipients')}
          data={list.map((collaborator) => ({
            value: collaborator.id,
            label: `${collaborator.fullName} · ${collaborator.knfNumber}`,
          }))}
          value={selectedId}
          error={error}
          onChange={(value) => {
            setError(null);
            onSelect(value);
          }}
          maw={560}
        />
        {selected && selected.status !== 'active' && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} maw={560}>
            {t('documents.send.recipientNotActive')}
          </Alert>
        )}
        <Group>
          <Button type="submit" size="md">
            {t('common.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
