// LEB128, the unsigned integer encoding of the wasm binary format: what the
// scripts that edit a module's sections (without-features, short-names) read
// and write.

/** The value at `at` in `bytes`, and where the next field starts. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** `value` encoded, as a Buffer. */
export function encodeLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}
