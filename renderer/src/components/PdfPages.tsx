// The pages of a PDF drawn with pdf.js, one canvas per page: the letter preview shows the very file the
// core renders, not an HTML imitation of it. pdf.js and its worker are bundled by Vite (loaded on first
// use, nothing from a CDN); the worker runs under the page's CSP (worker-src 'self'), and where a worker
// cannot start pdf.js parses on the page instead. No eval: the CSP has no 'unsafe-eval'.
import { useEffect, useRef, useState } from 'react';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type * as PdfJsModule from 'pdfjs-dist';
import { base64ToBytes } from '../api/client';

type PdfJs = typeof PdfJsModule;
let loading: Promise<{ lib: PdfJs; worker: InstanceType<PdfJs['PDFWorker']> }> | null = null;

/** pdf.js and one worker for the page's lifetime: each preview reuses it instead of starting a new one. */
function pdfjs(): Promise<{ lib: PdfJs; worker: InstanceType<PdfJs['PDFWorker']> }> {
  loading ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return { lib, worker: new lib.PDFWorker() };
  });
  return loading;
}

export interface PdfPagesProps {
  base64: string;
  /** Read by screen readers for the whole preview ("Letter preview, page 1 of 2"). */
  label: string;
  /** CSS pixels of a page's width on screen. */
  width?: number;
}

export function PdfPages({ base64, label, width = 620 }: PdfPagesProps) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ok'; pages: number } | { status: 'error'; message: string }>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    if (!el) return;
    setState({ status: 'loading' });
    let destroy: (() => void) | null = null;
    void (async () => {
      try {
        const { lib, worker } = await pdfjs();
        const task = lib.getDocument({ data: base64ToBytes(base64), worker, isEvalSupported: false, useSystemFonts: false, disableFontFace: false });
        destroy = () => void task.destroy();
        const doc = await task.promise;
        const canvases: HTMLCanvasElement[] = [];
        const ratio = window.devicePixelRatio || 1;
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width / base.width) * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = Math.round(viewport.width);
          canvas.height = Math.round(viewport.height);
          // Width only: the CSS caps it at the panel's width and the height follows the page's aspect.
          canvas.style.width = `${Math.round(viewport.width / ratio)}px`;
          canvas.className = 'tl-pdf-page';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `${label}, page ${n} of ${doc.numPages}`);
          canvas.dataset.testid = 'pdf-page';
          canvas.dataset.pageWidth = String(base.width);
          canvas.dataset.pageHeight = String(base.height);
          const context = canvas.getContext('2d');
          if (!context) throw new Error('this browser cannot draw on a canvas');
          await page.render({ canvasContext: context, viewport }).promise;
          if (cancelled) return;
          canvases.push(canvas);
        }
        // The canvases hold the pixels: the parsed document can go (the shared worker stays).
        destroy = null;
        void task.destroy();
        if (cancelled) return;
        el.replaceChildren(...canvases);
        setState({ status: 'ok', pages: doc.numPages });
      } catch (e) {
        if (!cancelled) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [base64, label, width]);

  return (
    <div className="tl-pdf" data-testid="pdf-pages" data-status={state.status} data-pages={state.status === 'ok' ? state.pages : undefined}>
      {state.status === 'loading' && <div className="tl-muted" role="status">Drawing the pages…</div>}
      {state.status === 'error' && <div className="tl-muted" role="alert">The pages could not be drawn here ({state.message}); save the draft PDF to read it.</div>}
      <div ref={host} className="tl-pdf-pages" />
    </div>
  );
}
