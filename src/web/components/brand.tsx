import { Group, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

export function Brand({ size = 'lg' }: { size?: 'md' | 'lg' | 'xl' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <IconLock size={size === 'xl' ? 30 : 24} color="var(--mantine-color-sejf-7)" aria-hidden stroke={2.2} />
      <Text fw={750} size={size} c="sejf.8" style={{ letterSpacing: '0.02em' }}>
        Sejf
      </Text>
    </Group>
  );
}
