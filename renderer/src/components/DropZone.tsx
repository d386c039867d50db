// A drop target for files (case files, packs, letters). Also keyboard reachable: Enter/Space opens the
// file chooser, so dropping is never the only way.
import { useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from '@blueprintjs/core';

export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

export function DropZone(props: { label: string; hint: string; accept: string; icon?: IconName; onFile: (f: DroppedFile) => void; testId?: string; children?: ReactNode }) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const take = async (file: File | undefined) => {
    if (!file) return;
    props.onFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };
  return (
    <div
      className={`tl-dropzone${over ? ' tl-dropzone-over' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`${props.label}: drop a file here or press Enter to choose one`}
      data-testid={props.testId}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          input.current?.click();
        }
      }}
      onClick={() => input.current?.click()}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files[0]);
      }}
    >
      <Icon icon={props.icon ?? 'import'} size={20} />
      <div>
        <strong>{props.label}</strong>
        <div className="tl-muted">{props.hint}</div>
      </div>
      {props.children}
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid={props.testId ? `${props.testId}-input` : undefined}
        onChange={(e) => {
          void take(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
