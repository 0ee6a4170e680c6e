import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.js';

// Types both drivers read back from an array literal exactly as from a single parameter.
const SUPPORTED_TYPE = /^(?:uuid|text|integer|bigint|boolean|date|numeric(?:\(\d+, \d+\))?)$/;

const QUOTE_OR_BACKSLASH = /["\\]/g;

/**
 * A PostgreSQL array literal (`{"a","b c",12,NULL}`) for one array parameter. Every string is quoted (a quote or
 * a backslash escaped), so that a comma, a brace, a space or the word NULL inside it stays part of the value;
 * numbers and booleans are written as they are. Building the literal here is much cheaper than letting the driver
 * escape each element of a JavaScript array, and both drivers pass a string parameter through untouched.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) {
      parts[i] = 'NULL';
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new RangeError('arrayLiteral: not a finite number');
      }
      parts[i] = String(value);
    } else if (typeof value === 'string') {
      parts[i] =
        value.includes('"') || value.includes('\\')
          ? `"${value.replace(QUOTE_OR_BACKSLASH, '\\$&')}"`
          : `"${value}"`;
    } else {
      throw new TypeError(`arrayLiteral: a ${typeof value} is not a scalar`);
    }
  }
  return `{${parts.join(',')}}`;
}

/**
 * Inserts many rows in one statement with one array parameter per column:
 * `insert into t (a, b) select * from unnest($1::uuid[], $2::text[])`. Building and sending it costs the same
 * per row whatever the batch size, where a VALUES list costs per value (drizzle builds every parameter) and stops
 * at 65,535 parameters. Every column of the table is written; a value left out is NULL, so a column with a
 * default must be given (it throws otherwise). Only scalar columns (uuid, text, integers, boolean, date,
 * numeric); the row-level security policies check each row as for any insert.
 */
export async function insertByColumns<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const names: SQL[] = [];
  const arrays: SQL[] = [];
  for (const [key, column] of columns) {
    const type = column.getSQLType();
    if (!SUPPORTED_TYPE.test(type)) {
      throw new TypeError(`insertByColumns: column ${column.name} of type ${type} is not supported`);
    }
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined && column.hasDefault) {
        throw new TypeError(`insertByColumns: column ${column.name} relies on its default`);
      }
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
    names.push(sql`${sql.identifier(column.name)}`);
    arrays.push(sql`${arrayLiteral(values)}::${sql.raw(type)}[]`);
  }
  await tx.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`,
  );
}
