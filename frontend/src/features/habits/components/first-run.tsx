import { useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { errorMessage } from "@/lib/api-client";
import { EXAMPLE_HABITS, useCreateExampleHabits } from "../api/create-example-habits";
import { describeSchedule } from "./describe-schedule";

/** The first thing a new user sees: a few habits to start with in one click. */
export function FirstRun({ today, onAdded }: { today: string; onAdded?: () => void }) {
  const create = useCreateExampleHabits();
  const [chosen, setChosen] = useState<string[]>(EXAMPLE_HABITS.map((h) => h.name));
  const toggle = (name: string) =>
    setChosen((c) => (c.includes(name) ? c.filter((n) => n !== name) : [...c, name]));

  return (
    <section className="card first-run stack" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">Start with a few habits</h2>
      <p>
        A habit is something you want to do regularly. Check it in each day it is done: your streak
        and score grow as it sticks. Pick some examples to try, or create your own.
      </p>
      {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <ul className="example-list">
        {EXAMPLE_HABITS.map((habit) => (
          <li key={habit.name}>
            <label className="example">
              <input
                type="checkbox"
                checked={chosen.includes(habit.name)}
                onChange={() => toggle(habit.name)}
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
              { examples: EXAMPLE_HABITS.filter((h) => chosen.includes(h.name)), startDate: today },
              { onSuccess: onAdded },
            )
          }
        >
          {create.isPending
            ? "Adding…"
            : `Add ${chosen.length} example habit${chosen.length === 1 ? "" : "s"}`}
        </button>
        <Link className="btn" to="/habits/new">
          Create my own
        </Link>
      </div>
      <p className="muted">
        Coming from Loop Habit Tracker? Export a backup there and{" "}
        <Link to="/settings#import">import your habits and history in Settings</Link>.
      </p>
    </section>
  );
}
