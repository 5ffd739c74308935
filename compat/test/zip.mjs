// A minimal ZIP writer and reader for the compatibility test, so that it needs no npm package beyond
// platform-client: deflate (method 8) or stored (method 0) entries, no ZIP64, no encryption.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;

const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        }
        table[n] = c >>> 0;
    }
    return table;
})();

function crc32(bytes) {
    let crc = 0xffffffff;
    for (const byte of bytes) {
        crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Builds a ZIP archive from `[{ name, data }]` (data: string or bytes; a name ending in `/` is a
 * directory entry). Files are deflated; the result is a Buffer.
 */
export function zip(entries) {
    const locals = [];
    const centrals = [];
    let offset = 0;
    for (const { name, data = '' } of entries) {
        const nameBytes = Buffer.from(name, 'utf8');
        const plain = Buffer.from(data);
        const directory = name.endsWith('/');
        const method = directory ? STORED : DEFLATED;
        const packed = directory ? plain : deflateRawSync(plain);
        const crc = crc32(plain);

        const local = Buffer.alloc(30);
        local.writeUInt32LE(LOCAL_HEADER, 0);
        local.writeUInt16LE(20, 4); // version needed
        local.writeUInt16LE(UTF8_NAMES, 6);
        local.writeUInt16LE(method, 8);
        local.writeUInt16LE(0, 10); // time
        local.writeUInt16LE(0x21, 12); // date: 1980-01-01
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(packed.length, 18);
        local.writeUInt32LE(plain.length, 22);
        local.writeUInt16LE(nameBytes.length, 26);
        local.writeUInt16LE(0, 28); // extra length
        locals.push(local, nameBytes, packed);

        const central = Buffer.alloc(46);
        central.writeUInt32LE(CENTRAL_HEADER, 0);
        central.writeUInt16LE(20, 4); // version made by
        central.writeUInt16LE(20, 6); // version needed
        central.writeUInt16LE(UTF8_NAMES, 8);
        central.writeUInt16LE(method, 10);
        central.writeUInt16LE(0, 12);
        central.writeUInt16LE(0x21, 14);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(packed.length, 20);
        central.writeUInt32LE(plain.length, 24);
        central.writeUInt16LE(nameBytes.length, 28);
        // extra, comment, disk, internal attributes: 0
        central.writeUInt32LE(directory ? 0x10 : 0, 38); // external attributes
        central.writeUInt32LE(offset, 42);
        centrals.push(central, nameBytes);

        offset += local.length + nameBytes.length + packed.length;
    }
    const directoryBytes = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directoryBytes.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directoryBytes, end]);
}

/**
 * Reads a ZIP archive (bytes) through its central directory: returns `[{ name, data }]` in
 * directory order, data as a Buffer, after checking each entry's CRC. Throws on anything it cannot read.
 */
export function unzip(bytes) {
    const buffer = Buffer.from(bytes);
    let end = -1;
    for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
        if (buffer.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
            end = i;
            break;
        }
    }
    if (end < 0) {
        throw new Error('not a ZIP: no end of central directory record');
    }
    const count = buffer.readUInt16LE(end + 10);
    let at = buffer.readUInt32LE(end + 16);
    const entries = [];
    for (let i = 0; i < count; i++) {
        if (buffer.readUInt32LE(at) !== CENTRAL_HEADER) {
            throw new Error(`not a ZIP: bad central directory header ${i}`);
        }
        const method = buffer.readUInt16LE(at + 10);
        const crc = buffer.readUInt32LE(at + 16);
        const packedSize = buffer.readUInt32LE(at + 20);
        const nameLength = buffer.readUInt16LE(at + 28);
        const extraLength = buffer.readUInt16LE(at + 30);
        const commentLength = buffer.readUInt16LE(at + 32);
        const localOffset = buffer.readUInt32LE(at + 42);
        const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
        at += 46 + nameLength + extraLength + commentLength;

        if (buffer.readUInt32LE(localOffset) !== LOCAL_HEADER) {
            throw new Error(`not a ZIP: bad local header for ${name}`);
        }
        const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
        const packed = buffer.subarray(start, start + packedSize);
        let data;
        if (method === STORED) {
            data = Buffer.from(packed);
        } else if (method === DEFLATED) {
            data = inflateRawSync(packed);
        } else {
            throw new Error(`unsupported compression method ${method} for ${name}`);
        }
        if (crc32(data) !== crc) {
            throw new Error(`CRC mismatch for ${name}`);
        }
        entries.push({ name, data });
    }
    return entries;
}
