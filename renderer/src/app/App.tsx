import { useEffect, useMemo } from 'react';
import { Button, Classes, Dialog, Hotkey, Hotkeys, HotkeysProvider, Icon, useHotkeys, type HotkeyConfig, type IconName } from '@blueprintjs/core';
import { useCall } from '../api/client';
import { go, useRoute, type Route } from './router';
import { CasesPage } from '../features/cases/CasesPage';
import { CaseEditor } from '../features/cases/CaseEditor';
import { DeterminationPage } from '../features/determination/DeterminationPage';
import { LettersPage } from '../features/letters/LettersPage';
import { VerifyPage } from '../features/letters/VerifyPage';
import { PacksPage } from '../features/packs/PacksPage';
import { LedgerPage } from '../features/ledger/LedgerPage';
import { AuditPage } from '../features/audit/AuditPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { BatchPage } from '../features/batch/BatchPage';
import { LicensesPage } from '../features/licenses/LicensesPage';
import { ImpactPage } from '../features/impact/ImpactPage';
import { ScreeningPage } from '../features/screening/ScreeningPage';
import { ToastSlot } from '../components/ToastSlot';
import { formatDate } from '../components/format';

const NAV: { key: string; label: string; icon: IconName; hash: string; shortcut: string }[] = [
  { key: 'cases', label: 'Cases', icon: 'folder-open', hash: '#/cases', shortcut: '1' },
  { key: 'letters', label: 'Letters', icon: 'document', hash: '#/letters', shortcut: '2' },
  { key: 'packs', label: 'Rule packs', icon: 'git-branch', hash: '#/packs', shortcut: '3' },
  { key: 'ledger', label: 'Ledger', icon: 'timeline-bar-chart', hash: '#/ledger', shortcut: '4' },
  { key: 'audit', label: 'Audit log', icon: 'history', hash: '#/audit', shortcut: '5' },
  { key: 'settings', label: 'Settings', icon: 'cog', hash: '#/settings', shortcut: '6' },
  { key: 'batch', label: 'Batch', icon: 'th-list', hash: '#/batch', shortcut: '7' },
  { key: 'licenses', label: 'Licenses', icon: 'endorsed', hash: '#/licenses', shortcut: '8' },
  { key: 'impact', label: 'Impact', icon: 'predictive-analysis', hash: '#/impact', shortcut: '9' },
  { key: 'screening', label: 'Screening', icon: 'shield', hash: '#/screening', shortcut: '0' },
];

function Screen({ route }: { route: Route }) {
  const [first, second, third] = route.path;
  switch (first ?? 'cases') {
    case 'cases':
      if (second === 'new') return <CaseEditor caseId={null} />;
      if (second && third === 'determination') return <DeterminationPage caseId={Number(second)} />;
      if (second) return <CaseEditor caseId={Number(second)} />;
      return <CasesPage openImport={route.query.get('import') === '1'} />;
    case 'letters':
      return second === 'verify' ? <VerifyPage /> : <LettersPage />;
    case 'packs':
      return <PacksPage openImport={route.query.get('import') === '1'} />;
    case 'ledger':
      return <LedgerPage />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    case 'batch':
      return <BatchPage />;
    case 'licenses':
      return <LicensesPage number={second ?? null} />;
    case 'impact':
      return <ImpactPage />;
    case 'screening':
      return <ScreeningPage />;
    default:
      return <CasesPage openImport={false} />;
  }
}

const SHEET_ONLY = [
  { combo: '?', global: true, label: 'Show this list of shortcuts (outside a text field)' },
  { combo: 'esc', global: true, label: 'Close a dialog or this list' },
  { combo: 'up', group: 'Case list', label: 'Select the case above' },
  { combo: 'down', group: 'Case list', label: 'Select the case below' },
  { combo: 'pageup', group: 'Case list', label: 'A page up' },
  { combo: 'pagedown', group: 'Case list', label: 'A page down' },
  { combo: 'home', group: 'Case list', label: 'First case' },
  { combo: 'end', group: 'Case list', label: 'Last case' },
  { combo: 'enter', group: 'Case list', label: 'Open the selected case' },
];

function Frame() {
  const route = useRoute();
  const active = route.path[0] ?? 'cases';
  const [info] = useCall('app.info', {}, 'info');
  const hotkeys = useMemo(
    () => [
      // allowInInput: the screen shortcuts work while the caret is in a form field too (Ctrl+digit types
      // nothing there, so nothing is lost).
      ...NAV.map((n) => ({ combo: `mod+${n.shortcut}`, global: true, allowInInput: true, label: `Go to ${n.label}`, onKeyDown: () => go(n.hash), preventDefault: true })),
      { combo: 'mod+n', global: true, allowInInput: true, label: 'New case', onKeyDown: () => go('#/cases/new'), preventDefault: true },
      // Listed in the ? sheet only: Blueprint opens the sheet on ? itself, the case grid and dialogs handle
      // the others; the case editor lists its own (Ctrl+S, Ctrl+Enter) while it is open (no callback here, so they do nothing twice).
      ...SHEET_ONLY,
    ],
    [],
  );
  const { handleKeyDown, handleKeyUp } = useHotkeys(hotkeys);
  // Tests and the Electron launcher wait for this instead of sleeping.
  useEffect(() => {
    if (info.status !== 'loading') document.documentElement.dataset.ready = 'true';
  }, [info.status]);
  return (
    <div className="tl-frame" onKeyDown={handleKeyDown} onKeyUp={handleKeyUp}>
      <header className="tl-topbar">
        <div className="tl-brand">
          <Icon icon="shield" size={16} />
          <span>Tierline</span>
        </div>
        <span className="tl-topbar-sub">AI chip &amp; model-weight export controls · 90 FR 4544</span>
        <div className="tl-spacer" />
        <span className="tl-chip tl-chip-ok" title="Tierline never uses the network"><Icon icon="offline" size={12} /> Offline</span>
        {info.status === 'ok' && (
          <>
            <span className="tl-chip" title="Today">{formatDate(info.value.today)}</span>
            <span className="tl-chip" title="Version">v{info.value.version}</span>
          </>
        )}
      </header>
      <div className="tl-body">
        <nav className="tl-nav" aria-label="Main">
          {NAV.map((n) => (
            <Button
              key={n.key}
              alignText="start"
              fill
              variant="minimal"
              icon={n.icon}
              active={active === n.key}
              aria-current={active === n.key ? 'page' : undefined}
              onClick={() => go(n.hash)}
              endIcon={<span className="tl-kbd" aria-hidden="true">^{n.shortcut}</span>}
              text={n.label}
            />
          ))}
          <ToastSlot />
          <Button alignText="start" fill variant="minimal" icon="endorsed" text="Verify a letter" onClick={() => go('#/letters/verify')} active={route.path[1] === 'verify'} />
        </nav>
        <main className="tl-main" id="main">
          <Screen route={route} />
        </main>
      </div>
    </div>
  );
}

/** The ? sheet: every shortcut registered now, grouped. Its list scrolls inside and takes focus, so a
 * keyboard reaches all of it (Blueprint's own sheet has a scrolling body that cannot be focused). */
function ShortcutSheet({ open, hotkeys, onClose }: { open: boolean; hotkeys: HotkeyConfig[]; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" isOpen={open} onClose={onClose} className={Classes.HOTKEY_DIALOG}>
      <div className={`${Classes.DIALOG_BODY} tl-shortcut-list`} role="region" aria-label="Shortcut list" tabIndex={0} data-testid="shortcut-sheet">
        <Hotkeys>
          {hotkeys.map((h, i) => (
            <Hotkey key={i} combo={h.combo} label={h.label} global={h.global} group={h.global && !h.group ? 'Anywhere' : h.group} />
          ))}
        </Hotkeys>
      </div>
    </Dialog>
  );
}

export function App() {
  return (
    <HotkeysProvider renderDialog={(state, { handleDialogClose }) => <ShortcutSheet open={state.isDialogOpen} hotkeys={state.hotkeys} onClose={handleDialogClose} />}>
      <Frame />
    </HotkeysProvider>
  );
}
