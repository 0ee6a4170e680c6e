import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for integration tests, run as its own process (see smtp-peer.ts). Prints
 * {"port":N} once listening, then one JSON line {from, to, raw} per received message.
 * Exits when its stdin closes, so it never outlives the test run.
 */
const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username ?? 'anonymous' });
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    stream.on('end', () => {
      const message = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((recipient) => recipient.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      };
      process.stdout.write(`${JSON.stringify(message)}\n`);
      callback();
    });
  },
});

function shutdown(): void {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}

server.on('error', (error) => {
  process.stderr.write(`smtp-server error: ${error.message}\n`);
});
server.listen(Number(process.env.SMTP_PEER_PORT ?? 0), '127.0.0.1', () => {
  const address = server.server.address();
  if (address === null || typeof address === 'string') {
    process.stderr.write('smtp-server has no TCP address\n');
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.stdin.on('end', shutdown);
process.stdin.resume();
process.on('SIGTERM', shutdown);
