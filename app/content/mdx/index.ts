import { Callout } from "./callout";
import * as selfService from "./self-service-facts";
import * as facts from "./support-facts";

/** Everything an MDX article may use without importing it. */
export const mdxComponents = { Callout, ...facts, ...selfService };
