import { useMemo } from "react";
import { currentZoneName, timezoneOptions } from "@/utils/timezones";

type TimezoneSelectProps = {
  value: string;
  onChange: (value: string) => void;
  id?: string;
};

/**
 * Time zones by their current IANA names. A value saved under an old name
 * ("Asia/Calcutta") shows as its current name and is sent back unchanged
 * until the person picks another zone.
 */
export function TimezoneSelect({ value, onChange, ...rest }: TimezoneSelectProps) {
  const zones = useMemo(() => timezoneOptions(value), [value]);
  return (
    <select
      {...rest}
      name="timezone"
      value={currentZoneName(value)}
      onChange={(e) => onChange(e.target.value)}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, " ")}
        </option>
      ))}
    </select>
  );
}
