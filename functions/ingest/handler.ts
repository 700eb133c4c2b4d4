// Placeholder until the ingest use case lands (issue 3): keeps the CDK app bundling a real entry point.
import type { S3Event } from './s3-event.ts';

export async function handler(event: S3Event): Promise<void> {
  console.log(JSON.stringify({ level: 'info', message: 'ingest placeholder', records: event.Records.length }));
}
