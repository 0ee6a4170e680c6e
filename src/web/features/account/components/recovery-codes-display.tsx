import { Alert, Box, Button, Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPrinter } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyTextButton } from '../../../components/copy-button';
import { formatDateTime } from '../../../../shared/format';
import { downloadTextFile } from '../../../lib/download';
import { useLocale } from '../../../lib/i18n';

type RecoveryCodesDisplayProps = {
  codes: readonly string[];
  onContinue: () => void;
  continueLabel: string;
};

/** Shown exactly once: the person must keep the codes before moving on. */
export function RecoveryCodesDisplay({ codes, onContinue, continueLabel }: RecoveryCodesDisplayProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [isSaved, setIsSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const text = codes.join('\n');

  const download = () => {
    const header = t('recoveryCodes.fileHeader', { date: formatDateTime(new Date(), locale) });
    downloadTextFile(t('recoveryCodes.fileName'), `${header}\n\n${text}\n`);
  };

  return (
    <Stack gap="md">
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title={t('recoveryCodes.onceTitle')}
      >
        {t('recoveryCodes.onceText')}
      </Alert>
      <Box className="printable" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
        <Text fw={600} mb="xs">
          {t('recoveryCodes.heading')}
        </Text>
        <SimpleGrid
          component="ul"
          cols={2}
          spacing="xs"
          aria-label={t('recoveryCodes.heading')}
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {codes.map((code) => (
            <Text component="li" key={code} className="code-text" fz="lg" fw={600}>
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Box>
      <Group gap="sm" className="no-print">
        <CopyTextButton value={text} label={t('recoveryCodes.copyAll')} />
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
          {t('recoveryCodes.download')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconPrinter size={16} aria-hidden />}
          onClick={() => {
            window.print();
          }}
        >
          {t('recoveryCodes.print')}
        </Button>
      </Group>
      <Checkbox
        ref={checkboxRef}
        label={t('recoveryCodes.confirm')}
        checked={isSaved}
        error={error}
        onChange={(event) => {
          setIsSaved(event.currentTarget.checked);
          setError(null);
        }}
      />
      <Button
        size="md"
        w="fit-content"
        onClick={() => {
          if (!isSaved) {
            setError(t('recoveryCodes.confirmRequired'));
            checkboxRef.current?.focus();
            return;
          }
          onContinue();
        }}
      >
        {continueLabel}
      </Button>
    </Stack>
  );
}
