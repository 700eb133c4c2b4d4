/**
 * The one use of Node's Buffer on the browser path: the reader hands exceljs `Buffer.from(arrayBuffer, offset,
 * length)` and the template writer returns `Buffer.from(arrayBuffer)`. exceljs's browser build takes a Uint8Array
 * for both, so the upload page's bundle injects this view instead of a Buffer polyfill (build-bundle.ts).
 */
export const Buffer = {
  from(data: ArrayBufferLike, byteOffset = 0, length?: number): Uint8Array {
    return new Uint8Array(data, byteOffset, length ?? data.byteLength - byteOffset);
  },
};
