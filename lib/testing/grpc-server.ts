/**
 * The gRPC server side the stand-in needs, on node:http2: unary calls (one length-prefixed,
 * uncompressed message each way, status in the trailers) and server streams that stay open and
 * silent (go-plugin's stdio and broker streams). Written on the built-in module rather than
 * @grpc/grpc-js because loading grpc-js took half of each plugin start-up, and terraform starts
 * the plugin once per provider configuration per command. Listens only on a unix socket; TLS
 * requires the client certificate terraform generated (AutoMTLS).
 */
import * as http2 from "node:http2";
import type { Message, MethodCodec } from "./codec";

export interface Route {
  readonly method: MethodCodec;
  /** A unary handler; ignored for streaming methods. */
  readonly handle?: (request: Message) => Message;
}

export interface GrpcServerOptions {
  readonly socket: string;
  readonly routes: readonly Route[];
  /** Serve TLS with this key/certificate, accepting only clients presenting `clientCa`. @default - plaintext HTTP/2 */
  readonly tls?: { readonly key: string; readonly cert: string; readonly clientCa: string };
}

const GRPC = "application/grpc";
/** gRPC status codes used here. */
const UNIMPLEMENTED = 12;
const INTERNAL = 13;

function failWith(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  if (stream.headersSent || stream.destroyed) return void stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  stream.respond({ ":status": 200, "content-type": GRPC, "grpc-status": String(code), "grpc-message": encodeURIComponent(message) }, { endStream: true });
}

export function startGrpcServer(options: GrpcServerOptions): Promise<{ close: () => void }> {
  const routes = new Map(options.routes.map((r) => [r.method.path, r]));
  const open = new Set<http2.ServerHttp2Stream>();
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = options.tls
    ? http2.createSecureServer({ key: options.tls.key, cert: options.tls.cert, ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2" })
    : http2.createServer();
  server.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
    s.on("error", () => undefined);
  });
  server.on("sessionError", () => undefined);
  server.on("stream", (stream, headers) => {
    stream.on("error", () => undefined);
    const route = routes.get(String(headers[":path"]));
    if (!route) return failWith(stream, UNIMPLEMENTED, `the stand-in provider does not implement ${headers[":path"]}`);
    if (route.method.streaming || !route.handle) {
      open.add(stream);
      stream.on("close", () => open.delete(stream));
      stream.on("data", () => undefined);
      stream.respond({ ":status": 200, "content-type": GRPC });
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      if (body.length < 5 || body[0] !== 0) return failWith(stream, INTERNAL, "expected one uncompressed gRPC message");
      let response: Buffer;
      try {
        response = route.method.encodeResponse(route.handle!(route.method.decodeRequest(body.subarray(5, 5 + body.readUInt32BE(1)))));
      } catch (err) {
        return failWith(stream, INTERNAL, `stand-in provider: ${route.method.name}: ${(err as Error).message}`);
      }
      const prefix = Buffer.alloc(5);
      prefix.writeUInt32BE(response.length, 1);
      stream.respond({ ":status": 200, "content-type": GRPC }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(Buffer.concat([prefix, response]));
    });
  });
  const close = () => {
    for (const s of open) s.close();
    for (const s of sessions) s.destroy();
    server.close();
  };
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.socket, () => resolve({ close }));
  });
}
