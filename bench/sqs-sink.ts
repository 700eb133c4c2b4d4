import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The least SQS endpoint a fresh process needs to finish an ingest run: it accepts SendMessageBatch (the index
 * queue's one call, JSON protocol) and answers each entry with the MD5 the SDK checks, keeping nothing. The bench
 * measures the function's memory on the large upload; without a queue the run's last step failed and the figure
 * was that of a failed run ("1 of 1 records failed").
 */
export async function startSqsSink(): Promise<{
  endpoint: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        Entries?: { Id: string; MessageBody: string }[];
      };
      if (!target.endsWith('.SendMessageBatch') || !body.Entries) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: `not supported: ${target}` }));
        return;
      }
      received += body.Entries.length;
      const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          Successful: body.Entries.map((e) => ({
            Id: e.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: md5(e.MessageBody),
          })),
          Failed: [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
