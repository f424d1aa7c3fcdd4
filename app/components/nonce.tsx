import { createContext, useContext } from "react";

/** The CSP nonce for this response's inline scripts; empty in the browser, which hides nonces from scripts anyway. */
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
