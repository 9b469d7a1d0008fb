import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

/**
 * The parameters an e-mailed link carries in its fragment (#uid=…&token=…). Fragments never
 * reach the server, its logs or a proxy; once read, the fragment is also dropped from the
 * address bar so the token is not kept in history or shared with a copied URL.
 */
export function useLinkParams(): URLSearchParams {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useState(() => new URLSearchParams(location.hash.replace(/^#/, "")));

  useEffect(() => {
    if (location.hash) {
      navigate({ pathname: location.pathname, search: location.search }, { replace: true });
    }
  }, [location.hash, location.pathname, location.search, navigate]);

  return params;
}
