import { Trans, useLingui } from "@lingui/react/macro";
import { Link } from "react-router";
import { Skeleton } from "@/components/skeleton";
import { useHabitList } from "../api/get-habits";

/** The group's active habits, each a link to its own page. */
export function GroupHabits({ groupId }: { groupId: number }) {
  const { t } = useLingui();
  const habits = useHabitList(false);
  if (habits.isPending) return <Skeleton lines={3} label={t`Loading the group's habits`} />;
  const mine = (habits.data ?? [])
    .filter((h) => (h.group_id ?? null) === groupId)
    .sort((a, b) => a.position - b.position);
  return (
    <section className="card stack" aria-labelledby="group-habits-heading">
      <h2 id="group-habits-heading">
        <Trans>Habits in this group</Trans>
      </h2>
      {mine.length === 0 ? (
        <p className="empty-note">
          <Trans>
            No habits yet. Move habits here from <Link to="/groups">Groups</Link>.
          </Trans>
        </p>
      ) : (
        <ul className="habit-list">
          {mine.map((habit) => (
            <li key={habit.id} className="habit-row">
              <span className="habit-icon" style={{ background: habit.color }} aria-hidden="true">
                {habit.icon || habit.name.charAt(0)}
              </span>
              <Link to={`/habits/${habit.id}`} className="habit-name grow">
                {habit.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
