import { afterEach, describe, expect, it, vi } from "vitest";
import { importData } from "./import-data";

type Listener = ((event: ProgressEvent) => void) | null;

class FakeXhr {
  static last: FakeXhr | null = null;
  status = 0;
  responseText = "";
  headers: Record<string, string> = {};
  upload: { onprogress: Listener } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  sent: unknown = null;
  url = "";
  constructor() {
    FakeXhr.last = this;
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.sent = body;
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe("importData", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("uploads the file with the CSRF token and reports progress", async () => {
    document.cookie = "csrftoken=tok; path=/";
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const progress: number[] = [];
    const file = new File(["{}"], "backup.json", { type: "application/json" });
    const done = importData(file, (f) => progress.push(f));
    await vi.waitFor(() => expect(FakeXhr.last?.sent).toBeInstanceOf(FormData));
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe("/api/import");
    expect(xhr.headers["X-CSRFToken"]).toBe("tok");
    expect((xhr.sent as FormData).get("file")).toBeInstanceOf(File);
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
    const result = {
      habits_created: 2,
      habits_updated: 0,
      entries_created: 10,
      entries_updated: 1,
    };
    xhr.respond(200, result);
    await expect(done).resolves.toEqual(result);
    expect(progress).toEqual([0.5, 1]);
  });

  it("explains where an import failed", async () => {
    document.cookie = "csrftoken=tok; path=/";
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const done = importData(new File(["x"], "h.zip"), () => {});
    await vi.waitFor(() => expect(FakeXhr.last?.sent).toBeTruthy());
    FakeXhr.last!.respond(422, { detail: "Unknown column", file: "Habits.csv", line: 3 });
    await expect(done).rejects.toThrow("Unknown column (in Habits.csv at line 3)");
  });
});
