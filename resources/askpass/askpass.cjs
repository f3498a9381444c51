'use strict';
// Muxdeck's askpass helper. ssh runs it (via muxdeck-askpass) with its prompt as the only
// argument and reads the answer from stdout. It asks Muxdeck over a private socket; if Muxdeck
// has nothing saved, it asks the user on the terminal, as ssh would have, and may offer to save.
// Plain Node, no dependencies: it runs outside Muxdeck's bundle.
const fs = require('node:fs');
const net = require('node:net');

const prompt = process.argv[2] || 'Password: ';
const env = process.env;

function ask(message) {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(env.MUXDECK_ASKPASS_SOCKET);
    let reply = '';
    socket.setEncoding('utf8');
    socket.setTimeout(60000, () => socket.destroy(new Error('Muxdeck did not answer')));
    socket.on('connect', () => socket.write(JSON.stringify(message) + '\n'));
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(reply));
      } catch (error) {
        reject(error);
      }
    });
    socket.on('error', reject);
  });
}

/** Reads one line from the terminal, without echo for secrets; Ctrl+C or Ctrl+D cancels. */
function readFromTerminal(question, echo) {
  return new Promise((resolve) => {
    let fd;
    try {
      fd = fs.openSync('/dev/tty', 'r+');
    } catch {
      return resolve(undefined);
    }
    const tty = require('node:tty');
    const input = new tty.ReadStream(fd);
    input.setRawMode(true);
    fs.writeSync(fd, question);
    let line = '';
    const finish = (value) => {
      input.setRawMode(false);
      input.destroy();
      fs.writeSync(fd, '\r\n');
      resolve(value);
    };
    input.on('data', (chunk) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(line);
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined);
        if (ch === '\u007f' || ch === '\b') {
          if (line.length > 0) {
            line = line.slice(0, -1);
            if (echo) fs.writeSync(fd, '\b \b');
          }
          continue;
        }
        line += ch;
        if (echo) fs.writeSync(fd, ch);
      }
    });
  });
}

async function main() {
  const base = {
    token: env.MUXDECK_ASKPASS_TOKEN || '',
    session: env.MUXDECK_SESSION || '',
    prompt,
    sshPid: process.ppid,
  };
  const answer = await ask(base);
  if (answer.kind === 'secret') {
    process.stdout.write(answer.secret + '\n');
    return 0;
  }
  if (answer.kind === 'refuse') {
    process.stderr.write('Muxdeck: ' + answer.reason + '\n');
    return 1;
  }
  const typed = await readFromTerminal(prompt, Boolean(answer.echo));
  if (typed === undefined) return 1;
  if (answer.offerSave) {
    const keep = await readFromTerminal('Save the ' + answer.saveLabel + ' in the keychain? [y/N] ', true);
    if (keep && /^y(es)?$/i.test(keep.trim())) {
      const saved = await ask({ ...base, save: typed }).catch(() => ({ saved: false }));
      if (!saved.saved) process.stderr.write('Muxdeck: could not save it in the keychain.\n');
    }
  }
  process.stdout.write(typed + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      'Muxdeck askpass: ' + (error && error.message ? error.message : String(error)) + '\n',
    );
    process.exit(1);
  },
);
