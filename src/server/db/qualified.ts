import { sql } from 'drizzle-orm';
import type { AnyPgColumn, AnyPgTable } from 'drizzle-orm/pg-core';

/**
 * `"table"."column"`, spelled out. Drizzle leaves columns unqualified in a single-table select, so inside a
 * correlated subquery a bare "id" would name the subquery's own column: every column there names its table.
 */
export const qualified = (table: AnyPgTable, column: AnyPgColumn) =>
  sql`${table}.${sql.identifier(column.name)}`;
