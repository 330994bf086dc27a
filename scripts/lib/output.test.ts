import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, Output } from './output.ts';
import { Redactor } from './redact.ts';

function capture(tty: boolean, json = false) {
  const streams = { stdout: '', stderr: '' };
  const redactor = new Redactor();
  redactor.add('hunter2-secret');
  const out = new Output(
    {
      stdout: { write: (s: string) => (streams.stdout += s) },
      stderr: { write: (s: string) => (streams.stderr += s), isTTY: tty }
    },
    redactor,
    json
  );
  return { out, streams };
}

describe('Output', () => {
  it('draws a progress bar on a terminal and plain lines otherwise, always on stderr', () => {
    const tty = capture(true);
    const bar = tty.out.progress('Assigning', 4);
    bar.tick(2);
    bar.tick(2);
    bar.done();
    assert.match(tty.streams.stderr, /\rAssigning \[#{15}-{15}\] 2\/4 \(50%\)/);
    assert.match(tty.streams.stderr, /\rAssigning \[#{30}\] 4\/4 \(100%\)\n$/);
    assert.equal(tty.streams.stdout, '');
    const plain = capture(false);
    const lines = plain.out.progress('Assigning', 4);
    lines.tick(4);
    lines.done();
    assert.equal(plain.streams.stderr, 'Assigning: 4 to do\nAssigning: 4/4 done\n');
  });

  it('redacts every line and keeps stdout to one JSON object in --json mode', () => {
    const { out, streams } = capture(false, true);
    out.info('token hunter2-secret');
    out.print('human text hunter2-secret');
    out.writeJson({ status: 0, result: { value: 'hunter2-secret' } });
    assert.equal(streams.stderr, 'token [REDACTED]\n');
    assert.deepEqual(JSON.parse(streams.stdout), { status: 0, result: { value: '[REDACTED]' } });
    assert.throws(() => out.writeJson({}), /already written/);
  });

  it('formats aligned tables without cutting the last column', () => {
    const table = formatTable(['A', 'Long header'], [['x', 'a long final cell that stays whole']]).split('\n');
    assert.equal(table[0], 'A  Long header');
    assert.equal(table[2], 'x  a long final cell that stays whole');
  });
});
