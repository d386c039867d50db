// Argument parsing with node:util parseArgs; a usage error becomes one plain line and exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed | string {
  try {
    const r = parseArgs({ args, options: { 'data-dir': { type: 'string' }, ...options }, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    return (e as Error).message;
  }
}
