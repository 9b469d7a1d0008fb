import { Trans, useLingui } from "@lingui/react/macro";
import { plural } from "@lingui/core/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage } from "@/lib/api-client";
import { formatPercent } from "@/lib/i18n";
import type { ImportResult } from "@/types/api";
import { useImportData } from "../api/import-data";

function ImportFailed({ error }: { error: string }) {
  return (
    <Alert>
      <Trans>Import failed: {error}</Trans>
    </Alert>
  );
}

/** What an import did, each count in its own sentence so that every language can pluralise it. */
function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useLingui();
  const habitsCreated = result.habits_created;
  const habitsUpdated = result.habits_updated;
  const entriesCreated = result.entries_created;
  const entriesUpdated = result.entries_updated;
  const habits = plural(habitsCreated, {
    one: `# habit created, ${habitsUpdated} updated.`,
    other: `# habits created, ${habitsUpdated} updated.`,
  });
  const entries = plural(entriesCreated, {
    one: `# check-in created, ${entriesUpdated} updated.`,
    other: `# check-ins created, ${entriesUpdated} updated.`,
  });
  return <Alert kind="success">{t`Imported: ${habits} ${entries}`}</Alert>;
}

export function DataTransfer() {
  const importer = useImportData();
  const { t } = useLingui();
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
        <h3>
          <Trans>Export</Trans>
        </h3>
        <p className="muted">
          <Trans>Download everything: habits, check-ins and notes.</Trans>
        </p>
        <div className="row">
          <a className="btn" href="/api/export?format=json" download>
            <Trans>Export JSON</Trans>
          </a>
          <a className="btn" href="/api/export?format=loop-csv" download>
            <Trans>Export Loop CSV</Trans>
          </a>
        </div>
      </div>
      <form className="stack-sm" onSubmit={submit} aria-labelledby="import">
        {/* The first-run screen links here as /settings#import. */}
        <h3 id="import">
          <Trans>Import</Trans>
        </h3>
        <p className="muted">
          <Trans>
            Bring your history from Loop Habit Tracker (CSV zip or .db backup) or from a JSON export
            of this app. Habits that already exist are updated.
          </Trans>
        </p>
        <Field label={t`Backup file`}>
          <input
            type="file"
            name="file"
            accept=".zip,.db,.json,application/zip,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Field>
        <div>
          <button type="submit" className="btn btn-primary" disabled={!file || importer.isPending}>
            {importer.isPending ? t`Importing…` : t`Import`}
          </button>
        </div>
        {importer.isPending || progress > 0 ? (
          <div className="progress-wrap">
            <progress max={1} value={progress} aria-label={t`Upload progress`} />
            <span className="small muted">
              {progress >= 1 && importer.isPending ? t`Processing…` : formatPercent(progress)}
            </span>
          </div>
        ) : null}
        {importer.error ? <ImportFailed error={errorMessage(importer.error)} /> : null}
        {result ? <ImportSummary result={result} /> : null}
      </form>
    </div>
  );
}
