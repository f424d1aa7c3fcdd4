/**
 * Screen sharing, browser to browser (WebRTC): the customer's browser captures the screen with
 * getDisplayMedia and offers it; the agent's browser answers and shows it. Offers, answers and
 * network candidates travel over the chat's own channel (POST /chat/<id> intent "signal" one way, the
 * chat's event stream the other); the picture never passes through the server. Both sides use the
 * STUN/TURN servers the operator set (CHAT_ICE_SERVERS); without any, only host candidates connect. Signals are handled
 * one at a time, in the order they arrived.
 */

export type ScreenPeer = { handleSignal(data: string): void; stop(): void };
type Signal = { description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit };

function inOrder(handle: (signal: Signal) => Promise<void>) {
  let chain = Promise.resolve();
  return (data: string) => {
    let signal: Signal;
    try {
      signal = JSON.parse(data) as Signal;
    } catch {
      return;
    }
    chain = chain.then(() => handle(signal)).catch((error: unknown) => console.error("screen sharing signal", error));
  };
}

/** The customer's side: capture and offer. `onEnded` runs when the browser's own "Stop sharing" ends it. */
export async function shareScreen(
  send: (data: string) => void,
  onEnded: () => void,
  iceServers: RTCIceServer[],
): Promise<ScreenPeer> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const peer = new RTCPeerConnection({ iceServers });
  for (const track of stream.getTracks()) peer.addTrack(track, stream);
  stream.getVideoTracks()[0]?.addEventListener("ended", onEnded);
  peer.addEventListener("icecandidate", (event) => {
    if (event.candidate) send(JSON.stringify({ candidate: event.candidate.toJSON() }));
  });
  await peer.setLocalDescription(await peer.createOffer());
  send(JSON.stringify({ description: peer.localDescription?.toJSON() }));
  // Between instances signals may overtake each other (NOTIFY over a pool): candidates wait for the answer.
  const early: RTCIceCandidateInit[] = [];
  return {
    handleSignal: inOrder(async (signal) => {
      if (signal.description) {
        await peer.setRemoteDescription(signal.description);
        for (const candidate of early.splice(0)) await peer.addIceCandidate(candidate);
      }
      if (signal.candidate) {
        if (peer.remoteDescription) await peer.addIceCandidate(signal.candidate);
        else early.push(signal.candidate);
      }
    }),
    stop() {
      for (const track of stream.getTracks()) track.stop();
      peer.close();
    },
  };
}

/** The agent's side: answer the customer's offer and hand the incoming picture to `onStream`. */
export function watchScreen(
  send: (data: string) => void,
  onStream: (stream: MediaStream) => void,
  iceServers: RTCIceServer[],
): ScreenPeer {
  let peer: RTCPeerConnection | null = null;
  const early: RTCIceCandidateInit[] = [];
  return {
    handleSignal: inOrder(async (signal) => {
      if (signal.description?.type === "offer") {
        peer?.close();
        peer = new RTCPeerConnection({ iceServers });
        peer.addEventListener("track", (event) => onStream(event.streams[0] ?? new MediaStream([event.track])));
        peer.addEventListener("icecandidate", (event) => {
          if (event.candidate) send(JSON.stringify({ candidate: event.candidate.toJSON() }));
        });
        await peer.setRemoteDescription(signal.description);
        await peer.setLocalDescription(await peer.createAnswer());
        send(JSON.stringify({ description: peer.localDescription?.toJSON() }));
        for (const candidate of early.splice(0)) await peer.addIceCandidate(candidate);
      }
      if (signal.candidate) {
        if (peer?.remoteDescription) await peer.addIceCandidate(signal.candidate);
        else early.push(signal.candidate);
      }
    }),
    stop() {
      peer?.close();
      peer = null;
    },
  };
}
