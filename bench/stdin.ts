/**
 * Standard input as text, read as a stream: `readFileSync(0)` fails with EAGAIN when the parent is
 * still writing a large input (1,741 municipalities' config) into a non-blocking pipe.
 */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
