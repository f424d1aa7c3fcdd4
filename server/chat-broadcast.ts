import { applyRemoteChatSignal, resyncAllChatListeners, setChatBroadcaster } from "../app/chat/hub.server";
import { openPgChannel } from "./pg-channel";

/**
 * Live chat across app instances on the PostgreSQL profile (decision record 020): every chat signal
 * (re-read a chat, re-read the queue, typing, WebRTC signalling) is sent with `NOTIFY chat_activity`
 * through the same channel helper as the page-cache purges and live replies, and every other instance
 * delivers it to its own listeners. Messages themselves are rows: a listener that hears "re-read"
 * reads them from the database, and after the listening connection comes back everyone re-reads.
 */
export const CHAT_CHANNEL = "chat_activity";

export async function startChatBroadcast(databaseUrl: string) {
  const channel = await openPgChannel(databaseUrl, CHAT_CHANNEL, {
    label: "live chat",
    onMessage: (message) => void applyRemoteChatSignal(message),
    onResync: () => resyncAllChatListeners(),
  });
  setChatBroadcaster((signal) => channel.send({ ...signal }));
  return {
    instanceId: channel.instanceId,
    async stop() {
      setChatBroadcaster(null);
      await channel.stop();
    },
  };
}
