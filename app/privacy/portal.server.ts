import type { Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import {
  cancelOwnRequest,
  confirmDeletion,
  pendingRequestOf,
  pendingRequests,
  requestDeletion,
} from "./deletion.server";
import { exportUserData } from "./export.server";

/** The signed-in user's own data for /settings/export (their tickets' internal notes and those notes' files left out). */
export const dataExport = {
  of: (user: Actor) => exportUserData(prisma, user.id),
};

/** What the routes call: data deletion bound to the app's database. */
export const dataDeletion = {
  pendingOf: (user: Actor) => pendingRequestOf(prisma, user.id),
  request: (user: Actor, note: string) => requestDeletion(prisma, user, note),
  cancel: (user: Actor) => cancelOwnRequest(prisma, user),
  pending: () => pendingRequests(prisma),
  confirm: (staff: Actor, requestId: string) => confirmDeletion(prisma, staff, requestId),
};
