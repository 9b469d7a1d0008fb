import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";

export function NotFoundRoute() {
  useDocumentTitle("Not found");
  return (
    <main id="main" className="container narrow page stack">
      <h1>Page not found</h1>
      <p>That page does not exist.</p>
      <p>
        <Link to="/">Back to today</Link>
      </p>
    </main>
  );
}
