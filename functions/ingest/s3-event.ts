/** The part of an S3 event notification the ingest function reads (AWS event structure version 2.1). */
export interface S3EventRecord {
  eventName: string;
  eventTime: string;
  s3: {
    bucket: { name: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer?: string };
  };
}

export interface S3Event {
  Records: S3EventRecord[];
}
