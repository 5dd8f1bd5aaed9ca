// An SMTP server on loopback for the tests (smtp-server from npm, the server half of nodemailer):
// it offers STARTTLS with the test's certificate, requires AUTH when given credentials, and
// reports every message it accepts, parsed by mailparser, as one JSON line on stdout.
//
// Usage: node tests/support/smtp_server.mjs FD CERT KEY [--no-starttls] [--auth USER:PASSWORD]
// The first line on stdout is {"event":"listening","port":N}; then one line per event:
//   {"event":"message", envelope, secure, user, message_id, subject (decoded), subject_raw, from
//    and to (as written), content_type, text, html}       a message accepted with 250
//   {"event":"refused"}                                   a connection refused with 421 (down)
//   {"event":"held", message_id}                          a message read and left unanswered
//   {"event":"stalled", message_id}                       a message accepted, the session frozen
//   {"event":"ok", command}                               a command below taken
// The test writes commands to file descriptor FD, one a line; the server exits at its end:
//   down       refuse every connection with 421 (the service is unavailable)
//   up         accept connections again
//   hold [N]   read the next (or N-th next) message and never answer its DATA (the sender dies
//              in the middle of sending it)
//   stall [N]  accept the next (or N-th next) message with 250, then answer nothing more on its
//              connection (the sender dies after the server took the message, before it could
//              record that)
//   ping       nothing: its answer follows every event reported before it
import fs from 'node:fs';
import readline from 'node:readline';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const [fd, certFile, keyFile, ...flags] = process.argv.slice(2);
const starttls = !flags.includes('--no-starttls');
const authAt = flags.indexOf('--auth');
const credentials = authAt >= 0 ? flags[authAt + 1] : '';
let down = false;
let next = null; // {what: 'hold' or 'stall', left: messages until the one it applies to}

function report(event) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function rawHeader(parsed, key) {
  return parsed.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]*:\s*/, '') ?? '';
}

function described(parsed, session) {
  return {
    event: 'message',
    envelope: {
      from: session.envelope.mailFrom.address,
      to: session.envelope.rcptTo.map((r) => r.address),
    },
    secure: session.secure,
    user: session.user || null,
    message_id: parsed.messageId ?? '',
    subject: parsed.subject ?? '',
    subject_raw: rawHeader(parsed, 'subject'),
    from: rawHeader(parsed, 'from'),
    to: rawHeader(parsed, 'to'),
    content_type: parsed.headers.get('content-type')?.value ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}

// The connection of a session, to freeze it once its message is accepted: smtp-server has no
// hook after the 250, and a sender that never gets the answer to its next command stays in the
// window between the server taking the message and the sender recording it.
function freeze(session) {
  for (const connection of server.connections) {
    if (connection.session !== session) continue;
    connection._socket.unpipe();
    connection._socket.pause();
  }
}

async function receive(stream, session, callback) {
  const parsed = await simpleParser(stream);
  const message = described(parsed, session);
  let what = '';
  if (next && --next.left === 0) {
    what = next.what;
    next = null;
  }
  if (what === 'hold') return report({ event: 'held', message_id: message.message_id });
  report(message);
  callback(null, 'queued');
  if (what === 'stall') {
    freeze(session);
    report({ event: 'stalled', message_id: message.message_id });
  }
}

const server = new SMTPServer({
  cert: fs.readFileSync(certFile),
  key: fs.readFileSync(keyFile),
  hideSTARTTLS: !starttls,
  authOptional: credentials === '',
  disabledCommands: credentials === '' ? ['AUTH'] : [],
  allowInsecureAuth: false,
  logger: false,
  onConnect(session, callback) {
    if (!down) return callback();
    report({ event: 'refused' });
    const refusal = new Error('the service is not available, try again later');
    refusal.responseCode = 421;
    return callback(refusal);
  },
  onAuth(auth, session, callback) {
    if (`${auth.username}:${auth.password}` !== credentials) {
      return callback(new Error('Invalid username or password'));
    }
    return callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    receive(stream, session, callback).catch((error) => callback(error));
  },
});
server.on('error', (error) => process.stderr.write(`smtp_server: ${error.message}\n`));
server.listen(0, '127.0.0.1', () => report({ event: 'listening', port: server.server.address().port }));

const commands = readline.createInterface({ input: fs.createReadStream(null, { fd: Number(fd) }) });
commands.on('line', (line) => {
  const [word, count] = line.split(' ');
  if (word === 'down') down = true;
  else if (word === 'up') down = false;
  else if (word === 'hold' || word === 'stall') next = { what: word, left: Number(count ?? 1) };
  else if (word !== 'ping') return process.stderr.write(`smtp_server: unknown command ${line}\n`);
  return report({ event: 'ok', command: line });
});
commands.on('close', () => process.exit(0));
