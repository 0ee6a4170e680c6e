import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

export type DetailItem = { label: string; value: ReactNode };

/** Label–value pairs as a definition list, the way screen readers expect them. */
export function DetailList({
  items,
  labelWidth = 180,
}: {
  items: readonly DetailItem[];
  labelWidth?: number;
}) {
  return (
    <DataList withDivider labelWidth={labelWidth} size="sm">
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel>{item.label}</DataList.ItemLabel>
          <DataList.ItemValue>{item.value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
