import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtobufError, ProtobufReader, ProtobufWriter, WireType } from '../src/protobuf.js';

const read = (bytes: number[]) => new ProtobufReader(Uint8Array.from(bytes));

describe('ProtobufReader', () => {
  it('reads varints of every length', () => {
    expect(read([0x00]).uint64()).toBe(0n);
    expect(read([0x7f]).uint64()).toBe(127n);
    expect(read([0x80, 0x01]).uint64()).toBe(128n);
    expect(read([0xac, 0x02]).uint64()).toBe(300n);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x0f]).uint64()).toBe(2n ** 32n - 1n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x10]).uint64()).toBe(2n ** 32n);
    expect(read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).uint64()).toBe(2n ** 64n - 1n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).uint64()).toBe(2n ** 63n);
  });

  it('sign-extends int32 and int64', () => {
    const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(read(minusOne).int32()).toBe(-1);
    expect(read(minusOne).int64()).toBe(-1n);
    expect(read([0x96, 0x01]).int32()).toBe(150);
  });

  it('rejects truncated and overlong varints', () => {
    expect(() => read([0x80]).uint64()).toThrow(ProtobufError);
    expect(() => read([]).uint64()).toThrow(ProtobufError);
    expect(() => read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]).uint64()).toThrow(/64 bits/);
    expect(() => read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).uint64()).toThrow(
      ProtobufError,
    );
  });

  it('rejects field 0, wire types 6/7, groups, and lengths past the end', () => {
    expect(() => read([0x00]).tag()).toThrow(/field number 0/);
    expect(() => read([0x0e]).tag()).toThrow(/wire type 6/);
    expect(() => read([0x0f]).tag()).toThrow(/wire type 7/);
    expect(() => read([]).skip(WireType.StartGroup)).toThrow(/groups/);
    expect(() => read([0x05, 0x01]).bytesField()).toThrow(/past the end/);
    expect(() => read([0xff, 0xff, 0xff, 0xff, 0xff, 0x1f]).bytesField()).toThrow(ProtobufError);
    expect(() => read([0x01, 0x02, 0x03]).skip(WireType.Fixed32)).toThrow(/truncated/);
    expect(() => read([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]).skip(WireType.Fixed64)).toThrow(/truncated/);
  });

  it('rejects invalid UTF-8 in strings', () => {
    expect(() => read([0x02, 0xc3, 0x28]).string()).toThrow(/UTF-8/);
    expect(read([0x02, 0xc3, 0xa9]).string()).toBe('é');
  });

  it('skips fields of every supported wire type', () => {
    const reader = read([0x96, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 9, 9, 1, 2, 3, 4]);
    reader.skip(WireType.Varint);
    reader.skip(WireType.Fixed64);
    reader.skip(WireType.LengthDelimited);
    reader.skip(WireType.Fixed32);
    expect(reader.done).toBe(true);
  });

  it('round-trips varints written by ProtobufWriter (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { maxLength: 20 }), (values) => {
        const writer = new ProtobufWriter();
        for (const value of values) writer.varint(value);
        const reader = new ProtobufReader(writer.finish());
        for (const value of values) expect(reader.uint64()).toBe(value);
        expect(reader.done).toBe(true);
      }),
    );
  });

  it('round-trips tagged fields', () => {
    const bytes = new ProtobufWriter()
      .stringField(2, 'héllo')
      .uintField(7, 2n ** 63n - 1n)
      .bytesField(1, Uint8Array.of(1, 2))
      .finish();
    const reader = new ProtobufReader(bytes);
    expect(reader.tag()).toEqual({ field: 2, wireType: WireType.LengthDelimited });
    expect(reader.string()).toBe('héllo');
    expect(reader.tag()).toEqual({ field: 7, wireType: WireType.Varint });
    expect(reader.int64()).toBe(2n ** 63n - 1n);
    expect(reader.tag()).toEqual({ field: 1, wireType: WireType.LengthDelimited });
    expect(Array.from(reader.bytesField())).toEqual([1, 2]);
    expect(reader.done).toBe(true);
  });
});
