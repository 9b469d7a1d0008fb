import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useId, useRef, useState } from "react";
import { habitStep } from "@/lib/habit-step";
import type { TodayItem } from "@/types/api";
import { formatAmount, plainAmount, withUnit } from "./progress-label";

/** How long typing or stepping may pause before the value is saved. */
export const SAVE_DELAY_MS = 700;

type QuickValueProps = {
  item: TodayItem;
  onChange: (item: TodayItem, input: { value: number | null; status?: null }) => void;
  /** "yesterday" or "Monday 30 November" when the day shown is not today, for screen readers. */
  day: string | null;
};

function asText(value: number | null | undefined): string {
  // A number field takes "1.5" in every language: the browser shows it the person's way.
  return value == null ? "" : plainAmount(value);
}

/**
 * A measurable habit's value for the day: − and + buttons that move it by the
 * habit's step, and a number field, saved a moment after the last change (and
 * at once on Enter or when the field is left), without a Save button.
 */
export function QuickValue({ item, onChange, day }: QuickValueProps) {
  const { t } = useLingui();
  const { habit, entry } = item;
  const step = habitStep(habit);
  const suffixId = useId();
  const [text, setText] = useState(asText(entry?.value));
  const [lastSeen, setLastSeen] = useState(entry?.value);
  // Follow the server (a refetch, another tab) when it changes the value.
  if (entry?.value !== lastSeen) {
    setLastSeen(entry?.value);
    setText(asText(entry?.value));
  }

  // The latest item and handler, for a save that runs after a pause or on unmount.
  const latest = useRef({ item, onChange });
  useEffect(() => {
    latest.current = { item, onChange };
  });
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef<string | null>(null);

  const save = (value: string) => {
    window.clearTimeout(timer.current);
    pending.current = null;
    const { item: current, onChange: change } = latest.current;
    const before = current.entry?.value ?? null;
    const trimmed = value.trim();
    if (trimmed === "") {
      if (before !== null) change(current, { value: null, status: null });
      return;
    }
    const number = Number(trimmed);
    if (!Number.isFinite(number) || number < 0 || number === before) return;
    change(current, { value: number });
  };
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  const change = (value: string) => {
    setText(value);
    pending.current = value;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => saveRef.current(value), SAVE_DELAY_MS);
  };
  const flush = () => {
    if (pending.current !== null) save(pending.current);
  };
  // Leaving the screen (another day, another page) saves what was typed.
  useEffect(
    () => () => {
      if (pending.current !== null) saveRef.current(pending.current);
    },
    [],
  );

  const typed = Number(text.trim() || "0");
  const current = Number.isFinite(typed) ? typed : 0;
  const stepBy = (direction: 1 | -1) => {
    // Rounded so that 0.1 + 0.2 shows as 0.3.
    const next = Math.max(0, Math.round((current + direction * step) * 1e6) / 1e6);
    change(String(next));
  };
  const name = habit.name;
  const unit = habit.unit;
  const stepAmount = formatAmount(step);
  const stepText = withUnit(stepAmount, unit);
  const target = withUnit(formatAmount(habit.target), unit);
  const takeLabel = day
    ? t`Take ${stepText} off ${name} for ${day}`
    : t`Take ${stepText} off ${name}`;
  const addLabel = day ? t`Add ${stepText} to ${name} for ${day}` : t`Add ${stepText} to ${name}`;
  let fieldLabel: string;
  if (unit) fieldLabel = day ? t`${name} value in ${unit} for ${day}` : t`${name} value in ${unit}`;
  else fieldLabel = day ? t`${name} value for ${day}` : t`${name} value`;

  return (
    <div className="quick-value">
      <button
        type="button"
        className="step-btn"
        aria-label={takeLabel}
        disabled={current <= 0}
        onClick={() => stepBy(-1)}
      >
        −{stepAmount}
      </button>
      <label>
        <span className="visually-hidden">{fieldLabel}</span>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={text}
          // An empty field reads "0 of 8 glasses": nothing logged yet, not the target.
          placeholder="0"
          aria-describedby={suffixId}
          onChange={(event) => change(event.target.value)}
          onBlur={flush}
          onKeyDown={(event) => {
            if (event.key === "Enter") flush();
          }}
        />
      </label>
      <button type="button" className="step-btn" aria-label={addLabel} onClick={() => stepBy(1)}>
        +{stepAmount}
      </button>
      <span id={suffixId} className="unit">
        {habit.target_type === "at_most" ? (
          <Trans>of at most {target}</Trans>
        ) : (
          <Trans>of {target}</Trans>
        )}
      </span>
    </div>
  );
}
