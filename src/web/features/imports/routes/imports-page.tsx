import { Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFileImport, IconUpload, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useImports } from '../api/get-imports';
import { ImportsTable } from '../components/imports-table';

const statusSchema = z.enum(['open', 'committed', 'all']).catch('all');

export function ImportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = statusSchema.parse(params.get('status') ?? 'all');
  const imports = useImports(status);
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        description={t('imports.description')}
        actions={
          <>
            <Button
              component={Link}
              to="/imports/unmatched"
              variant="default"
              leftSection={<IconUserQuestion size={18} aria-hidden />}
            >
              {t('unmatched.title')}
            </Button>
            <Button component={Link} to="/imports/new" leftSection={<IconUpload size={18} aria-hidden />}>
              {t('imports.new')}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          aria-label={t('imports.filter')}
          value={status}
          onChange={(value) => {
            setParams(value === 'all' ? {} : { status: value }, { replace: true });
          }}
          data={[
            { value: 'all', label: t('imports.filterAll') },
            { value: 'open', label: t('imports.filterOpen') },
            { value: 'committed', label: t('imports.filterCommitted') },
          ]}
        />
        <QueryState query={imports}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                icon={<IconFileImport size={26} />}
                title={status === 'all' ? t('imports.empty') : t('imports.emptyFiltered')}
                description={t('imports.emptyText')}
                action={
                  <Button component={Link} to="/imports/new">
                    {t('imports.new')}
                  </Button>
                }
              />
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  {t('imports.count', { count: list.length })}
                </Text>
                <ImportsTable imports={list} />
              </>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
