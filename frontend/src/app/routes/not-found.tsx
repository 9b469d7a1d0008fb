import { Trans, useLingui } from "@lingui/react/macro";
import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";

export function NotFoundRoute() {
  const { t } = useLingui();
  useDocumentTitle(t`Not found`);
  return (
    <main id="main" className="container narrow page stack">
      <h1>
        <Trans>Page not found</Trans>
      </h1>
      <p>
        <Trans>That page does not exist.</Trans>
      </p>
      <p>
        <Link to="/">
          <Trans>Back to today</Trans>
        </Link>
      </p>
    </main>
  );
}
