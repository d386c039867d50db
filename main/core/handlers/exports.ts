// exports.table: the case list, the letter register, the ledger and the audit log as CSV or XLSX, with
// the screens' filters (main/core/exports/registers.ts, table.ts); letters.register: the register as the
// letters screen shows it, searchable, with each letter's case, parties and outcome per mode.
import { ok } from '../../../shared/ipc/result';
import type { ChannelInput } from '../../../shared/ipc/contract';
import { letterRegister } from '../db';
import { auditTable, casesTable, ledgerTable, lettersTable } from '../exports/registers';
import { tableBytes, type Table } from '../exports/table';
import { storeOf } from './store';
import type { HandlerContext } from './context';
import type { Handlers } from './types';

function tableFor(req: ChannelInput<'exports.table'>, ctx: HandlerContext): Table {
  const db = storeOf(ctx);
  switch (req.register) {
    case 'cases':
      return casesTable(db, req.filter ?? {});
    case 'letters':
      return lettersTable(db, req.filter ?? {});
    case 'ledger':
      return ledgerTable(db);
    case 'audit':
      return auditTable(db, req.filter ?? {});
    default: {
      const never: never = req;
      throw new Error(`no register ${String(never)}`);
    }
  }
}

const FILE_NAMES = { cases: 'cases', letters: 'letter-register', ledger: 'ledger', audit: 'audit-log' } as const;

export const exportHandlers: Handlers<'exports.table' | 'letters.register'> = {
  'exports.table': async (req, ctx) => {
    const table = tableFor(req, ctx);
    const bytes = await tableBytes(table, req.format);
    return ok({ fileName: `tierline-${FILE_NAMES[req.register]}-${ctx.today()}.${req.format}`, base64: bytes.toString('base64'), rows: table.rows.length });
  },
  'letters.register': ({ search, status, limit }, ctx) => {
    const rows = letterRegister(storeOf(ctx), { search, status, limit }).map(({ supersededByNumber: _s, pdfSha256: _p, ...r }) => r);
    return ok({ rows });
  },
};
