// "Export CSV" / "Export XLSX" for a list screen: the core writes the file (exports.table, with the
// screen's filters) and the shell's save dialog (a download in the browser) keeps it.
import { Button, ButtonGroup } from '@blueprintjs/core';
import { call, useAction } from '../api/client';
import type { ExportRequest } from '../../../shared/ipc/contract';
import { toastError, toastOk } from './toaster';

type Register = ExportRequest['register'];
/** An export request without its format, kept per register (Omit over the union would merge them). */
export type ExportOf = ExportRequest extends infer R ? (R extends { format: unknown } ? Omit<R, 'format'> : never) : never;
const TITLES: Record<Register, string> = { cases: 'the case list', letters: 'the letter register', ledger: 'the ledger', audit: 'the audit log' };

export function ExportButtons({ request }: { request: ExportOf }) {
  const { busy, run } = useAction();
  const exportAs = async (format: 'csv' | 'xlsx') => {
    const r = await run('exports.table', { ...request, format } as ExportRequest);
    if (!r.ok) return toastError(r.error);
    const saved = await call('files.save', { title: `Export ${TITLES[request.register]}`, defaultName: r.value.fileName, base64: r.value.base64, filters: [{ name: format.toUpperCase(), extensions: [format] }] });
    if (!saved.ok) return toastError(saved.error);
    toastOk(`Exported ${r.value.rows} row(s) of ${TITLES[request.register]} to ${saved.value.path}.`);
  };
  return (
    <ButtonGroup role="group" aria-label={`Export ${TITLES[request.register]}`}>
      <Button icon="export" text="Export CSV" title={`Export ${TITLES[request.register]} as CSV`} loading={busy} onClick={() => void exportAs('csv')} data-testid={`export-${request.register}-csv`} />
      <Button text="XLSX" title={`Export ${TITLES[request.register]} as an Excel workbook`} disabled={busy} onClick={() => void exportAs('xlsx')} data-testid={`export-${request.register}-xlsx`} />
    </ButtonGroup>
  );
}
