// Letter paper: A4 or US Letter. Until the user chooses, the page's locale decides (CLDR's paperSize data:
// these territories use US Letter, the rest of the world A4); the choice is kept by the core
// (preferences.*) so that it outlives the browser mode's per-launch origin.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client';
import { toastError } from '../../components/toaster';

export type PaperSize = 'A4' | 'LETTER';

/** CLDR supplemental data, `<paperSize type="US-Letter" territories="…">`. */
const LETTER_TERRITORIES = new Set(['BZ', 'CA', 'CL', 'CO', 'CR', 'GT', 'MX', 'NI', 'PA', 'PH', 'PR', 'SV', 'US', 'VE']);

/** The paper a locale's users expect: 'en-US', 'en-CA', 'es-MX', 'fr-CA' and plain 'en' → US Letter; else A4. */
export function paperForLocale(locale: string): PaperSize {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && LETTER_TERRITORIES.has(region) ? 'LETTER' : 'A4';
  } catch {
    return 'A4';
  }
}

export const PAPER_LABEL: Record<PaperSize, string> = { A4: 'A4', LETTER: 'US Letter' };

/** The remembered paper (the locale's until chosen) and a setter that remembers. */
export function usePaper(): [PaperSize | null, (p: PaperSize) => void] {
  const [paper, setPaper] = useState<PaperSize | null>(null);
  useEffect(() => {
    let live = true;
    void call('preferences.get', {}).then((r) => {
      if (!live) return;
      const stored = r.ok ? r.value.letterPageSize : null;
      setPaper(stored ?? paperForLocale(navigator.languages?.[0] ?? navigator.language));
    });
    return () => {
      live = false;
    };
  }, []);
  const choose = useCallback((p: PaperSize) => {
    setPaper(p);
    void call('preferences.set', { letterPageSize: p }).then((r) => {
      if (!r.ok) toastError(r.error);
    });
  }, []);
  return [paper, choose];
}
