/**
 * The slice of the protobuf wire format that Google Authenticator exports use: varints, 64-bit
 * varints, length-delimited fields, and skipping fixed-width fields we do not know. Written here
 * (≈150 lines) instead of pulling a protobuf runtime into the extension bundle; every malformed
 * input raises ProtobufError, which callers translate into their own error code.
 */

export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export class ProtobufError extends Error {
  override readonly name = 'ProtobufError';
}

export interface FieldTag {
  field: number;
  wireType: WireType;
}

/*
 * TextDecoder/TextEncoder exist in every runtime we target (browsers, extension workers, Node) but
 * the package compiles against plain ES libs (no DOM), so they are typed locally.
 */
interface TextCodecs {
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(input: Uint8Array): string };
  TextEncoder: new () => { encode(input: string): Uint8Array };
}
const codecs = globalThis as unknown as TextCodecs;
const utf8 = new codecs.TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new codecs.TextEncoder();

export class ProtobufReader {
  private readonly bytes: Uint8Array;
  private position = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  /** Reads a varint as an unsigned 64-bit bigint (at most 10 bytes). */
  uint64(): bigint {
    let low = 0;
    let high = 0;
    for (let i = 0; i < 10; i++) {
      if (this.position >= this.bytes.length) throw new ProtobufError('truncated varint');
      const byte = this.bytes[this.position++] as number;
      const payload = byte & 0x7f;
      if (i < 4) low |= payload << (7 * i);
      else if (i === 4) {
        low |= (payload & 0x0f) << 28;
        high |= payload >>> 4;
      } else if (i < 9) high |= payload << (7 * i - 32);
      else {
        if (payload > 1) throw new ProtobufError('varint overflows 64 bits');
        high |= payload << 31;
      }
      if ((byte & 0x80) === 0) return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    }
    throw new ProtobufError('varint longer than 10 bytes');
  }

  /** Reads a varint that must fit a non-negative safe integer (enums, sizes, tags). */
  uint(): number {
    const value = this.uint64();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtobufError('varint too large');
    return Number(value);
  }

  /** int32 / enum: negative values arrive sign-extended to 64 bits. */
  int32(): number {
    return Number(BigInt.asIntN(32, this.uint64()));
  }

  /** int64, two's complement. */
  int64(): bigint {
    return BigInt.asIntN(64, this.uint64());
  }

  tag(): FieldTag {
    const key = this.uint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 0) throw new ProtobufError('field number 0');
    if (wireType > 5) throw new ProtobufError(`invalid wire type ${wireType}`);
    return { field, wireType: wireType as WireType };
  }

  bytesField(): Uint8Array {
    const length = this.uint();
    if (length > this.bytes.length - this.position) {
      throw new ProtobufError(`length ${length} runs past the end of the message`);
    }
    const value = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return value;
  }

  string(): string {
    try {
      return utf8.decode(this.bytesField());
    } catch (error) {
      if (error instanceof ProtobufError) throw error;
      throw new ProtobufError('string field is not valid UTF-8');
    }
  }

  /** Skips a field of an unknown number. Groups are deprecated and never used here: rejected. */
  skip(wireType: WireType): void {
    switch (wireType) {
      case WireType.Varint:
        this.uint64();
        return;
      case WireType.Fixed64:
        this.advance(8);
        return;
      case WireType.LengthDelimited:
        this.bytesField();
        return;
      case WireType.Fixed32:
        this.advance(4);
        return;
      default:
        throw new ProtobufError(`unsupported wire type ${wireType} (groups)`);
    }
  }

  private advance(count: number): void {
    if (count > this.bytes.length - this.position) throw new ProtobufError('truncated fixed-width field');
    this.position += count;
  }
}

/** Appends fields; used to build export payloads and test fixtures. */
export class ProtobufWriter {
  private chunks: number[] = [];

  /** Raw bytes, e.g. to craft deliberately malformed fixtures. */
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.chunks.push((bytes[i] as number) & 0xff);
    return this;
  }

  varint(value: number | bigint): this {
    let rest = BigInt.asUintN(64, BigInt(value));
    while (rest > 0x7fn) {
      this.chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
    return this;
  }

  tag(field: number, wireType: WireType): this {
    return this.varint(field * 8 + wireType);
  }

  uintField(field: number, value: number | bigint): this {
    return this.tag(field, WireType.Varint).varint(value);
  }

  bytesField(field: number, value: Uint8Array): this {
    return this.tag(field, WireType.LengthDelimited).varint(value.length).raw(value);
  }

  stringField(field: number, value: string): this {
    return this.bytesField(field, utf8Encoder.encode(value));
  }

  messageField(field: number, message: ProtobufWriter): this {
    return this.bytesField(field, message.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
