// Verify a letter: drop a PDF, get VALID or INVALID with the reason in plain words.
import { useState } from 'react';
import { Callout, Card, Tag } from '@blueprintjs/core';
import { bytesToBase64, useAction } from '../../api/client';
import type { LetterVerification } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';

export function VerifyPage() {
  const [result, setResult] = useState<{ file: string; v: LetterVerification } | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const check = async (f: DroppedFile) => {
    setResult(null);
    setError(null);
    const r = await run('letters.verify', { pdfBase64: bytesToBase64(f.bytes) });
    if (!r.ok) return setError(r.error);
    setResult({ file: f.name, v: r.value });
  };
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Verify a letter</h1>
        <span className="tl-muted">Checks the signature, that the document is unchanged, the signer against the trust list, and the register.</span>
      </div>
      <DropZone label="Drop a letter PDF" hint="Or press Enter to choose a file. Nothing leaves this computer." accept=".pdf,application/pdf" icon="endorsed" onFile={check} testId="verify-drop" />
      {busy && <Loading slow label="Verifying…" />}
      {error && <ErrorCallout error={error} />}
      {result && (
        <Card data-testid="verify-result">
          <div className={`tl-verdict ${result.v.valid ? 'tl-valid' : 'tl-invalid'}`} role="status">{result.v.valid ? 'VALID' : 'INVALID'}</div>
          <Callout compact intent={result.v.valid ? 'success' : 'danger'} icon={result.v.valid ? 'endorsed' : 'error'} className="tl-mt">{result.v.reason}</Callout>
          <dl className="tl-kv tl-mt">
            <dt>File</dt><dd>{result.file}</dd>
            <dt>Letter number</dt><dd className="tl-mono">{result.v.letterNumber ?? '—'}</dd>
            <dt>Signed by</dt><dd>{result.v.signer ?? '—'}</dd>
            <dt>Signed at</dt><dd className="tl-mono">{result.v.signedAt ?? '—'}</dd>
            <dt>In the register</dt><dd>{result.v.registerStatus ? <Tag minimal>{result.v.registerStatus}</Tag> : <span className="tl-muted">not in this register</span>}</dd>
          </dl>
        </Card>
      )}
    </div>
  );
}
