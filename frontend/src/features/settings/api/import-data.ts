import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, getCsrfToken, parseErrorBody } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { ImportResult } from "@/types/api";

type ImportErrorBody = { detail?: unknown; file?: string; line?: number };

/** The message with the file and line of the backup it is about, when the server names them. */
function withPlace(message: string, body: unknown): string {
  const extra = body as ImportErrorBody | null;
  const file = extra?.file;
  const line = extra?.line;
  if (file && line != null) return t`${message} (in ${file} at line ${line})`;
  if (file) return t`${message} (in ${file})`;
  if (line != null) return t`${message} (at line ${line})`;
  return message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Upload a backup with XMLHttpRequest, because fetch cannot report upload
 * progress. `onProgress` receives a fraction between 0 and 1.
 */
export async function importData(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ImportResult> {
  const token = await getCsrfToken();
  return new Promise<ImportResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/import");
    xhr.setRequestHeader("X-CSRFToken", token);
    // eslint-disable-next-line lingui/no-unlocalized-strings -- an HTTP header, never shown
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, t`Network error: the upload did not finish.`));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as ImportResult);
        return;
      }
      const { message, fieldErrors } = parseErrorBody(xhr.status, body);
      reject(new ApiError(xhr.status, withPlace(message, body), { fieldErrors, body }));
    };
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

export function useImportData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (f: number) => void }) =>
      importData(file, onProgress),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.entriesAll });
    },
  });
}
