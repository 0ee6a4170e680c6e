import { Button, Checkbox, Group, Pagination, Select, Stack, Text } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconFileText, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { monthFromPicker, monthToPicker } from '../../../lib/calendar';
import { useCollaborators } from '../../collaborators/api/get-collaborators';
import { useDocuments } from '../api/get-documents';
import { DocumentsTable } from '../components/documents-table';

const pageSize = 25;

export function DocumentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const collaboratorId = params.get('collaboratorId');
  const month = params.get('month');
  const isUnopenedOnly = params.get('unopened') === '1';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const collaborators = useCollaborators({ status: 'all' });
  const documents = useDocuments({
    collaboratorId,
    month,
    opened: isUnopenedOnly ? 'no' : null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });

  const setParam = (key: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') {
          next.delete(key);
        } else {
          next.set(key, value);
        }
        if (key !== 'page') {
          next.delete('page');
        }
        return next;
      },
      { replace: true },
    );
  };

  const isFiltered = collaboratorId !== null || month !== null || isUnopenedOnly;

  return (
    <>
      <PageHeader
        title={t('documents.title')}
        description={t('documents.description')}
        actions={
          <Button component={Link} to="/documents/new" leftSection={<IconSend size={18} aria-hidden />}>
            {t('dashboard.sendDocument')}
          </Button>
        }
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap" role="search" aria-label={t('documents.filters')}>
          <Select
            label={t('documents.filterCollaborator')}
            placeholder={t('documents.filterCollaboratorPlaceholder')}
            searchable
            clearable
            data={(collaborators.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.fullName} · ${c.knfNumber}`,
            }))}
            value={collaboratorId}
            onChange={(value) => {
              setParam('collaboratorId', value);
            }}
            nothingFoundMessage={t('documents.send.noRecipients')}
            w={340}
          />
          <MonthPickerInput
            label={t('documents.filterMonth')}
            placeholder={t('documents.filterMonthPlaceholder')}
            clearable
            valueFormat="MMMM YYYY"
            value={monthToPicker(month)}
            onChange={(value) => {
              setParam('month', monthFromPicker(value));
            }}
            w={220}
          />
          <Checkbox
            label={t('documents.filterUnopened')}
            checked={isUnopenedOnly}
            onChange={(event) => {
              setParam('unopened', event.currentTarget.checked ? '1' : null);
            }}
            mb={8}
          />
        </Group>
        <QueryState query={documents}>
          {({ items, total }) => {
            if (items.length === 0) {
              return (
                <EmptyState
                  icon={<IconFileText size={26} />}
                  title={isFiltered ? t('documents.emptyFiltered') : t('documents.empty')}
                  description={isFiltered ? t('collaborators.emptyFilteredText') : t('documents.emptyText')}
                  action={
                    isFiltered ? undefined : (
                      <Button component={Link} to="/documents/new">
                        {t('dashboard.sendDocument')}
                      </Button>
                    )
                  }
                />
              );
            }
            const pages = Math.ceil(total / pageSize);
            return (
              <>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {isUnopenedOnly
                    ? t('documents.countUnopened', { count: total })
                    : t('documents.count', { count: total })}
                </Text>
                <DocumentsTable documents={items} />
                {pages > 1 && (
                  <Pagination
                    total={pages}
                    value={page}
                    onChange={(next) => {
                      setParam('page', String(next));
                    }}
                    getControlProps={(control) => ({
                      'aria-label': t(`documents.pagination.${control}`),
                    })}
                    getItemProps={(item) => ({
                      'aria-label': t('documents.pagination.page', { page: item }),
                    })}
                    aria-label={t('common.pagination')}
                  />
                )}
              </>
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}
