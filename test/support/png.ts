/** Reads what a PNG says about itself: the signature and the IHDR chunk (RFC 2083), nothing more. */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

/** Throws unless `data` starts like a PNG: signature, then an IHDR chunk of 13 bytes. */
export function readPngHeader(data: Uint8Array): PngHeader {
  if (data.length < 33 || SIGNATURE.some((b, i) => data[i] !== b)) throw new Error('not a PNG: bad signature');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const length = view.getUint32(8);
  const type = String.fromCharCode(...data.subarray(12, 16));
  if (type !== 'IHDR' || length !== 13) throw new Error(`not a PNG: first chunk is ${type} (${length} bytes)`);
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: data[24]!, colourType: data[25]! };
}
