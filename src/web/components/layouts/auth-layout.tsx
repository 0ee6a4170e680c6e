import { Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../brand';
import { LanguageSwitch } from '../language-switch';

/** Login, setup, invitation and enrolment: one calm column, the language choice always at hand. */
export function AuthLayout({ children, size = 460 }: { children: ReactNode; size?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <Box
        component="header"
        px="md"
        py="sm"
        bg="white"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" maw={960} mx="auto">
          <Brand />
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id="main" size={size} px="md" py="xl" tabIndex={-1}>
        {children}
      </Container>
    </Box>
  );
}
