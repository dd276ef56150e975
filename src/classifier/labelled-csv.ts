// Reads labelled complaints from a CSV export (spreadsheets, the city portal, CFPB): quoted fields
// with commas, quotes and newlines, a UTF-8 BOM and CRLF line ends are all normal there, so the
// parsing is left to csv-parse rather than to a split(',').
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { LabelledText } from './category-predictor';

export interface CsvColumns {
  textColumn: string;
  labelColumn: string;
}

export const DEFAULT_COLUMNS: CsvColumns = { textColumn: 'text', labelColumn: 'label' };

export interface LabelledCsv {
  examples: LabelledText[];
  /** Rows with an empty text or label: not training material, but worth telling the operator. */
  skippedRows: number;
}

export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

export function parseLabelledCsv(content: string | Buffer, columns: CsvColumns = DEFAULT_COLUMNS, source = 'CSV'): LabelledCsv {
  let rows: string[][];
  try {
    rows = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    throw new CsvFormatError(`${source}: ${(err as Error).message}`);
  }
  const header = (rows[0] ?? []).map((name) => name.trim());
  const textAt = header.indexOf(columns.textColumn);
  const labelAt = header.indexOf(columns.labelColumn);
  const missing = [columns.textColumn, columns.labelColumn].filter((_, i) => [textAt, labelAt][i] === -1);
  if (missing.length > 0) {
    throw new CsvFormatError(`${source}: no column named ${missing.map((m) => `"${m}"`).join(' or ')}; header is ${JSON.stringify(header)}`);
  }
  const examples: LabelledText[] = [];
  let skippedRows = 0;
  for (const row of rows.slice(1)) {
    const text = (row[textAt] ?? '').trim();
    const label = (row[labelAt] ?? '').trim();
    if (text === '' || label === '') skippedRows++;
    else examples.push({ text, label });
  }
  return { examples, skippedRows };
}

export async function readLabelledCsv(path: string, columns: CsvColumns = DEFAULT_COLUMNS): Promise<LabelledCsv> {
  return parseLabelledCsv(await readFile(path), columns, path);
}
