// A small WebSocket client over node:net for the load generators (RFC 6455, client side): text
// messages as single masked frames written straight to the socket, pings answered, each text
// message handed over as a string. Far cheaper per message than the WebSocket built into Node 20,
// so that the client, not the server, is not what a benchmark measures.
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { connect } from 'node:net';

const acceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const opcode = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };
// A frame's header: 2 bytes, plus 2 or 8 of extended length, plus the 4-byte mask.
const headerBytesMax = 14;
// Masks are drawn from the system's random source in blocks, not one call per frame.
const maskPool = Buffer.alloc(64 * 1024);
let maskAt = maskPool.length;

function nextMask() {
  if (maskAt + 4 > maskPool.length) {
    randomFillSync(maskPool);
    maskAt = 0;
  }
  maskAt += 4;
  return maskAt - 4;
}

// One final frame of `code` carrying `data` (a string, sent as UTF-8, or a Buffer), masked with
// fresh random bytes.
function clientFrame(code, data) {
  const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  const out = Buffer.allocUnsafe(headerBytesMax + length);
  out[0] = 0x80 | code;
  let at = 2;
  if (length < 126) {
    out[1] = 0x80 | length;
  } else if (length < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
    at = 4;
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(length), 2);
    at = 10;
  }
  const mask = nextMask();
  maskPool.copy(out, at, mask, mask + 4);
  const payload = at + 4;
  if (typeof data === 'string') out.write(data, payload, 'utf8');
  else data.copy(out, payload);
  for (let i = 0; i < length; i += 1) out[payload + i] ^= maskPool[mask + (i & 3)];
  return out.subarray(0, payload + length);
}

export class RawWebSocket {
  constructor(socket, onText, onClose) {
    this.socket = socket;
    this.onText = onText;
    this.onClose = onClose;
    this.pending = null;
    this.fragments = [];
    this.closed = false;
  }

  // Bytes written but not yet taken by the kernel.
  get bufferedAmount() { return this.socket.writableLength; }

  send(text) { this.socket.write(clientFrame(opcode.text, text)); }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.socket.end(clientFrame(opcode.close, Buffer.from([0x03, 0xe8])));  // 1000: normal
  }

  // Splits what arrived into frames; a frame cut by the end of a read waits for the next one.
  receive(chunk) {
    const buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (buffer.length - at < 2) break;
      const first = buffer[at];
      let length = buffer[at + 1] & 0x7f;
      let payload = at + 2;
      if (length === 126) {
        if (buffer.length - at < 4) break;
        length = buffer.readUInt16BE(at + 2);
        payload = at + 4;
      } else if (length === 127) {
        if (buffer.length - at < 10) break;
        length = Number(buffer.readBigUInt64BE(at + 2));
        payload = at + 10;
      }
      if (buffer.length - payload < length) break;
      this.frame(first & 0x80, first & 0x0f, buffer.subarray(payload, payload + length));
      at = payload + length;
    }
    this.pending = at < buffer.length ? Buffer.from(buffer.subarray(at)) : null;
  }

  frame(final, code, payload) {
    if (code === opcode.text || code === opcode.continuation) {
      if (!final) {
        this.fragments.push(Buffer.from(payload));
        return;
      }
      if (this.fragments.length === 0) {
        this.onText(payload.toString('utf8'));
        return;
      }
      this.fragments.push(payload);
      const whole = Buffer.concat(this.fragments).toString('utf8');
      this.fragments = [];
      this.onText(whole);
    } else if (code === opcode.ping) {
      this.socket.write(clientFrame(opcode.pong, payload));
    } else if (code === opcode.close) {
      this.closed = true;
      this.socket.end();
      this.onClose(payload.length >= 2 ? payload.readUInt16BE(0) : 1005,
        payload.subarray(2).toString('utf8'));
    }
  }
}

// Opens `url` (ws://host:port/path?query); resolves once the server answered 101 with the
// right Sec-WebSocket-Accept. onText(string) gets each text message, onClose(code, reason) the
// server's close.
export function openRawWebSocket(url, onText, onClose) {
  const { hostname, port, pathname, search } = new URL(url);
  const key = randomBytes(16).toString('base64');
  const expected = createHash('sha1').update(key + acceptGuid).digest('base64');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    let head = Buffer.alloc(0);
    const onHandshake = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onHandshake);
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const accept = lines.find((l) => /^sec-websocket-accept:/i.test(l));
      if (!/^HTTP\/1\.1 101 /.test(lines[0]) || accept?.split(':')[1].trim() !== expected) {
        socket.destroy();
        reject(new Error(`WebSocket upgrade refused: ${lines[0]}`));
        return;
      }
      const ws = new RawWebSocket(socket, onText, onClose);
      socket.on('data', (data) => ws.receive(data));
      socket.on('error', () => {});  // followed by 'close'
      socket.on('close', () => { if (!ws.closed) onClose(1006, 'connection lost'); });
      if (head.length > end + 4) ws.receive(head.subarray(end + 4));
      resolve(ws);
    };
    socket.on('data', onHandshake);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
        'Sec-WebSocket-Version: 13\r\n\r\n');
    });
  });
}
