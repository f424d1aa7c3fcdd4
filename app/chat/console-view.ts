import type { ChatIceServer, ChatStatus } from "./rules";

/** What /admin/chat shows (app/chat/console.server.ts builds it; the console components read it). */

export type ConsoleChat = {
  id: string;
  status: ChatStatus;
  customerName: string;
  agentId: string | null;
  agentName: string | null;
  plan: string;
  createdAt: string;
};

export type ConsoleCustomer = {
  id: string;
  status: ChatStatus;
  agentId: string | null;
  customerName: string;
  customerEmail: string;
  accountName: string;
  accountNumber: string;
  planName: string;
  openTickets: { number: string; subject: string; status: string; priority: number }[];
  visitedPaths: string[];
  searches: { query: string; channel: string; outcome: string }[];
  screenState: string;
};

export type ConsoleData = {
  availability: { status: "online" | "away"; capacity: number };
  waiting: ConsoleChat[];
  mine: ConsoleChat[];
  others: ConsoleChat[];
  onlineAgents: { id: string; name: string; open: number; capacity: number }[];
  selected: ConsoleCustomer | null;
  /** For screen sharing's RTCPeerConnection (CHAT_ICE_SERVERS; empty: host candidates only). */
  iceServers: ChatIceServer[];
};
