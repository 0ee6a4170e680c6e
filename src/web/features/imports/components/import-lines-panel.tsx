import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../../../shared/api/imports';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { useImportLines, type ImportLinesShow } from '../api/get-import-lines';
import { AssignModal, type AssignTarget } from './assign-modal';
import { ImportErrorsTable } from './import-errors-table';
import { ImportLinesTable } from './import-lines-table';

const pageSize = 50;

/** One tab of the preview: all lines, the rows with errors, or the lines no one is attributed to. */
export function ImportLinesPanel({ detail, show }: { detail: ImportDetail; show: ImportLinesShow }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [assigning, setAssigning] = useState<AssignTarget | null>(null);
  const lines = useImportLines(detail.id, { show, offset: (page - 1) * pageSize, limit: pageSize }, true);
  const label = t(`imports.tabs.${show}`);
  return (
    <Stack gap="sm" pt="md">
      <QueryState query={lines}>
        {(data) => {
          if (data.total === 0) {
            return <Text c="dimmed">{t(`imports.emptyTab.${show}`)}</Text>;
          }
          // Codes seen on this page, each with a shortcut to attribute all its lines of the import.
          const codes = [...new Set(data.lines.map((line) => line.agentCode))];
          return (
            <>
              {show === 'unmatched' && detail.status === 'parsed' && (
                <Group gap="xs" wrap="wrap" aria-label={t('imports.assignCodes')} role="group">
                  {codes.map((code) => (
                    <Button
                      key={code ?? '-'}
                      size="xs"
                      variant="light"
                      onClick={() => {
                        setAssigning({
                          insurerId: detail.insurerId,
                          insurerName: detail.insurerName,
                          agentCode: code,
                          importId: detail.id,
                        });
                      }}
                    >
                      {code === null ? t('imports.assignWithoutCode') : t('imports.assignCode', { code })}
                    </Button>
                  ))}
                </Group>
              )}
              {show === 'errors' ? (
                <ImportErrorsTable errors={data.errors} />
              ) : (
                <ImportLinesTable lines={data.lines} label={label} />
              )}
              <Pager total={data.total} pageSize={pageSize} page={page} onChange={setPage} />
            </>
          );
        }}
      </QueryState>
      <AssignModal
        group={assigning}
        onClose={() => {
          setAssigning(null);
        }}
      />
    </Stack>
  );
}
