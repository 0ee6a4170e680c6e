import { Anchor, Group, Paper, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { UploadImportForm } from '../components/upload-import-form';

export function NewImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('imports.new')}
        description={t('imports.upload.description')}
        back={
          <Anchor component={Link} to="/imports" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('imports.back')}
            </Group>
          </Anchor>
        }
      />
      <Paper withBorder p="lg" radius="md">
        <UploadImportForm
          onUploaded={(detail) => {
            void navigate(`/imports/${detail.id}`, { replace: true });
          }}
        />
        <Text size="sm" c="dimmed" mt="md">
          {t('imports.upload.encrypted')}
        </Text>
      </Paper>
    </>
  );
}
