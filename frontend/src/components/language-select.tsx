import { useLingui } from "@lingui/react/macro";
import { useId } from "react";
import { activateLocale, isLocale, LOCALES, type Locale } from "@/lib/i18n";

/**
 * The language picker: every language named in itself. `onChange` runs after the language's
 * catalogs are loaded and active (Settings saves the choice on the account there).
 */
export function LanguageSelect({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { t, i18n } = useLingui();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t`Language`}</label>
      <select
        id={id}
        value={i18n.locale}
        onChange={(event) => {
          const locale = event.target.value;
          if (!isLocale(locale)) return;
          void activateLocale(locale).then(() => onChange?.(locale));
        }}
      >
        {Object.entries(LOCALES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
