import { Paper, Stack, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** A titled block of the collaborator's panel: large heading, roomy padding. */
export function PanelSection({ title, children }: { title?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={title ? headingId : undefined}>
      <Stack gap="md">
        {title && (
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
