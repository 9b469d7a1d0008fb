import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import type { GroupInput } from "@/types/api";
import { groupSchema } from "../api/create-group";

export const GROUP_COLORS = ["#2f7d5b", "#2b7bb9", "#8e5bd0", "#d9534f", "#e08a1e", "#57606a"];

type GroupFormProps = {
  initial?: GroupInput;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Resolve to clear the form (a new group), reject to keep it. */
  onSubmit: (input: GroupInput) => Promise<unknown>;
  onCancel?: () => void;
  label: string;
};

/** A group's name, colour and icon, for a new group and for renaming one. */
export function GroupForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  label,
}: GroupFormProps) {
  const { t } = useLingui();
  const [name, setName] = useState(initial?.name ?? "");
  const [color, setColor] = useState(initial?.color ?? GROUP_COLORS[0]!);
  const [icon, setIcon] = useState(initial?.icon ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = error instanceof ApiError ? error.fieldErrors : {};

  return (
    <form
      className="group-form"
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = groupSchema.safeParse({ name, color, icon });
        if (!parsed.success) {
          setErrors(zodFieldErrors(parsed.error));
          return;
        }
        setErrors({});
        onSubmit(parsed.data).then(
          () => {
            if (!initial) {
              setName("");
              setIcon("");
            }
          },
          () => undefined,
        );
      }}
    >
      <div className="group-form-fields">
        <Field label={t`Group name`} error={errors.name ?? server.name}>
          <input
            value={name}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label={t`Colour`} error={errors.color ?? server.color}>
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </Field>
        <Field label={t`Icon`} hint={t`An emoji, optional`} error={errors.icon ?? server.icon}>
          <input
            value={icon}
            maxLength={8}
            className="icon-input"
            onChange={(e) => setIcon(e.target.value)}
          />
        </Field>
      </div>
      {error && !(error instanceof ApiError && Object.keys(server).length > 0) ? (
        <Alert>{errorMessage(error)}</Alert>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            <Trans>Cancel</Trans>
          </button>
        ) : null}
      </div>
    </form>
  );
}
