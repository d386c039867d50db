// Every migration, in order, listed by hand so that adding one is a deliberate, reviewed change.
// Forward only: never edit a migration that has shipped; add the next number instead.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-letters';
import { migration0003 } from './0003-trust-identity';
import { migration0004 } from './0004-case-search';
import { migration0005 } from './0005-ledger-reversals';
import { migration0006 } from './0006-products';
import { migration0007 } from './0007-screening-lists';
import { migration0008 } from './0008-licenses';
import { migration0009 } from './0009-records-chained';
import { migration0010 } from './0010-pack-deactivations';
import { migration0011 } from './0011-determination-parts';
import { migration0012 } from './0012-case-filter-pairs';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012];

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}; expected ${i + 1}`);
});

export const LATEST_VERSION = MIGRATIONS.length;
