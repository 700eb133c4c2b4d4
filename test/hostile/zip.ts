import { constants, crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * A minimal zip writer for hostile packages: deflated or stored entries whose central directory may *lie* (declare
 * sizes that differ from the data), zip64 size fields, encrypted-flag entries. Built with node:zlib only, so the
 * tests do not depend on the zip library under test (yauzl is used only to unpack the seed for rebuilding).
 */

export interface ZipEntry {
  name: string;
  /** The compressed bytes as stored (raw deflate for method 8, the data itself for method 0). */
  stored: Buffer;
  method: 0 | 8;
  crc: number;
  /** Real uncompressed size. */
  size: number;
  /** What the headers claim; defaults to the real sizes. */
  declaredSize?: number;
  declaredCompressedSize?: number;
  /** Write the sizes as 0xFFFFFFFF with a zip64 extra field carrying the (declared) 64-bit values. */
  zip64?: boolean;
  /** General purpose bit flag (bit 0: encrypted). UTF-8 names (bit 11) are always set. */
  flags?: number;
}

/** A deflated entry of real content. */
export function deflated(name: string, content: string | Buffer): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, stored: deflateRawSync(data), method: 8, crc: crc32(data), size: data.length };
}

/** A stored (uncompressed) entry. */
export function stored(name: string, content: string | Buffer): ZipEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, stored: data, method: 0, crc: crc32(data), size: data.length };
}

const FINAL_EMPTY_BLOCK = deflateRawSync(Buffer.alloc(0));

function syncFlushed(data: Buffer): Buffer {
  return deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * A deflate stream of `head + chunk × times + tail` built without ever holding the inflated content: each part is
 * compressed on its own with a sync flush (non-final blocks, byte-aligned, back-references only inside the part),
 * the compressed chunk is repeated, and an empty final block closes the stream. 1 GiB of XML costs ~1 MB here.
 */
export function repeatedDeflate(
  name: string,
  parts: { head: string; chunk: string; times: number; tail: string },
): ZipEntry {
  const head = Buffer.from(parts.head, 'utf8');
  const chunk = Buffer.from(parts.chunk, 'utf8');
  const tail = Buffer.from(parts.tail, 'utf8');
  const compressedChunk = syncFlushed(chunk);
  const pieces: Buffer[] = [syncFlushed(head)];
  let crc = crc32(head);
  for (let i = 0; i < parts.times; i++) {
    pieces.push(compressedChunk);
    crc = crc32(chunk, crc);
  }
  pieces.push(syncFlushed(tail), FINAL_EMPTY_BLOCK);
  crc = crc32(tail, crc);
  return {
    name,
    stored: Buffer.concat(pieces),
    method: 8,
    crc,
    size: head.length + chunk.length * parts.times + tail.length,
  };
}

function zip64Extra(size: number, compressed: number, offset: number | null): Buffer {
  const extra = Buffer.alloc(4 + 16 + (offset === null ? 0 : 8));
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(extra.length - 4, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(compressed), 12);
  if (offset !== null) extra.writeBigUInt64LE(BigInt(offset), 20);
  return extra;
}

/** Writes a zip archive of the entries, headers declaring what each entry says it declares. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const compressed = e.declaredCompressedSize ?? e.stored.length;
    const flags = 0x0800 | (e.flags ?? 0);
    const size32 = e.zip64 ? 0xffffffff : size;
    const compressed32 = e.zip64 ? 0xffffffff : compressed;
    const localExtra = e.zip64 ? zip64Extra(size, compressed, null) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(compressed32 >>> 0, 18);
    local.writeUInt32LE(size32 >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const centralExtra = e.zip64 ? zip64Extra(size, compressed, null) : Buffer.alloc(0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.zip64 ? 45 : 20, 4);
    central.writeUInt16LE(e.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(compressed32 >>> 0, 20);
    central.writeUInt32LE(size32 >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, localExtra, e.stored);
    centrals.push(central, name, centralExtra);
    offset += local.length + name.length + localExtra.length + e.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Unpacks a (trusted) zip into its entries' bytes, in archive order. */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Rebuilds a workbook package from unpacked parts (deflated), optionally replacing or adding parts. */
export function rezip(parts: ReadonlyMap<string, Buffer>, extra: readonly ZipEntry[] = []): Buffer {
  const replaced = new Set(extra.map((e) => e.name));
  return writeZip([...[...parts].filter(([n]) => !replaced.has(n)).map(([n, b]) => deflated(n, b)), ...extra]);
}
