import { Anchor, Group, Stack, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/query-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { usePanelDocument } from '../api/get-panel-document';
import { PanelDocumentCard } from '../components/panel-document-card';

/** One document; opening this page is what tells the agency it has been read. */
export function PanelDocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const document = usePanelDocument(id);
  usePageTitle(document.data?.title ?? t('documents.detail.pageTitle'));
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/panel" fz="md">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          {t('panel.back')}
        </Group>
      </Anchor>
      <Title order={1} size="h2" data-page-heading tabIndex={-1}>
        {t('documents.detail.pageTitle')}
      </Title>
      <QueryState query={document}>
        {(data) => <PanelDocumentCard document={data} isLinked={false} />}
      </QueryState>
    </Stack>
  );
}
