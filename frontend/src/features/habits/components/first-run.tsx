import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { errorMessage } from "@/lib/api-client";
import { exampleHabits, useCreateExampleHabits } from "../api/create-example-habits";
import { describeSchedule } from "./describe-schedule";

/** The first thing a new user sees: a few habits to start with in one click. */
export function FirstRun({ today, onAdded }: { today: string; onAdded?: () => void }) {
  const { t } = useLingui();
  const create = useCreateExampleHabits();
  // Built on each render, so the names follow the language; chosen by place in the list.
  const examples = exampleHabits();
  const [chosen, setChosen] = useState<number[]>(() => examples.map((_, index) => index));
  const toggle = (index: number) =>
    setChosen((c) => (c.includes(index) ? c.filter((i) => i !== index) : [...c, index]));
  const count = chosen.length;

  return (
    <section className="card first-run stack" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">
        <Trans>Start with a few habits</Trans>
      </h2>
      <p>
        <Trans>
          A habit is something you want to do regularly. Check it in each day it is done: your
          streak and score grow as it sticks. Pick some examples to try, or create your own.
        </Trans>
      </p>
      {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <ul className="example-list">
        {examples.map((habit, index) => (
          <li key={index}>
            <label className="example">
              <input
                type="checkbox"
                checked={chosen.includes(index)}
                onChange={() => toggle(index)}
              />
              <span className="habit-icon" style={{ background: habit.color }} aria-hidden="true">
                {habit.icon}
              </span>
              <span>
                <strong>{habit.name}</strong>
                <span className="muted small block">{describeSchedule(habit)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="row actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={chosen.length === 0 || create.isPending}
          onClick={() =>
            create.mutate(
              {
                examples: examples.filter((_, index) => chosen.includes(index)),
                startDate: today,
              },
              { onSuccess: onAdded },
            )
          }
        >
          {create.isPending
            ? t`Adding…`
            : plural(count, { one: "Add # example habit", other: "Add # example habits" })}
        </button>
        <Link className="btn" to="/habits/new">
          <Trans>Create my own</Trans>
        </Link>
      </div>
      <p className="muted">
        <Trans>
          Coming from Loop Habit Tracker? Export a backup there and{" "}
          <Link to="/settings#import">import your habits and history in Settings</Link>.
        </Trans>
      </p>
    </section>
  );
}
