import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage } from "@/lib/api-client";
import { useImportData } from "../api/import-data";

export function DataTransfer() {
  const importer = useImportData();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setProgress(0);
    importer.mutate({ file, onProgress: setProgress });
  };

  const result = importer.data;
  return (
    <div className="stack">
      <div className="stack-sm">
        <h3>Export</h3>
        <p className="muted">Download everything: habits, check-ins and notes.</p>
        <div className="row">
          <a className="btn" href="/api/export?format=json" download>
            Export JSON
          </a>
          <a className="btn" href="/api/export?format=loop-csv" download>
            Export Loop CSV
          </a>
        </div>
      </div>
      <form className="stack-sm" onSubmit={submit} aria-labelledby="import">
        {/* The first-run screen links here as /settings#import. */}
        <h3 id="import">Import</h3>
        <p className="muted">
          Bring your history from Loop Habit Tracker (CSV zip or .db backup) or from a JSON export
          of this app. Habits that already exist are updated.
        </p>
        <Field label="Backup file">
          <input
            type="file"
            name="file"
            accept=".zip,.db,.json,application/zip,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Field>
        <div>
          <button type="submit" className="btn btn-primary" disabled={!file || importer.isPending}>
            {importer.isPending ? "Importing…" : "Import"}
          </button>
        </div>
        {importer.isPending || progress > 0 ? (
          <div className="progress-wrap">
            <progress max={1} value={progress} aria-label="Upload progress" />
            <span className="small muted">
              {progress >= 1 && importer.isPending
                ? "Processing…"
                : `${Math.round(progress * 100)}%`}
            </span>
          </div>
        ) : null}
        {importer.error ? <Alert>Import failed: {errorMessage(importer.error)}</Alert> : null}
        {result ? (
          <Alert kind="success">
            Imported: {result.habits_created} habits created, {result.habits_updated} updated;{" "}
            {result.entries_created} check-ins created, {result.entries_updated} updated.
          </Alert>
        ) : null}
      </form>
    </div>
  );
}
