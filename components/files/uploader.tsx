'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent } from 'react';
import type { Upload } from 'tus-js-client';
import { Button } from '@/components/ui/button';
import { bytesLabel, recentSpeed, timeLeft, type Sample } from './upload-progress';

type Phase =
  | { kind: 'idle' }
  /** `speed`: bytes per second over the last few seconds (null until measured), for the time left. */
  | {
      kind: 'uploading' | 'paused';
      name: string;
      sent: number;
      total: number;
      resumedFrom: number;
      speed: number | null;
    }
  | { kind: 'done' | 'failed' | 'cancelled'; message: string };

/** What the server said, or what went wrong on the way (tus-js-client keeps the response). */
function messageOf(error: unknown): string {
  const body = (error as { originalResponse?: { getBody(): string; getStatus(): number } | null }).originalResponse;
  const text = body?.getBody()?.trim();
  if (body && body.getStatus() === 404) return 'Not found: you may no longer add files here.';
  if (text) return text;
  return 'The upload stopped (the connection may have dropped). Choose the same file again to resume where it stopped.';
}

/**
 * Adds a file, or a new version of one, to an item: drag and drop or pick, a progress bar with bytes and time
 * left, pause, resume and cancel. Uploads go through tus (/api/files/tus): an interrupted upload — a dropped
 * connection, a closed laptop, a reloaded page — resumes where it stopped when the same file is chosen again
 * (the browser remembers it by its name, size and date).
 */
export function Uploader({ itemId, files }: { itemId: string; files: readonly { id: string; name: string }[] }) {
  const router = useRouter();
  const [target, setTarget] = useState('new');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const upload = useRef<Upload | null>(null);
  const samples = useRef<Sample[]>([]);
  const input = useRef<HTMLInputElement>(null);

  async function start(file: File) {
    const { Upload: TusUpload } = await import('tus-js-client');
    samples.current = [];
    const metadata: Record<string, string> = { filename: file.name, itemId };
    if (target !== 'new') metadata.fileId = target;
    const tus = new TusUpload(file, {
      endpoint: '/api/files/tus',
      metadata,
      chunkSize: 16 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress(sent, total) {
        samples.current = [...samples.current.slice(-50), { at: Date.now(), bytes: sent }];
        setPhase((p) => ({
          kind: 'uploading',
          name: file.name,
          sent,
          total,
          resumedFrom: p.kind === 'uploading' || p.kind === 'paused' ? p.resumedFrom : 0,
          speed: recentSpeed(samples.current),
        }));
      },
      onSuccess() {
        upload.current = null;
        setPhase({ kind: 'done', message: `Uploaded ${file.name}${target === 'new' ? '' : ' as a new version'}.` });
        if (input.current) input.current.value = '';
        router.refresh();
      },
      onError(error) {
        upload.current = null;
        setPhase({ kind: 'failed', message: messageOf(error) });
      },
    });
    upload.current = tus;
    // The same file, chosen again after an interruption, continues from what the server already has.
    const previous = (await tus.findPreviousUploads()).filter(
      (p) => p.metadata?.itemId === itemId && (p.metadata?.fileId ?? 'new') === (metadata.fileId ?? 'new'),
    );
    let resumedFrom = 0;
    if (previous[0]) {
      tus.resumeFromPreviousUpload(previous[0]);
      resumedFrom = -1; // known once the server answers
    }
    setPhase({ kind: 'uploading', name: file.name, sent: 0, total: file.size, resumedFrom, speed: null });
    tus.start();
  }

  function choose(file: File | undefined) {
    if (!file || phase.kind === 'uploading') return;
    void start(file);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  }

  async function pause() {
    if (!upload.current || phase.kind !== 'uploading') return;
    await upload.current.abort(false);
    setPhase({ ...phase, kind: 'paused' });
  }

  function resume() {
    if (!upload.current || phase.kind !== 'paused') return;
    setPhase({ ...phase, kind: 'uploading' });
    upload.current.start();
  }

  async function cancel() {
    const current = upload.current;
    upload.current = null;
    // Ends the upload on the server too: nothing of it is kept.
    if (current) await current.abort(true).catch(() => undefined);
    setPhase({ kind: 'cancelled', message: 'Upload cancelled. Nothing of it was kept.' });
    if (input.current) input.current.value = '';
  }

  const busy = phase.kind === 'uploading' || phase.kind === 'paused';
  const percent = busy && phase.total > 0 ? Math.floor((phase.sent / phase.total) * 100) : 0;
  return (
    <section aria-label="Add a file" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Add as</span>
          <select
            className="rounded-md border border-line bg-white px-2 py-1.5 text-sm"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            disabled={busy}
          >
            <option value="new">A new file</option>
            {files.map((f) => (
              <option key={f.id} value={f.id}>
                A new version of {f.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-md border-2 border-dashed px-4 py-5 text-center text-sm ${dragging ? 'border-accent bg-accent/5' : 'border-line'}`}
        data-testid="upload-drop-zone"
      >
        <p className="mb-2 text-muted">Drop a file here, or</p>
        <label className="inline-block cursor-pointer rounded-md border border-line bg-white px-3 py-1.5 font-medium hover:bg-paper">
          Choose a file
          <input
            ref={input}
            type="file"
            className="sr-only"
            aria-label="Choose a file to upload"
            disabled={busy}
            onChange={(e) => choose(e.target.files?.[0])}
          />
        </label>
        <p className="mt-2 text-xs text-muted">
          PDF, images, video, audio, Office documents, plain text or zip. The type is checked from the content.
        </p>
      </div>
      {busy ? (
        <div className="space-y-2">
          <div
            role="progressbar"
            aria-label={`Uploading ${phase.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 w-full overflow-hidden rounded bg-line"
          >
            <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-sm" data-testid="upload-progress">
            {phase.name}: {bytesLabel(phase.sent)} of {bytesLabel(phase.total)} ({percent}%)
            {phase.kind === 'paused' ? ' · paused' : ` · ${timeLeft(phase.total - phase.sent, phase.speed)}`}
            {phase.resumedFrom !== 0 ? ' · resumed where it stopped' : ''}
          </p>
          <div className="flex gap-2">
            {phase.kind === 'uploading' ? (
              <Button type="button" variant="secondary" onClick={() => void pause()}>
                Pause
              </Button>
            ) : (
              <Button type="button" variant="secondary" onClick={resume}>
                Resume
              </Button>
            )}
            <Button type="button" variant="danger" onClick={() => void cancel()}>
              Cancel upload
            </Button>
          </div>
        </div>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${phase.kind === 'failed' ? 'text-danger' : ''}`}
        data-testid="upload-status"
      >
        {phase.kind === 'done' || phase.kind === 'failed' || phase.kind === 'cancelled' ? phase.message : ''}
      </p>
    </section>
  );
}
