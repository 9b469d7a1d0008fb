import { useMemo } from "react";

type TimezoneSelectProps = {
  value: string;
  onChange: (value: string) => void;
  id?: string;
};

function supportedTimezones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  } catch {
    return [];
  }
}

export function TimezoneSelect({ value, onChange, ...rest }: TimezoneSelectProps) {
  const zones = useMemo(() => {
    const list = supportedTimezones();
    if (!list.includes("UTC")) list.unshift("UTC");
    if (value && !list.includes(value)) list.unshift(value);
    return list;
  }, [value]);
  return (
    <select {...rest} name="timezone" value={value} onChange={(e) => onChange(e.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, " ")}
        </option>
      ))}
    </select>
  );
}
