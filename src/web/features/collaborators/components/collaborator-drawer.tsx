import { Drawer } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Collaborator } from '../../../../shared/api/collaborators';
import { CollaboratorForm } from './collaborator-form';

type CollaboratorDrawerProps = {
  opened: boolean;
  onClose: () => void;
  /** Editing this collaborator; null adds a new one. */
  collaborator: Collaborator | null;
  onSaved?: (collaborator: Collaborator) => void;
};

export function CollaboratorDrawer({ opened, onClose, collaborator, onSaved }: CollaboratorDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={collaborator ? t('collaborators.form.editTitle') : t('collaborators.form.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && (
        <CollaboratorForm
          collaborator={collaborator}
          onCancel={onClose}
          onSaved={(saved) => {
            notifications.show({
              color: 'teal',
              message: collaborator
                ? t('collaborators.form.updated', { name: saved.fullName })
                : t('collaborators.form.created', { name: saved.fullName }),
            });
            onClose();
            onSaved?.(saved);
          }}
        />
      )}
    </Drawer>
  );
}
